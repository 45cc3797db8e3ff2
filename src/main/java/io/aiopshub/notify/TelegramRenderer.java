package io.aiopshub.notify;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Telegram messages in HTML parse mode. Every dynamic value is escaped, and messages longer than
 * Telegram's 4096-character limit are split between lines (a single over-long line is cut, never
 * inside an HTML entity), so each part is valid HTML on its own.
 */
@Component("telegramRenderer")
public class TelegramRenderer {

    static final int LIMIT = 4096;

    public List<String> render(NotificationOutbox.Delivery delivery) {
        NotificationMessage m = delivery.message();
        List<String> lines = new ArrayList<>();
        lines.add("<b>" + escape(MessageText.headline(m)) + "</b>");
        if (m.text() != null && !m.text().isBlank()) {
            for (String line : m.text().split("\n", -1)) {
                lines.add(escape(line));
            }
        }
        String ack = MessageText.ackLine(m);
        if (ack != null) {
            lines.add(escape(ack));
        }
        for (String line : MessageText.alertLines(m)) {
            lines.add(escape(line));
        }
        if (m.incidentId() != null) {
            lines.add("<code>" + escape(m.incidentId()) + "</code>");
        }
        return split(lines);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Packs lines into messages of at most {@link #LIMIT} characters. A line that does not fit is moved
     * to the next message whole, unless it is longer than a message by itself: then it fills the current
     * message and continues in the next. Only escaped text lines are cut, never one with markup.
     */
    static List<String> split(List<String> lines) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String rest = line;
            while (rest != null) {
                int room = current.isEmpty() ? LIMIT : LIMIT - current.length() - 1;
                if (rest.length() <= room) {
                    append(current, rest);
                    rest = null;
                } else if (rest.length() <= LIMIT || rest.indexOf('<') >= 0 || room < 1) {
                    messages.add(current.toString());
                    current.setLength(0);
                    if (rest.length() > LIMIT) {
                        // markup lines are bounded by construction; cut as a last resort
                        int cut = safeCut(rest, LIMIT);
                        messages.add(rest.substring(0, cut));
                        rest = rest.substring(cut);
                    }
                } else {
                    int cut = safeCut(rest, room);
                    append(current, rest.substring(0, cut));
                    messages.add(current.toString());
                    current.setLength(0);
                    rest = rest.substring(cut);
                }
            }
        }
        if (!current.isEmpty()) {
            messages.add(current.toString());
        }
        return messages;
    }

    private static void append(StringBuilder message, String line) {
        if (!message.isEmpty()) {
            message.append('\n');
        }
        message.append(line);
    }

    /** The largest cut point at or below {@code max} that does not fall inside an entity such as {@code &amp;}. */
    private static int safeCut(String text, int max) {
        int amp = text.lastIndexOf('&', max - 1);
        if (amp >= 0) {
            int semicolon = text.indexOf(';', amp);
            if (semicolon >= max && amp > 0) {
                return amp;
            }
        }
        return max;
    }
}
