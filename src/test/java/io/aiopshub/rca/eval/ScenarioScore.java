package io.aiopshub.rca.eval;

import java.util.List;
import java.util.Locale;

/**
 * How the hub did on one scenario. The hub's answer is the analysis it is most confident in among the
 * scenario's incidents: once incidents are correlated, every member of a group carries the group's
 * explanation; before, this is the incident whose evidence pointed hardest at a cause.
 */
record ScenarioScore(RcaScenario scenario, int incidents, String rootService, String category, double confidence,
                     String summary) {

    boolean analysed() {
        return rootService != null || category != null;
    }

    boolean rootRight() {
        return rootService != null && rootService.equalsIgnoreCase(scenario.rootService());
    }

    boolean categoryRight() {
        return scenario.category().equals(category);
    }

    boolean right() {
        return rootRight() && categoryRight();
    }

    static double score(List<ScenarioScore> scores) {
        return scores.isEmpty() ? 0 : (double) scores.stream().filter(ScenarioScore::right).count() / scores.size();
    }

    static String table(List<ScenarioScore> scores, boolean changesAccepted) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-4s %-44s %-3s %-22s %-14s %-22s %-14s %s%n",
                "id", "scenario", "inc", "expected root", "category", "hub root", "category", "ok"));
        for (ScenarioScore s : scores) {
            out.append(String.format(Locale.ROOT, "%-4s %-44s %-3d %-22s %-14s %-22s %-14s %s%n", s.scenario().id(),
                    cut(s.scenario().name(), 44), s.incidents(), strip(s.scenario().rootService(), s), s.scenario().category(),
                    strip(s.rootService(), s), s.category(), s.right() ? "yes" : s.rootRight() ? "root" : s.categoryRight() ? "cat" : "no"));
        }
        long right = scores.stream().filter(ScenarioScore::right).count();
        long roots = scores.stream().filter(ScenarioScore::rootRight).count();
        long categories = scores.stream().filter(ScenarioScore::categoryRight).count();
        out.append(String.format(Locale.ROOT, "root service and category right: %d/%d (%.1f %%); root service %d, category %d%n",
                right, scores.size(), 100.0 * score(scores), roots, categories));
        if (!changesAccepted) {
            out.append("change events were not posted: POST /api/v1/events does not take kind: change in this build\n");
        }
        return out.toString();
    }

    /** The runner's per-scenario suffix is left out of the table. */
    private static String strip(String name, ScenarioScore s) {
        return name == null ? "-" : name.replace("-" + s.scenario().id(), "");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
