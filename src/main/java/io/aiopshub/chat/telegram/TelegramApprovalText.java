package io.aiopshub.chat.telegram;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.component.telegram.model.InlineKeyboardButton;
import org.apache.camel.component.telegram.model.InlineKeyboardMarkup;

import io.aiopshub.chat.approval.ApprovalMessage;
import io.aiopshub.chat.approval.ChatDecision;

/**
 * Lays out an approval message for Telegram: plain text (no parse mode, so nothing in a redacted text can
 * break the markup) within Telegram's 4096 characters, and the buttons while the run awaits approval.
 * A button's callback data is the run's short opaque id and one letter, never a parameter.
 */
final class TelegramApprovalText {

    static final int MAX_TEXT = 4096;

    private TelegramApprovalText() {
    }

    static String text(ApprovalMessage message) {
        StringBuilder text = new StringBuilder();
        text.append(message.awaitingApproval() ? "Approval needed: " : "Action run: ").append(message.actionId())
                .append(" on ").append(message.target()).append(" (risk ").append(message.risk()).append(")\n");
        if (message.incidentId() != null) {
            text.append("Incident: ").append(message.incidentTitle()).append(" (").append(shortId(message.incidentId())).append(")\n");
        }
        if (!message.actionDescription().isBlank()) {
            text.append("Action: ").append(message.actionDescription()).append('\n');
        }
        if (!message.parameters().isEmpty()) {
            text.append("Parameters: ").append(message.parameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        text.append("Run: ").append(shortId(message.runId())).append(", now ").append(message.state().id().replace('_', ' ')).append('\n');
        text.append("Dry run ").append(message.dryRunExcerpt()).append('\n');
        text.append("Full dry run: ").append(message.dryRunLink());
        if (!message.statusLine().isBlank()) {
            text.append("\n\n").append(message.statusLine());
        }
        return cut(text.toString(), MAX_TEXT);
    }

    /** Approve / Reject, then Dry run details; null once the run no longer awaits approval (the buttons go). */
    static InlineKeyboardMarkup buttons(ApprovalMessage message) {
        if (!message.awaitingApproval()) {
            return null;
        }
        return InlineKeyboardMarkup.builder()
                .addRow(List.of(button("Approve", message, ChatDecision.APPROVE), button("Reject", message, ChatDecision.REJECT)))
                .addRow(List.of(button("Dry run details", message, ChatDecision.DETAILS)))
                .build();
    }

    static String callbackData(String callbackId, ChatDecision decision) {
        return callbackId + ":" + decision.name().charAt(0);
    }

    /** The decision a button's data names, or null for data no button of ours carries. */
    static ChatDecision decision(String data) {
        if (data == null || data.length() < 3 || data.charAt(data.length() - 2) != ':') {
            return null;
        }
        return switch (data.charAt(data.length() - 1)) {
            case 'A' -> ChatDecision.APPROVE;
            case 'R' -> ChatDecision.REJECT;
            case 'D' -> ChatDecision.DETAILS;
            default -> null;
        };
    }

    static String callbackId(String data) {
        return data.substring(0, data.length() - 2);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static InlineKeyboardButton button(String label, ApprovalMessage message, ChatDecision decision) {
        return InlineKeyboardButton.builder().text(label).callbackData(callbackData(message.callbackId(), decision)).build();
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
