/**
 * ChatOps: commands and (later) approvals from chat platforms. {@code chat.command} parses and executes the
 * command set whatever the platform; {@code chat.slack} receives Slack's signed callbacks and answers through
 * Slack's response URLs.
 */
package io.aiopshub.chat;
