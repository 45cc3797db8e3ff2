package io.aiopshub.notify;

import java.util.List;

import org.springframework.stereotype.Component;

/** The {@code log} channel: one plain-text line per notification, for the hub's own log. */
@Component("logRenderer")
public class LogChannelRenderer {

    public List<String> render(NotificationOutbox.Delivery delivery) {
        NotificationMessage m = delivery.message();
        return List.of("[" + m.severity() + "] " + m.kind() + " " + m.title() + " - " + m.text()
                + (m.dedupKey() == null ? "" : " (" + m.dedupKey() + ")"));
    }
}
