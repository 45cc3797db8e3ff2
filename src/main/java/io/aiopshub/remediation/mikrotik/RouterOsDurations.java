package io.aiopshub.remediation.mikrotik;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as RouterOS prints them: {@code 1w2d3h4m5s}, {@code 250ms}, or {@code 2d03:04:05}. */
final class RouterOsDurations {

    private static final Pattern UNITS = Pattern.compile(
            "(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(\\d+):(\\d{2}):(\\d{2})");

    private RouterOsDurations() {
    }

    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty RouterOS duration");
        }
        Matcher clock = CLOCK.matcher(text);
        if (clock.matches()) {
            return Duration.ofDays(7 * number(clock, 1) + number(clock, 2))
                    .plusHours(number(clock, 3)).plusMinutes(number(clock, 4)).plusSeconds(number(clock, 5));
        }
        Matcher units = UNITS.matcher(text);
        if (units.matches()) {
            return Duration.ofDays(7 * number(units, 1) + number(units, 2))
                    .plusHours(number(units, 3)).plusMinutes(number(units, 4)).plusSeconds(number(units, 5))
                    .plusMillis(number(units, 6));
        }
        throw new IllegalArgumentException("'" + text + "' is not a RouterOS duration");
    }

    private static long number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
