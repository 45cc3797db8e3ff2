package io.aiopshub.chat.slack;

/**
 * Slack's text escaping: it sends {@code &}, {@code <} and {@code >} in slash command text as entities, and
 * reads them in message text as markup ({@code <!channel>} pings everyone), so the hub escapes them.
 */
final class SlackText {

    private SlackText() { }

    /** Command text as the user typed it. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Text shown literally: no mention, link or channel ping can ride in an echoed word. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
