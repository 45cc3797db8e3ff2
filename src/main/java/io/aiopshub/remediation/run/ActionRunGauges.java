package io.aiopshub.remediation.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.ActionRunState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code aiops_action_runs{state}}: action runs in each state, read from the database (so every instance
 * reports the same figures and they survive restarts). One grouped query serves all states of a scrape.
 */
@Component
public class ActionRunGauges {

    /** A scrape reads every state's gauge in turn; one query answers them all. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private Map<ActionRunState, Long> counts = new EnumMap<>(ActionRunState.class);
    private Instant readAt = Instant.MIN;

    public ActionRunGauges(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (ActionRunState state : ActionRunState.values()) {
            Gauge.builder("aiops.action.runs", this, g -> g.count(state))
                    .tag("state", state.id())
                    .description("action runs in this state (terminal states: since the retention last deleted them)")
                    .register(registry);
        }
    }

    private synchronized double count(ActionRunState state) {
        Instant now = clock.instant();
        if (readAt.plus(FRESH_FOR).isBefore(now)) {
            Map<ActionRunState, Long> fresh = new EnumMap<>(ActionRunState.class);
            jdbc.query("select state, count(*) from action_runs group by state", rs -> {
                fresh.put(ActionRunState.of(rs.getString(1)), rs.getLong(2));
            });
            counts = fresh;
            readAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
