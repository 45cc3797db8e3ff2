package io.aiopshub.chat.question;

/**
 * A bean whose {@link dev.langchain4j.agent.tool.Tool} methods the LLM may call while answering a chat question.
 * Every such method only reads: it has no way to change an incident, a silence or a run, and its result is
 * redacted and bounded by {@link QuestionTools} before the model sees it.
 */
public interface QuestionTool {
}
