package io.aiopshub.remediation.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import io.aiopshub.incident.Durations;
import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Risk;

/**
 * Reads and checks {@code config/remediation.yaml} (falling back to the copy bundled in the jar). The whole
 * file is checked before anything is used: every problem is collected, named by its field
 * ({@code approvers.high[1]}, {@code auto_run[0].matchers[2]}, {@code limits.max_concurrent_runs}), and
 * reported together, so one start or one reload attempt shows them all.
 */
public class RemediationPolicyLoader {

    static final String BUNDLED = "/config/remediation.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(RemediationPolicyLoader.class);
    private static final Set<String> TOP = Set.of("version", "approvers", "auto_run", "limits", "breaker");
    private static final Set<String> RULE = Set.of("action", "matchers");
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_FAILURES = 100;

    private final ActionCatalog catalog;

    public RemediationPolicyLoader(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /** The policy from {@code file}, or from the bundled default when there is no such file. */
    public RemediationPolicy load(String file) {
        Path path = Path.of(file);
        boolean exists = Files.exists(path);
        try (InputStream in = exists ? Files.newInputStream(path) : getClass().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("no remediation policy at " + path.toAbsolutePath() + " and no bundled default");
            }
            String source = exists ? path.toString() : "bundled " + BUNDLED;
            RemediationPolicy policy = parseText(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
            LOG.info("Remediation policy from {}: {}", exists ? path.toAbsolutePath() : "the bundled default", summary(policy));
            return policy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read remediation policy " + file, e);
        }
    }

    /** Parses and checks a whole policy; any problem is a {@link RemediationPolicyException} listing all of them. */
    public RemediationPolicy parseText(String text, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new RemediationPolicyException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof Map<?, ?> top)) {
            throw new RemediationPolicyException(source, List.of("expected a mapping with approvers, auto_run, limits and breaker at the top"));
        }
        unknownKeys(top, TOP, "", problems);
        Object version = top.get("version");
        if (version != null && !Integer.valueOf(1).equals(version)) {
            problems.add("version: must be 1");
        }
        Map<Risk, Set<String>> approvers = approvers(top.get("approvers"), problems);
        List<AutoRunRule> autoRun = autoRun(top.get("auto_run"), problems);
        Map<?, ?> limits = section(top, "limits", problems);
        Limits parsedLimits = new Limits(
                number(limits, "limits.", "max_concurrent_runs", Limits.DEFAULTS.maxConcurrentRuns(), MAX_LIMIT, problems),
                number(limits, "limits.", "max_runs_per_target_per_hour", Limits.DEFAULTS.maxRunsPerTargetPerHour(), MAX_LIMIT, problems),
                number(limits, "limits.", "max_targets_per_action_per_hour", Limits.DEFAULTS.maxTargetsPerActionPerHour(), MAX_LIMIT, problems));
        unknownKeys(limits, Set.of("max_concurrent_runs", "max_runs_per_target_per_hour", "max_targets_per_action_per_hour"),
                "limits.", problems);
        Map<?, ?> breaker = section(top, "breaker", problems);
        BreakerSettings parsedBreaker = new BreakerSettings(
                number(breaker, "breaker.", "failures", BreakerSettings.DEFAULTS.failures(), MAX_FAILURES, problems),
                window(breaker, problems));
        unknownKeys(breaker, Set.of("failures", "window"), "breaker.", problems);
        if (!problems.isEmpty()) {
            throw new RemediationPolicyException(source, problems);
        }
        return new RemediationPolicy(approvers, autoRun, parsedLimits, parsedBreaker);
    }

    private static Map<Risk, Set<String>> approvers(Object node, List<String> problems) {
        Map<Risk, Set<String>> result = new EnumMap<>(Risk.class);
        if (node == null) {
            return result;
        }
        if (!(node instanceof Map<?, ?> tiers)) {
            problems.add("approvers: must be a mapping of risk tier (low, medium, high) to a list of identities");
            return result;
        }
        for (Map.Entry<?, ?> tier : tiers.entrySet()) {
            String name = String.valueOf(tier.getKey());
            Risk risk = risk(name);
            String field = "approvers." + name;
            if (risk == null) {
                problems.add(field + ": unknown risk tier; use low, medium or high");
                continue;
            }
            Set<String> identities = new LinkedHashSet<>();
            List<?> entries = list(tier.getValue(), field, "a list of identities such as [api:alice, telegram:123456]", problems);
            for (int i = 0; i < entries.size(); i++) {
                Object entry = entries.get(i);
                String at = field + "[" + i + "]";
                if (!(entry instanceof String) && !(entry instanceof Integer) && !(entry instanceof Long)) {
                    problems.add(at + ": must be a string such as api:alice (quote it)");
                    continue;
                }
                Identity.Parsed parsed = Identity.parse(String.valueOf(entry));
                if (parsed.identity() == null) {
                    problems.add(at + ": " + parsed.problem());
                } else if (!identities.add(parsed.identity().toString())) {
                    problems.add(at + ": " + parsed.identity() + " is listed twice");
                }
            }
            result.put(risk, identities);
        }
        return result;
    }

    private List<AutoRunRule> autoRun(Object node, List<String> problems) {
        List<AutoRunRule> rules = new ArrayList<>();
        List<?> entries = list(node, "auto_run", "a list of {action, matchers}", problems);
        for (int i = 0; i < entries.size(); i++) {
            String at = "auto_run[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> rule)) {
                problems.add(at + ": must be a mapping with action and matchers");
                continue;
            }
            unknownKeys(rule, RULE, at + ".", problems);
            String action = autoRunAction(rule.get("action"), at + ".action", problems);
            List<LabelMatcher> matchers = matchers(rule.get("matchers"), at + ".matchers", problems);
            if (action != null && matchers != null) {
                rules.add(new AutoRunRule(action, matchers));
            }
        }
        return rules;
    }

    /** The action of an auto-run rule: in the catalog, risk low, and not marked requires_approval there. */
    private String autoRunAction(Object node, String field, List<String> problems) {
        if (!(node instanceof String id) || id.isBlank()) {
            problems.add(field + ": is required: a catalog action id");
            return null;
        }
        ActionDefinition action = catalog.get(id).orElse(null);
        if (action == null) {
            problems.add(field + ": unknown action '" + id + "'; the catalog has " + catalog.ids());
            return null;
        }
        if (action.risk() != Risk.LOW) {
            problems.add(field + ": " + id + " is " + action.risk().name().toLowerCase(Locale.ROOT)
                    + " risk; only low-risk actions may run without approval");
            return null;
        }
        if (!Boolean.FALSE.equals(action.requiresApproval())) {
            problems.add(field + ": " + id + " has requires_approval: true in the catalog, so it never runs without approval");
            return null;
        }
        return id;
    }

    private static List<LabelMatcher> matchers(Object node, String field, List<String> problems) {
        if (!(node instanceof List<?> texts) || texts.isEmpty()) {
            problems.add(field + ": is required: a non-empty list such as ['alertname=\"VMDown\"']");
            return null;
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < texts.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(texts.get(i) instanceof String text)) {
                problems.add(at + ": must be a string such as 'alertname=\"VMDown\"'");
                failed = true;
                continue;
            }
            try {
                matchers.add(LabelMatcher.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
                failed = true;
            }
        }
        if (failed) {
            return null;
        }
        if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
            problems.add(field + ": at least one matcher must not match an empty label, or the rule would cover every incident");
            return null;
        }
        return matchers;
    }

    private static Map<?, ?> section(Map<?, ?> top, String name, List<String> problems) {
        Object node = top.get(name);
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(name + ": must be a mapping");
            return Map.of();
        }
        return map;
    }

    private static int number(Map<?, ?> section, String prefix, String key, int fallback, int max, List<String> problems) {
        Object value = section.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer n && n >= 1 && n <= max) {
            return n;
        }
        problems.add(prefix + key + ": must be a whole number from 1 to " + max + " (got " + value + ")");
        return fallback;
    }

    private static Duration window(Map<?, ?> breaker, List<String> problems) {
        Object value = breaker.get("window");
        if (value == null) {
            return BreakerSettings.DEFAULTS.window();
        }
        try {
            Duration window = Durations.parse(String.valueOf(value));
            if (!window.isZero() && !window.isNegative()) {
                return window;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add("breaker.window: must be a duration such as 24h or 90m (got " + value + ")");
        return BreakerSettings.DEFAULTS.window();
    }

    private static List<?> list(Object node, String field, String expected, List<String> problems) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            problems.add(field + ": must be " + expected);
            return List.of();
        }
        return list;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String prefix, List<String> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(prefix + key + ": unknown key; known here: " + known.stream().sorted().toList());
            }
        }
    }

    private static Risk risk(String name) {
        for (Risk risk : Risk.values()) {
            if (risk.name().toLowerCase(Locale.ROOT).equals(name)) {
                return risk;
            }
        }
        return null;
    }

    static String summary(RemediationPolicy policy) {
        StringBuilder text = new StringBuilder();
        for (Risk risk : Risk.values()) {
            Set<String> who = policy.approvers().get(risk);
            text.append(risk.name().toLowerCase(Locale.ROOT)).append(" approvers: ")
                    .append(who.isEmpty() ? "none (denied)" : who.size()).append(", ");
        }
        return text.append(policy.autoRun().size()).append(" auto-run rules, limits ").append(policy.limits())
                .append(", breaker ").append(policy.breaker()).toString();
    }
}
