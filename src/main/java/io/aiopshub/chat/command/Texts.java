package io.aiopshub.chat.command;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How answers write times, durations and ids: short, UTC, the same everywhere. */
public final class Texts {

    /** Ids are shown by their first characters; every command takes such a prefix. */
    public static final int SHORT_ID = 8;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Texts() { }

    public static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    public static String shortId(String id) {
        return id == null ? "-" : id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID);
    }

    /** {@code 2h}, {@code 1d12h}, {@code 90s}: the units a command takes. */
    public static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            text.append(days).append('d');
        }
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /** One line of at most {@code max} characters. */
    public static String line(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
