package io.aiopshub.rca.llm;

import org.springframework.stereotype.Component;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Token counts as the provider reported them. camel-langchain4j-chat hands back only the text, so the
 * chat models carry this listener, which keeps the usage of the calls made on the current thread
 * until the analyst takes it.
 */
@Component
public class TokenUsageRecorder implements ChatModelListener {

    /** Tokens of the calls since the last {@link #take()}; zero when the provider reported none. */
    public record Usage(int input, int output) { }

    private final ThreadLocal<int[]> counts = ThreadLocal.withInitial(() -> new int[2]);

    @Override
    public void onResponse(ChatModelResponseContext context) {
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage != null) {
            int[] c = counts.get();
            c[0] += usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            c[1] += usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        }
    }

    public Usage take() {
        int[] c = counts.get();
        counts.remove();
        return new Usage(c[0], c[1]);
    }
}
