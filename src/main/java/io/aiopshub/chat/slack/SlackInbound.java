package io.aiopshub.chat.slack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.api.security.SignedRequests;
import io.aiopshub.chat.ChatProperties;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.ingest.StrictJson;

/**
 * Route steps of {@code POST /api/v1/chat/slack/*}: turns the verified body of Slack's request into a
 * {@link SlackCommand} or {@link SlackInteraction}. Only bytes the signature filter accepted are read; a
 * request that somehow arrives without them is refused. Bad fields are 400 naming the field.
 */
@Component("slackInbound")
public class SlackInbound {

    /** Slack's team, channel, user and message ids; also what ends up in identities ({@code slack:U024BE7LH}). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_TEXT = 4000;
    private static final int MAX_URL = 1024;
    private static final int MAX_ACTIONS = 25;
    private static final int MAX_ACTION_ID = 255;
    private static final int MAX_ACTION_VALUE = 2000;

    private final String responseUrlPrefix;

    public SlackInbound(ChatProperties properties) {
        this.responseUrlPrefix = properties.getSlack().getResponseUrlPrefix();
    }

    /** Form fields team_id, channel_id, user_id, command, text, response_url, trigger_id. */
    public SlackCommand command(Exchange exchange) {
        Map<String, String> form = FormBody.parse(verifiedBody(exchange));
        return new SlackCommand(optionalId(form, "team_id"), requiredId(form, "channel_id"), requiredId(form, "user_id"),
                text(form, "command", 64, true), text(form, "text", MAX_TEXT, false),
                responseUrl(form.get("response_url"), "response_url", true), text(form, "trigger_id", 256, false));
    }

    /**
     * The form field {@code payload}: JSON with type, user.id, channel.id, container.message_ts, response_url,
     * trigger_id, actions (action_id, value, action_ts).
     */
    public SlackInteraction interaction(Exchange exchange) {
        Map<String, String> form = FormBody.parse(verifiedBody(exchange));
        String payload = form.get("payload");
        if (payload == null || payload.isBlank()) {
            throw new PayloadValidationException("payload", "is required: the interaction as JSON");
        }
        JsonNode root;
        try {
            root = StrictJson.read(payload.getBytes(StandardCharsets.UTF_8));
        } catch (PayloadValidationException e) {
            throw new PayloadValidationException("payload", e.getProblems().get(0).message());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadValidationException("payload", "must be a JSON object");
        }
        String type = jsonText(root, "type", "payload.type", 64, true);
        String userId = jsonId(root.path("user"), "payload.user.id", true);
        String teamId = jsonId(root.path("team"), "payload.team.id", false);
        String channelId = jsonId(root.path("channel"), "payload.channel.id", false);
        String messageTs = jsonText(root.path("container"), "message_ts", "payload.container.message_ts", 32, false);
        String responseUrl = responseUrl(jsonText(root, "response_url", "payload.response_url", MAX_URL, false),
                "payload.response_url", false);
        String triggerId = jsonText(root, "trigger_id", "payload.trigger_id", 256, false);
        return new SlackInteraction(type, teamId, userId, channelId, messageTs, responseUrl, triggerId,
                actions(root.path("actions")));
    }

    private static byte[] verifiedBody(Exchange exchange) {
        return SignedRequests.verifiedBody(exchange, SlackRequestVerifier.NAME).orElseThrow(() ->
                new IllegalStateException("a Slack request reached its route without a verified signature"));
    }

    private List<SlackInteraction.Action> actions(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new PayloadValidationException("payload.actions", "must be an array");
        }
        if (node.size() > MAX_ACTIONS) {
            throw new PayloadValidationException("payload.actions", "has more than " + MAX_ACTIONS + " entries");
        }
        List<SlackInteraction.Action> actions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "payload.actions[" + i + "]";
            actions.add(new SlackInteraction.Action(jsonText(node.get(i), "action_id", at + ".action_id", MAX_ACTION_ID, true),
                    jsonText(node.get(i), "value", at + ".value", MAX_ACTION_VALUE, false),
                    jsonText(node.get(i), "action_ts", at + ".action_ts", 32, false)));
        }
        return actions;
    }

    private static String requiredId(Map<String, String> form, String field) {
        String id = optionalId(form, field);
        if (id == null) {
            throw new PayloadValidationException(field, "is required");
        }
        return id;
    }

    private static String optionalId(Map<String, String> form, String field) {
        String id = form.get(field);
        if (id == null || id.isEmpty()) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            throw new PayloadValidationException(field, "is not a Slack id");
        }
        return id;
    }

    private static String text(Map<String, String> form, String field, int max, boolean required) {
        String value = form.get(field);
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new PayloadValidationException(field, "is required");
            }
            return value == null ? "" : value;
        }
        if (value.length() > max) {
            throw new PayloadValidationException(field, "is longer than " + max + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new PayloadValidationException(field, "must not contain NUL characters");
        }
        return value;
    }

    private static String jsonId(JsonNode parent, String field, boolean required) {
        JsonNode id = parent.path("id");
        if (id.isMissingNode() || id.isNull()) {
            if (required) {
                throw new PayloadValidationException(field, "is required");
            }
            return null;
        }
        if (!id.isTextual() || !ID.matcher(id.textValue()).matches()) {
            throw new PayloadValidationException(field, "is not a Slack id");
        }
        return id.textValue();
    }

    private static String jsonText(JsonNode parent, String name, String field, int max, boolean required) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw new PayloadValidationException(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new PayloadValidationException(field, "must be a string");
        }
        if (node.textValue().length() > max || node.textValue().indexOf('\0') >= 0) {
            throw new PayloadValidationException(field, "must be at most " + max + " characters without NUL");
        }
        return node.textValue();
    }

    /** Only Slack's own response URLs: the hub posts answers there, so a URL elsewhere must never be taken. */
    private String responseUrl(String url, String field, boolean required) {
        if (url == null || url.isEmpty()) {
            if (required) {
                throw new PayloadValidationException(field, "is required");
            }
            return null;
        }
        if (url.length() > MAX_URL || !url.startsWith(responseUrlPrefix) || url.chars().anyMatch(c -> c <= ' ')) {
            throw new PayloadValidationException(field, "must be a Slack response URL (" + responseUrlPrefix + "…)");
        }
        return url;
    }
}
