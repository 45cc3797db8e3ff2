package io.aiopshub.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aiopshub.chat.slack.SlackInteraction;
import io.aiopshub.chat.slack.SlackInteractionHandler;

/** What approvals will plug in: here it keeps the clicks the inbox handed on. */
public class RecordingInteractionHandler implements SlackInteractionHandler {

    private final List<SlackInteraction> received = new CopyOnWriteArrayList<>();

    @Override
    public void handle(SlackInteraction interaction) {
        received.add(interaction);
    }

    public List<SlackInteraction> received() {
        return received;
    }
}
