package io.aiopshub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Folds the continuation lines of a multi-line event into the line that starts it, for shippers that
 * send one item per physical line: a Java stack trace ({@code \tat ...}, {@code Caused by: ...},
 * {@code ... 12 more}), a Python traceback (indented frames and the closing {@code ValueError: ...})
 * and a Go panic's goroutine dump. Only lines of the same service and host fold, and only into the
 * line right before them; the event keeps the first line's level, time and host.
 */
final class MultilineFolder {

    private static final Pattern CONTINUATION = Pattern.compile(
            "^(?:[ \\t]+\\S|Caused by: |\\.\\.\\. \\d+ (?:more|common frames omitted)|goroutine \\d+ \\[)");
    /** The last line of a Python traceback: the exception, not indented. */
    private static final Pattern PYTHON_EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\\b.*");
    /** Longest folded event; the rest of a runaway trace is dropped, not split into new events. */
    private static final int MAX_EVENT = 32_768;

    private MultilineFolder() { }

    static List<LogLine> fold(List<LogLine> lines) {
        List<LogLine> events = new ArrayList<>(lines.size());
        StringBuilder message = null;
        LogLine first = null;
        boolean traceback = false;
        for (LogLine line : lines) {
            boolean continues = first != null && sameSource(first, line)
                    && (CONTINUATION.matcher(line.message()).find()
                        || (traceback && PYTHON_EXCEPTION.matcher(line.message()).matches()));
            if (continues) {
                if (message.length() < MAX_EVENT) {
                    message.append('\n').append(line.message(), 0,
                            Math.min(line.message().length(), MAX_EVENT - message.length()));
                }
                // A Python traceback ends with its exception line: what follows that is a new event.
                traceback = traceback && !PYTHON_EXCEPTION.matcher(line.message()).matches();
                continue;
            }
            if (first != null) {
                events.add(withMessage(first, message));
            }
            first = line;
            message = new StringBuilder(line.message());
            traceback = line.message().startsWith("Traceback (most recent call last)");
        }
        if (first != null) {
            events.add(withMessage(first, message));
        }
        return events;
    }

    private static boolean sameSource(LogLine a, LogLine b) {
        return a.service().equals(b.service()) && java.util.Objects.equals(a.host(), b.host());
    }

    private static LogLine withMessage(LogLine line, StringBuilder message) {
        return message.length() == line.message().length() ? line
                : new LogLine(line.service(), line.level(), message.toString(), line.timestamp(), line.host());
    }
}
