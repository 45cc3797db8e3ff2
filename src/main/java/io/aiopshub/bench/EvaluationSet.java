package io.aiopshub.bench;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.aiopshub.rca.rules.IncidentEvidence;

/**
 * The incident-analysis evaluation set (src/test/resources/llm-eval/incidents.yaml): incidents with the
 * root-cause category an operator assigned, and the keyword mapping that puts a free-text root cause
 * (an LLM's) into one of those categories so both analysts are scored the same way.
 */
public final class EvaluationSet {

    /** One incident and its expected category. */
    public record Case(String name, IncidentEvidence evidence, String expected) { }

    private EvaluationSet() { }

    @SuppressWarnings("unchecked")
    public static List<Case> load(InputStream in) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> incident : (List<Map<String, Object>>) root.get("incidents")) {
            Map<String, String> labels = new LinkedHashMap<>();
            ((Map<String, Object>) incident.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
            List<IncidentEvidence.TemplateEvidence> templates = new ArrayList<>();
            for (Object t : (List<Object>) incident.getOrDefault("templates", List.of())) {
                templates.add(new IncidentEvidence.TemplateEvidence(labels.getOrDefault("service", "x"), "T1", String.valueOf(t), 10));
            }
            String name = String.valueOf(incident.get("name"));
            cases.add(new Case(name, new IncidentEvidence("eval", name, labels.getOrDefault("severity", "warning"),
                    List.of(new IncidentEvidence.AlertEvidence("fp", "firing", labels)), templates),
                    String.valueOf(incident.get("expected"))));
        }
        return cases;
    }

    /** Puts a free-text explanation into a category by its words (first match wins). */
    public static String categorise(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.matches("(?s).*(certificate|x509|tls|credential|password|authenticat|unauthori|brute|attack).*")) {
            return "security";
        }
        if (t.matches("(?s).*(config|setting|clock|ntp|feature flag|image tag).*")) {
            return "configuration";
        }
        if (t.matches("(?s).*(connection refused|cannot reach|unreachable|timed? ?out|dependency|upstream|database|no route).*")) {
            return "dependency";
        }
        if (t.matches("(?s).*(memory|oom|cpu|disk|space|filesystem|throttl).*")) {
            return "resources";
        }
        if (t.matches("(?s).*(latency|slow|response time|backlog|queue).*")) {
            return "performance";
        }
        if (t.matches("(?s).*(down|crash|not running|stopped|not reachable|health check).*")) {
            return "availability";
        }
        if (t.matches("(?s).*(error|exception|bug|deploy|5xx|fail).*")) {
            return "application";
        }
        return "unknown";
    }
}
