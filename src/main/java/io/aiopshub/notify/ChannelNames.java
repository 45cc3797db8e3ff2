package io.aiopshub.notify;

import java.util.List;

/** The channels the hub can deliver to; route templates are instantiated once per name. */
public final class ChannelNames {

    public static final String TELEGRAM = "telegram";
    public static final String SLACK = "slack";
    public static final String EMAIL = "email";
    public static final String PAGERDUTY = "pagerduty";
    public static final String WEBHOOK = "webhook";
    /** Writes the message to the hub's log; always configured. */
    public static final String LOG = "log";

    public static final List<String> ALL = List.of(TELEGRAM, SLACK, EMAIL, PAGERDUTY, WEBHOOK, LOG);

    private ChannelNames() { }
}
