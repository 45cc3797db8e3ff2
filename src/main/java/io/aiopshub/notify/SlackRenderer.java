package io.aiopshub.notify;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;

/**
 * Slack incoming-webhook messages: Block Kit blocks inside an attachment whose colour shows the
 * severity (resolved messages are green). camel-slack serialises the {@link Message} with Gson, so
 * only single-word fields of the Slack model are set.
 */
@Component("slackRenderer")
public class SlackRenderer {

    /** Slack's limit for a header block's text. */
    private static final int HEADER_LIMIT = 150;
    /** Slack's limit for a section's text. */
    private static final int SECTION_LIMIT = 3000;

    public List<Message> render(NotificationOutbox.Delivery delivery) {
        NotificationMessage m = delivery.message();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder().text(PlainTextObject.builder()
                .text(abbreviate(MessageText.headline(m), HEADER_LIMIT)).build()).build());
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdown("*Severity*\n" + escape(m.severity())));
        fields.add(markdown("*Status*\n" + MessageText.kindLabel(m.kind())));
        if (m.kind() != NotificationMessage.Kind.ADHOC) {
            fields.add(markdown("*Alerts*\n" + m.firing() + " firing, " + m.resolved() + " resolved"));
        }
        String ack = MessageText.ackLine(m);
        if (ack != null) {
            fields.add(markdown("*Acknowledged*\n" + escape(ack)));
        }
        blocks.add(SectionBlock.builder().fields(fields).build());
        StringBuilder body = new StringBuilder();
        if (m.text() != null && !m.text().isBlank()) {
            body.append(escape(m.text())).append('\n');
        }
        for (String line : MessageText.alertLines(m)) {
            body.append(escape(line)).append('\n');
        }
        if (!body.isEmpty()) {
            blocks.add(SectionBlock.builder().text(markdown(abbreviate(body.toString().strip(), SECTION_LIMIT))).build());
        }
        if (m.incidentId() != null) {
            blocks.add(ContextBlock.builder().elements(List.of(markdown("Incident `" + escape(m.incidentId()) + "`"))).build());
        }
        Attachment attachment = Attachment.builder().color(colour(m)).fallback(MessageText.headline(m)).blocks(blocks).build();
        Message message = new Message();
        message.setText(MessageText.headline(m));
        message.setAttachments(List.of(attachment));
        return List.of(message);
    }

    static String colour(NotificationMessage m) {
        if (m.kind() == NotificationMessage.Kind.RESOLVED) {
            return "#2eb886";
        }
        return switch (m.severity()) {
            case "critical" -> "#d50200";
            case "high" -> "#e8710a";
            case "warning" -> "#f2c744";
            default -> "#439fe0";
        };
    }

    /** Slack's mrkdwn needs only these three escaped. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static MarkdownTextObject markdown(String text) {
        return MarkdownTextObject.builder().text(text).build();
    }

    private static String abbreviate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
