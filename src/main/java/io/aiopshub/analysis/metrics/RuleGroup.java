package io.aiopshub.analysis.metrics;

import java.time.Duration;
import java.util.List;

/** A rule group: its rules are evaluated together every {@code interval}. */
public record RuleGroup(String name, Duration interval, List<AlertRule> rules) { }
