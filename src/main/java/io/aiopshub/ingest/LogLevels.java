package io.aiopshub.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a log line is an error: by its level field, or, when the shipper sent none, by the level the
 * line itself carries (logfmt, JSON, syslog priority, klog/glog prefix, a level word in the header) or
 * by how an error event starts (a stack trace, a Python traceback, a Go panic).
 */
public final class LogLevels {

    /** Level values that mean an error, lower case: syslog's four worst, Java's SEVERE, glog's E and F. */
    private static final Set<String> ERROR = Set.of("error", "err", "crit", "critical", "fatal", "panic", "emerg",
            "emergency", "alert", "severe", "e", "f");
    /** Every level word a header may carry, so that a line at INFO is known to be no error. */
    private static final Set<String> ANY = Set.of("trace", "debug", "dbug", "info", "notice", "warn", "warning",
            "error", "err", "crit", "critical", "fatal", "panic", "emerg", "emergency", "alert", "severe", "fine",
            "finer", "finest", "config");

    private static final Pattern KLOG = Pattern.compile("^([IWEF])\\d{4} ");
    private static final Pattern SYSLOG_PRI = Pattern.compile("^<(\\d{1,3})>");
    private static final Pattern FIELD = Pattern.compile(
            "(?:^|[\\s{,])\"?(?:level|lvl|severity|loglevel|log\\.level)\"?\\s*[=:]\\s*\"?([A-Za-z]+)");
    private static final Pattern ERROR_START = Pattern.compile(
            "^(?:Exception\\b|Traceback \\(most recent call last\\)|panic: |Caused by: |"
                    + "(?:[a-zA-Z_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error)(?::|$|\\s))");
    /** How far into a line a header's level word is looked for. */
    private static final int HEADER_TOKENS = 10;

    private LogLevels() { }

    public static boolean isErrorLevel(String level) {
        return ERROR.contains(level.trim().toLowerCase(Locale.ROOT));
    }

    /** True or false when the line says its level or starts like an error; null when it tells nothing. */
    public static Boolean errorFromLine(String message) {
        String line = message.stripLeading();
        Matcher klog = KLOG.matcher(line);
        if (klog.find()) {
            return isErrorLevel(klog.group(1));
        }
        Matcher pri = SYSLOG_PRI.matcher(line);
        if (pri.find()) {
            // RFC 5424/3164 priority = facility * 8 + severity; 0..3 are emerg, alert, crit, err.
            return Integer.parseInt(pri.group(1)) % 8 <= 3;
        }
        if (ERROR_START.matcher(line).find()) {
            return true;
        }
        String head = line.length() > 400 ? line.substring(0, 400) : line;
        Matcher field = FIELD.matcher(head);
        if (field.find() && ANY.contains(field.group(1).toLowerCase(Locale.ROOT))) {
            return isErrorLevel(field.group(1));
        }
        String word = headerLevel(head);
        return word == null ? null : isErrorLevel(word);
    }

    /**
     * A level word among the first tokens: upper case ({@code ERROR}, {@code SEVERE:}, Python's
     * {@code ERROR:root:msg}) or in brackets of any case ({@code [error]}, {@code <warn>}, {@code [core:error]}).
     */
    private static String headerLevel(String head) {
        int tokens = 0;
        int i = 0;
        int n = head.length();
        while (i < n && tokens < HEADER_TOKENS) {
            while (i < n && Character.isWhitespace(head.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(head.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            tokens++;
            String token = head.substring(start, i);
            boolean bracketed = token.startsWith("[") || token.startsWith("<") || token.startsWith("(");
            for (String part : token.split("[\\[\\]<>():|,;-]+")) {
                if (part.isEmpty() || !ANY.contains(part.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (bracketed || part.equals(part.toUpperCase(Locale.ROOT))) {
                    return part;
                }
            }
        }
        return null;
    }
}
