package io.aiopshub.chat.slack;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.model.block.LayoutBlock;

import io.aiopshub.chat.ChatProperties;

/**
 * The Slack Web API calls the hub makes with its bot token: chat.postMessage (keeping the message {@code ts},
 * which camel-slack's producer drops) and chat.update. The client is the one camel-slack already brings.
 * Nothing here logs: request objects carry the token, so failures leave as {@link SlackApiCallException}
 * with Slack's error code only.
 */
@Component
public class SlackWebApi implements DisposableBean {

    private final Slack slack;
    private final MethodsClient methods;

    public SlackWebApi(ChatProperties properties) {
        ChatProperties.Slack settings = properties.getSlack();
        String token = settings.getBotToken() == null ? "" : settings.getBotToken().trim();
        // Without a token nothing is ever sent: no client (its HTTP stack costs start-up time for nothing).
        this.slack = token.isEmpty() ? null : Slack.getInstance(config(settings));
        this.methods = token.isEmpty() ? null : slack.methods(token);
    }

    private static SlackConfig config(ChatProperties.Slack settings) {
        SlackConfig config = new SlackConfig();
        String url = settings.getApiUrl();
        config.setMethodsEndpointUrlPrefix(url.endsWith("/") ? url : url + "/");
        // The rate-limit statistics run a background thread per client; the hub makes a few calls per run.
        config.setStatsEnabled(false);
        config.getMethodsConfig().setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        config.setFailOnUnknownProperties(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, settings.getApiTimeout().toMillis());
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        config.setHttpClientCallTimeoutMillis(millis);
        return config;
    }

    /** False without a bot token: nothing is ever sent. */
    public boolean enabled() {
        return methods != null;
    }

    /** Posts a message; returns its {@code ts}, the id chat.update needs. */
    public String postMessage(String channel, String text, List<LayoutBlock> blocks) {
        MethodsClient client = client();
        return call("chat.postMessage", () -> client.chatPostMessage(ChatPostMessageRequest.builder()
                .channel(channel).text(text).blocks(blocks).unfurlLinks(false).unfurlMedia(false).build())).getTs();
    }

    /** Replaces the text and blocks of the message {@code ts} in {@code channel}. */
    public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        MethodsClient client = client();
        call("chat.update", () -> client.chatUpdate(ChatUpdateRequest.builder()
                .channel(channel).ts(ts).text(text).blocks(blocks).build()));
    }

    private MethodsClient client() {
        if (methods == null) {
            throw new IllegalStateException("Slack Web API calls need aiops.chat.slack.bot-token");
        }
        return methods;
    }

    private static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            throw new SlackApiCallException(method + " failed with HTTP " + e.getResponse().code()
                    + (e.getError() != null && e.getError().getError() != null ? " (" + e.getError().getError() + ")" : ""));
        } catch (IOException e) {
            throw new SlackApiCallException(method + " failed: " + e.getClass().getSimpleName());
        }
        if (!response.isOk()) {
            throw new SlackApiCallException(method + " refused: " + response.getError());
        }
        return response;
    }

    @Override
    public void destroy() throws Exception {
        if (slack != null) {
            slack.close();
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    /** A Slack Web API call that failed; the message holds the method and Slack's error code, never the token. */
    public static class SlackApiCallException extends RuntimeException {
        public SlackApiCallException(String message) {
            super(message);
        }
    }
}
