/**
 * Approvals in chat: when an action run awaits approval, each configured chat channel shows one message
 * with Approve / Reject / Dry run details buttons; a click lands on the runner's state machine through
 * {@link io.aiopshub.chat.approval.ChatApprovals} (policy, two-person rule and compare-and-set included),
 * and the message is edited after the decision and again when the run ends.
 */
package io.aiopshub.chat.approval;
