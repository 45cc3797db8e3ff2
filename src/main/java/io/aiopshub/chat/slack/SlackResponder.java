package io.aiopshub.chat.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatProperties;

/**
 * Posts an answer to the response URL of a slash command or click. A plain HTTP client rather than a Camel
 * endpoint: every response URL is different, and an endpoint per URL would pile up in Camel's cache. The
 * URL is never logged (it lets its holder post into the channel).
 */
@Component
public class SlackResponder {

    private static final Logger LOG = LoggerFactory.getLogger(SlackResponder.class);

    private final ObjectMapper json;
    private final String prefix;
    private final Duration timeout;
    private final HttpClient client;

    public SlackResponder(ObjectMapper json, ChatProperties properties) {
        this.json = json;
        this.prefix = properties.getSlack().getResponseUrlPrefix();
        this.timeout = properties.getSlack().getResponseTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** True when Slack took the answer; failures are logged, not thrown: the command itself is done. */
    public boolean reply(String responseUrl, ChatAnswer answer) {
        return send(responseUrl, answer, false);
    }

    /**
     * The answer to a click on a message's button, as a new message: the clicked message itself is left
     * alone (chat.update edits it), which Slack otherwise may replace with the answer.
     */
    public boolean replyToClick(String responseUrl, ChatAnswer answer) {
        return send(responseUrl, answer, true);
    }

    private boolean send(String responseUrl, ChatAnswer answer, boolean keepOriginal) {
        if (responseUrl == null || !responseUrl.startsWith(prefix)) {
            LOG.warn("Slack answer dropped: no response URL of Slack's to send it to");
            return false;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("response_type", answer.announce() ? "in_channel" : "ephemeral");
        message.put("text", SlackText.escape(answer.text()));
        if (keepOriginal) {
            message.put("replace_original", false);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl)).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message))).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                LOG.warn("Slack refused an answer with HTTP {}", status);
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            LOG.warn("Slack answer not delivered: {}", e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
