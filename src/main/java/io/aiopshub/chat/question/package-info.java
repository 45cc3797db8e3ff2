/**
 * Chat messages that are not commands: questions in plain language. {@link io.aiopshub.chat.question.QuestionAnswerer}
 * asks the LLM chain with read-only tools ({@link io.aiopshub.chat.question.QuestionTool} beans) or, without an LLM,
 * answers by keywords from the hub's data; a suggested action becomes a proposal awaiting approval, never a run.
 */
package io.aiopshub.chat.question;
