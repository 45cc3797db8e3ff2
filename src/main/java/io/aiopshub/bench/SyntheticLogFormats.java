package io.aiopshub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated log lines in formats LogHub-2k does not have, for robustness: the same twelve events
 * (messages with values, some of them words without digits) in JSON lines, logfmt, key=value pairs
 * before the text, and bracketed headers, each line labelled with its event. Header fields (time,
 * level, component, user, trace id) are values, not part of the event. Invented here, nothing copied.
 */
public final class SyntheticLogFormats {

    public static final List<String> FORMATS = List.of("json", "logfmt", "kv", "bracketed");

    public record Labelled(List<String> lines, List<String> events) { }

    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
    private static final String[] LEVELS = {"info", "warn", "error", "debug"};
    private static final String[] COMPONENTS = {"api", "worker", "scheduler", "gateway"};
    private static final String[] QUEUES = {"orders", "emails", "payments", "audit"};
    private static final String[] TABLES = {"users", "sessions", "invoices", "carts"};

    /** Event texts; %u a user, %n a number, %q a queue, %t a table. */
    private static final String[] EVENTS = {
        "user %u logged in from %n",
        "user %u logged out",
        "cache miss for key %t:%n",
        "cache hit for key %t:%n",
        "request to %t took %nms",
        "queue %q is full, dropping %n messages",
        "queue %q drained",
        "connection to database lost, retrying in %ns",
        "payment %n declined for %u",
        "payment %n accepted for %u",
        "scheduled job %q started",
        "scheduled job %q finished in %nms",
    };

    private SyntheticLogFormats() { }

    public static Labelled generate(String format, int count, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(count);
        List<String> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int event = random.nextInt(EVENTS.length);
            String message = fill(EVENTS[event], random);
            String level = LEVELS[random.nextInt(LEVELS.length)];
            String component = COMPONENTS[random.nextInt(COMPONENTS.length)];
            String user = USERS[random.nextInt(USERS.length)];
            String ts = String.format("2026-03-%02dT%02d:%02d:%02d.%03dZ", 1 + random.nextInt(28), random.nextInt(24),
                    random.nextInt(60), random.nextInt(60), random.nextInt(1000));
            String trace = Long.toHexString(random.nextLong());
            lines.add(switch (format) {
                case "json" -> "{\"ts\":\"" + ts + "\",\"level\":\"" + level + "\",\"logger\":\"" + component
                        + "\",\"msg\":\"" + message + "\",\"user\":\"" + user + "\",\"trace\":\"" + trace + "\"}";
                case "logfmt" -> "ts=" + ts + " level=" + level + " logger=" + component + " msg=\"" + message
                        + "\" user=" + user + " trace=" + trace;
                case "kv" -> "level=" + level + " component=" + component + " user=" + user + " trace=" + trace
                        + " " + message;
                case "bracketed" -> "[" + ts + "] [" + level.toUpperCase() + "] [" + component + "] [" + user + "] "
                        + message;
                default -> throw new IllegalArgumentException(format);
            });
            events.add("E" + event);
        }
        return new Labelled(lines, events);
    }

    private static String fill(String template, Random random) {
        return template.replace("%u", USERS[random.nextInt(USERS.length)])
                .replace("%n", Integer.toString(random.nextInt(100_000)))
                .replace("%q", QUEUES[random.nextInt(QUEUES.length)])
                .replace("%t", TABLES[random.nextInt(TABLES.length)]);
    }
}
