package io.aiopshub.analysis.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.aiopshub.ingest.IncomingAlert;

/**
 * Prometheus' alerting states per rule and series: a series that appears is pending, becomes firing
 * once it has been there for {@code for}, stays firing for {@code keep_firing_for} after it disappears,
 * and then resolves. Firing series are re-sent on every evaluation with an end a few intervals ahead,
 * as Prometheus does; the hub's dedup absorbs the repeats. State is in memory: after a restart a
 * series waits out {@code for} again.
 */
public final class RuleStateMachine {

    public static final String SOURCE = "prometheus-rules";

    private static final class SeriesState {
        final Map<String, String> labels;
        final Instant activeAt;
        boolean firing;
        Instant lastSeen;
        double value;
        Map<String, String> annotations = Map.of();

        SeriesState(Map<String, String> labels, Instant activeAt) {
            this.labels = labels;
            this.activeAt = activeAt;
            this.lastSeen = activeAt;
        }
    }

    private final Map<String, SeriesState> states = new HashMap<>();

    /** Applies one evaluation's result; returns the events to send (firing and resolved). */
    public synchronized List<IncomingAlert> evaluate(AlertRule rule, List<Sample> samples, Instant now, Duration interval) {
        List<IncomingAlert> events = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        Instant validUntil = now.plus(interval.multipliedBy(4));
        for (Sample sample : samples) {
            Map<String, String> labels = new TreeMap<>(sample.labels());
            labels.putAll(rule.labels());
            labels.put("alertname", rule.name());
            String key = rule.key() + labels;
            seen.put(key, true);
            SeriesState state = states.computeIfAbsent(key, k -> new SeriesState(labels, now));
            state.lastSeen = now;
            state.value = sample.value();
            state.annotations = sample.annotations();
            if (!state.firing && !now.isBefore(state.activeAt.plus(rule.forDuration()))) {
                state.firing = true;
            }
            if (state.firing) {
                events.add(alert(rule, state, IncomingAlert.FIRING, validUntil));
            }
        }
        for (Iterator<Map.Entry<String, SeriesState>> it = states.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, SeriesState> entry = it.next();
            if (!entry.getKey().startsWith(rule.key() + "{") || seen.containsKey(entry.getKey())) {
                continue;
            }
            SeriesState state = entry.getValue();
            if (state.firing && now.isBefore(state.lastSeen.plus(rule.keepFiringFor()))) {
                events.add(alert(rule, state, IncomingAlert.FIRING, validUntil));
                continue;
            }
            if (state.firing) {
                events.add(alert(rule, state, IncomingAlert.RESOLVED, now));
            }
            it.remove();
        }
        return events;
    }

    /** Series currently pending or firing for a rule, for tests and diagnostics. */
    public synchronized Map<String, Boolean> states(AlertRule rule) {
        Map<String, Boolean> view = new TreeMap<>();
        states.forEach((key, state) -> {
            if (key.startsWith(rule.key() + "{")) {
                view.put(key.substring(rule.key().length()), state.firing);
            }
        });
        return view;
    }

    private static IncomingAlert alert(AlertRule rule, SeriesState state, String status, Instant endsAt) {
        // The hub's own annotations (an anomaly's reason) first; the rule's take precedence on a shared key.
        Map<String, String> annotations = new java.util.LinkedHashMap<>(state.annotations);
        annotations.putAll(AnnotationTemplates.render(rule.annotations(), state.labels, state.value));
        return new IncomingAlert(SOURCE, status, state.labels, annotations, state.activeAt, endsAt, null);
    }
}
