package io.aiopshub.remediation.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.aiopshub.incident.CurrentRoutingPolicy;
import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.notify.NotificationMessage;
import io.aiopshub.notify.NotificationOutbox;
import io.aiopshub.remediation.RunFacts;

/**
 * Tells people about the effectiveness breaker, in the caller's transaction: a timeline entry on the incident
 * of the run that opened it, and a notification (kind ADHOC, "NOTICE") to that incident's route channels,
 * or to the default route's channels when the run has no incident.
 */
@Component
public class BreakerNotice {

    public static final String OPENED = "remediation_breaker_open";
    public static final String RESET = "remediation_breaker_reset";
    private static final Logger LOG = LoggerFactory.getLogger(BreakerNotice.class);

    private final IncidentTimeline timeline;
    private final NotificationOutbox outbox;
    private final CurrentRoutingPolicy routing;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BreakerNotice(IncidentTimeline timeline, NotificationOutbox outbox, CurrentRoutingPolicy routing, JdbcTemplate jdbc,
                         Clock clock) {
        this.timeline = timeline;
        this.outbox = outbox;
        this.routing = routing;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void opened(String actionId, RunFacts run, String why) {
        String incidentId = existing(run.incidentId());
        LOG.warn("Remediation stopped: {}", why);
        if (incidentId != null) {
            timeline.record(incidentId, OPENED, "remediation-policy", why);
        }
        Instant now = clock.instant();
        NotificationMessage message = new NotificationMessage(incidentId, null, NotificationMessage.Kind.ADHOC, "warning",
                "Remediation stopped: " + actionId + " on " + run.target(), why, List.of(), 0, 0, null, null,
                Map.copyOf(run.incidentLabels()), now);
        outbox.enqueue(message, channels(incidentId));
    }

    void reset(String actionId, String target, String by, String incidentId) {
        LOG.info("Remediation breaker of {} on {} reset by {}", actionId, target, by);
        String existing = existing(incidentId);
        if (existing != null) {
            timeline.record(existing, RESET, by, "the effectiveness breaker of " + actionId + " on " + target
                    + " was reset; the action may be proposed for this target again");
        }
    }

    private List<String> channels(String incidentId) {
        var policy = routing.get();
        if (incidentId != null) {
            List<String> routeIds = jdbc.queryForList("select route_id from incidents where id = ?", String.class, incidentId);
            if (!routeIds.isEmpty()) {
                return policy.route(routeIds.get(0)).channels();
            }
        }
        return policy.routes().get(policy.routes().size() - 1).channels();
    }

    /** The incident id when the incident still exists (retention may have removed it), else null. */
    private String existing(String incidentId) {
        if (incidentId == null) {
            return null;
        }
        Integer n = jdbc.queryForObject("select count(*) from incidents where id = ?", Integer.class, incidentId);
        return n != null && n > 0 ? incidentId : null;
    }
}
