package io.aiopshub.chat.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;

import io.aiopshub.chat.approval.ApprovalMessage;
import io.aiopshub.chat.approval.ChatDecision;

/**
 * Lays an {@link ApprovalMessage} out as Block Kit: incident, action and parameters, risk, the shortened dry
 * run with a link to the full one, and the three buttons while the run awaits approval. Texts arrive
 * redacted; here they are only escaped (no mention or link can ride in them) and cut to Slack's limits.
 */
final class SlackApprovalBlocks {

    static final String ACTIONS_BLOCK_ID = "aiops-approval-buttons";
    private static final int HEADER_LIMIT = 150;
    private static final int SECTION_LIMIT = 3000;
    private static final int FIELD_LIMIT = 2000;
    private static final int PARAMETER_LIMIT = 200;
    private static final int FALLBACK_LIMIT = 300;

    private SlackApprovalBlocks() { }

    /** The notification text Slack shows where blocks cannot be shown (push notifications, screen readers). */
    static String fallbackText(ApprovalMessage m) {
        String what = m.actionId() + (blank(m.target()) ? "" : " on " + m.target());
        String text = m.awaitingApproval()
                ? "Approval needed: " + what + " (risk " + m.risk() + ")" + (blank(m.incidentId()) ? "" : ", incident " + m.incidentId())
                : what + ": " + (blank(m.statusLine()) ? stateWords(m) : m.statusLine());
        return cut(SlackText.escape(text), FALLBACK_LIMIT);
    }

    static List<LayoutBlock> blocks(ApprovalMessage m) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String headline = m.awaitingApproval() ? "Approval needed: " + m.actionId() : m.actionId() + ": " + stateWords(m);
        blocks.add(HeaderBlock.builder().text(plain(cut(headline, HEADER_LIMIT))).build());

        StringBuilder summary = new StringBuilder();
        if (!blank(m.incidentId())) {
            summary.append("*Incident* `").append(code(m.incidentId())).append('`');
            if (!blank(m.incidentTitle())) {
                summary.append(' ').append(SlackText.escape(m.incidentTitle()));
            }
            summary.append('\n');
        }
        summary.append("*Action* `").append(code(m.actionId())).append('`');
        if (!blank(m.actionDescription())) {
            summary.append(": ").append(SlackText.escape(m.actionDescription()));
        }
        blocks.add(SectionBlock.builder().text(markdown(cut(summary.toString(), SECTION_LIMIT))).build());

        List<TextObject> fields = new ArrayList<>();
        fields.add(markdown(cut("*Risk*\n" + SlackText.escape(orDash(m.risk())), FIELD_LIMIT)));
        fields.add(markdown(cut("*Target*\n" + SlackText.escape(orDash(m.target())), FIELD_LIMIT)));
        fields.add(markdown(cut("*Run*\n`" + code(m.runId()) + "`", FIELD_LIMIT)));
        blocks.add(SectionBlock.builder().fields(fields).build());

        if (!m.parameters().isEmpty()) {
            StringBuilder parameters = new StringBuilder("*Parameters*");
            for (Map.Entry<String, String> p : m.parameters().entrySet()) {
                parameters.append("\n• `").append(code(cut(p.getKey(), PARAMETER_LIMIT))).append("` = `")
                        .append(code(cut(String.valueOf(p.getValue()), PARAMETER_LIMIT))).append('`');
            }
            blocks.add(SectionBlock.builder().text(markdown(cut(parameters.toString(), SECTION_LIMIT))).build());
        }

        String link = dryRunLink(m.dryRunLink());
        String dryRunHead = "*Dry run* (shortened" + (link.isEmpty() ? ")" : "; " + link + ")") + "\n```";
        String excerpt = blank(m.dryRunExcerpt()) ? "(no dry run output)" : code(m.dryRunExcerpt());
        blocks.add(SectionBlock.builder().text(markdown(dryRunHead
                + cut(excerpt, SECTION_LIMIT - dryRunHead.length() - 3) + "```")).build());

        if (!blank(m.statusLine())) {
            blocks.add(ContextBlock.builder().elements(List.of(markdown(cut(SlackText.escape(m.statusLine()), SECTION_LIMIT))))
                    .build());
        }
        if (m.awaitingApproval()) {
            List<BlockElement> buttons = List.of(
                    button("Approve", ChatDecision.APPROVE, m.callbackId(), "primary"),
                    button("Reject", ChatDecision.REJECT, m.callbackId(), "danger"),
                    button("Dry run details", ChatDecision.DETAILS, m.callbackId(), null));
            blocks.add(ActionsBlock.builder().blockId(ACTIONS_BLOCK_ID).elements(buttons).build());
        }
        return blocks;
    }

    private static ButtonElement button(String text, ChatDecision decision, String callbackId, String style) {
        return ButtonElement.builder().text(plain(text)).actionId(SlackApprovalButtons.actionId(decision))
                .value(SlackApprovalButtons.value(decision, callbackId)).style(style).build();
    }

    /** A Slack link only for an absolute http(s) URL Slack's link syntax cannot be broken out of; else the text as code. */
    private static String dryRunLink(String link) {
        if (blank(link)) {
            return "";
        }
        if ((link.startsWith("https://") || link.startsWith("http://")) && link.chars().noneMatch(c -> c <= ' ' || c == '|'
                || c == '<' || c == '>' || c == '&')) {
            return "<" + link + "|full dry run>";
        }
        return "full dry run: `" + code(cut(link, PARAMETER_LIMIT)) + "`";
    }

    private static String stateWords(ApprovalMessage m) {
        return m.state() == null ? "unknown" : m.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Escaped for mrkdwn, and no backtick can close the code span or block the text sits in. */
    private static String code(String text) {
        return SlackText.escape(text == null ? "" : text).replace('`', '\'');
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).build();
    }

    private static MarkdownTextObject markdown(String text) {
        return MarkdownTextObject.builder().text(text).build();
    }

    private static String orDash(String text) {
        return blank(text) ? "-" : text;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Cut to {@code limit} characters, never through the middle of an entity such as {@code &amp;}. */
    private static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        String head = text.substring(0, limit - 1);
        int amp = head.lastIndexOf('&');
        if (amp >= 0 && head.indexOf(';', amp) < 0) {
            head = head.substring(0, amp);
        }
        return head + "…";
    }
}
