package io.aiopshub.chat.slack;

/** What Slack sent, parsed from a verified request, on its way to the {@link SlackInbox}. */
public sealed interface SlackInboundEvent permits SlackCommand, SlackInteraction {

    /** Slack's member id of the sender. */
    String userId();
}
