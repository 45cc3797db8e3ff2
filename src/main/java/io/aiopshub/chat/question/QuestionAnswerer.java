package io.aiopshub.chat.question;

import java.util.Locale;

import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;

/**
 * Answers a chat message that is not a command. With an LLM configured, the model answers using the read-only
 * tools; an action it suggests becomes a proposal awaiting approval (see {@link QuestionProposals}). Without an
 * LLM, or when it fails, the hub answers from its own data by keywords. A question never approves or runs
 * anything. The caller redacts and bounds the answer text.
 */
@Component
public class QuestionAnswerer {

    private final LlmQuestions llm;
    private final KeywordAnswers keywords;
    private final QuestionProposals proposals;
    private final QuestionCosts costs;

    public QuestionAnswerer(LlmQuestions llm, KeywordAnswers keywords, QuestionProposals proposals, QuestionCosts costs) {
        this.llm = llm;
        this.keywords = keywords;
        this.proposals = proposals;
        this.costs = costs;
    }

    public ChatAnswer answer(ChatUser user, String question) {
        String why = "No LLM is configured";
        if (llm.configured()) {
            LlmQuestions.Outcome outcome = llm.ask(question);
            if (outcome instanceof LlmQuestions.Answered answered) {
                return ChatAnswer.reply(text(user, answered.answer()));
            }
            why = capitalised(((LlmQuestions.NotAnswered) outcome).why());
        }
        costs.keywords();
        return ChatAnswer.reply(why + ", so this answer comes from the hub's own data by keywords.\n" + keywords.answer(question));
    }

    private String text(ChatUser user, LlmAnswer answer) {
        StringBuilder text = new StringBuilder(answer.answer().isBlank() ? "(the model gave no answer text)" : answer.answer());
        if (answer.proposal() != null) {
            text.append("\n\n").append(proposals.propose(user, answer.proposal(), answer.provider()));
        }
        return text.append("\n\n(answered by ").append(answer.provider()).append(' ').append(answer.model())
                .append(" with read-only tools: ").append(answer.toolCalls()).append(answer.toolCalls() == 1 ? " tool call, " : " tool calls, ")
                .append(answer.tokensIn() + answer.tokensOut()).append(" tokens, about $")
                .append(String.format(Locale.ROOT, "%.4f", answer.costUsd())).append(')').toString();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
