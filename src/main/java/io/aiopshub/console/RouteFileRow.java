package io.aiopshub.console;

import java.time.Instant;
import java.util.List;

/**
 * One route file as the Routes page shows it. {@code state}: {@code valid}, or what the watcher or the start-up
 * scan found ({@code invalid}, {@code failed}, {@code restart-required}, {@code waiting}, {@code problem});
 * {@code problem} is the validator's message, redacted. {@code lastChange}/{@code lastResult}: the watcher's last
 * verdict on the file, null when reload is off.
 */
public record RouteFileRow(String file, String location, List<String> routeIds, String state, String problem,
                           Instant lastChange, String lastResult) {

    public boolean valid() {
        return "valid".equals(state);
    }
}
