package io.aiopshub.chat.question;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.chat.command.Texts;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;

/**
 * A question answered without an LLM, from the hub's own data: the services it names (any service the hub has
 * an incident or log templates for), then words that say what the asker is after ("incident", "why",
 * "restart", "safe", "silence", "runbook"…). Lists the matching open incidents with their latest analysis and
 * the commands that fit. Reads only.
 */
@Component
public class KeywordAnswers {

    static final int MAX_INCIDENTS = 5;
    /** Service names compared with the question's words; the most recently active first. */
    static final int MAX_SERVICES = 500;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._:/-]*");
    private static final Set<String> WHY = Set.of("why", "cause", "caused", "root", "reason", "explain", "wrong", "broken", "happened", "happening");
    private static final Set<String> INCIDENTS = Set.of("incident", "incidents", "alert", "alerts", "down", "failing",
            "failed", "error", "errors", "page", "paged", "outage", "problem", "problems", "status", "open", "firing", "wrong", "going");
    private static final Set<String> ACT = Set.of("restart", "reboot", "fix", "remediate", "run", "action", "actions",
            "safe", "rollback", "start", "stop", "failover", "clean", "cleanup", "scale");
    private static final Set<String> SILENCE = Set.of("silence", "silenced", "silences", "mute", "muted", "quiet", "maintenance");
    private static final Set<String> RUNBOOK = Set.of("runbook", "runbooks", "how", "procedure", "docs", "documentation");

    private final JdbcTemplate jdbc;
    private final ActionCatalog catalog;
    private final ObjectMapper json;

    public KeywordAnswers(JdbcTemplate jdbc, ActionCatalog catalog, ObjectMapper json) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.json = json;
    }

    public String answer(String question) {
        Set<String> words = words(question);
        List<String> services = services(words);
        StringBuilder text = new StringBuilder();
        List<String> commands = new ArrayList<>();
        boolean why = words.stream().anyMatch(WHY::contains);
        boolean act = words.stream().anyMatch(ACT::contains);
        List<String[]> incidents = List.of();
        if (!services.isEmpty()) {
            for (String service : services) {
                incidents = openIncidents(service);
                text.append(incidents.isEmpty() ? "No open incidents of " + service + "." : "Open incidents of " + service + ":");
                appendIncidents(text, incidents, why);
                text.append('\n');
                commands.add("incidents " + service);
                commands.add("analyze " + service);
            }
        } else if (why || words.stream().anyMatch(INCIDENTS::contains) || !act) {
            incidents = openIncidents(null);
            text.append(incidents.isEmpty() ? "No open incidents." : "Open incidents, newest first:");
            appendIncidents(text, incidents, why);
            text.append('\n');
            commands.add("incidents");
            commands.add("status");
        }
        if (!incidents.isEmpty()) {
            String first = Texts.shortId(incidents.get(0)[0]);
            commands.add("incident " + first);
            if (act) {
                commands.add("actions " + first);
            }
        }
        if (act) {
            List<ActionDefinition> actions = actions(words);
            if (!actions.isEmpty()) {
                text.append("Catalog actions that may fit (each run needs approval unless the policy says otherwise):");
                for (ActionDefinition action : actions) {
                    text.append("\n• ").append(action.id()).append(" (risk ").append(action.risk().name().toLowerCase(Locale.ROOT))
                            .append("): ").append(Texts.line(action.description(), 120));
                }
                text.append('\n');
            }
            if (words.contains("safe")) {
                text.append("Whether it is safe is for a person to judge: check the open incidents, the active silences "
                        + "and the dry run a proposal shows before approving.\n");
            }
            commands.add("run <action> key=value…");
        }
        if (words.stream().anyMatch(SILENCE::contains)) {
            commands.add("status");
            commands.add("silence <matchers> <duration> [comment]");
        }
        if (words.stream().anyMatch(RUNBOOK::contains) || why) {
            commands.add("runbook " + Texts.line(String.join(" ", services.isEmpty() ? List.of("<words>") : services), 60));
        }
        commands.add("help");
        return text.append("Commands that fit: ").append(String.join(", ", new LinkedHashSet<>(commands))).toString().trim();
    }

    private static Set<String> words(String question) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(question.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group().replaceAll("[._:/-]+$", "");
            words.add(word);
        }
        return words;
    }

    /** The services the question names, as the hub spells them. */
    private List<String> services(Set<String> words) {
        List<String> known = jdbc.queryForList("select service from (select service, max(updated_at) as seen from incidents "
                + "where service is not null group by service union all select service, max(last_seen_at) as seen "
                + "from log_templates group by service) s group by service order by max(seen) desc fetch first "
                + MAX_SERVICES + " rows only", String.class);
        List<String> named = new ArrayList<>();
        for (String service : known) {
            if (words.contains(service.toLowerCase(Locale.ROOT)) && named.size() < 3) {
                named.add(service);
            }
        }
        return named;
    }

    /** id, severity, title, since, latest analysis summary, root cause. */
    private List<String[]> openIncidents(String service) {
        String filter = service == null ? "" : " and i.service = ?";
        Object[] arguments = service == null ? new Object[] {IncidentEngine.FIRING} : new Object[] {IncidentEngine.FIRING, service};
        return jdbc.query("select i.id, i.severity, i.title, i.created_at, (select a.result_json from incident_analyses a "
                + "where a.incident_id = i.id order by a.id desc fetch first 1 rows only) as analysis from incidents i "
                + "where i.status = ?" + filter + " order by i.created_at desc fetch first " + MAX_INCIDENTS + " rows only",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        Texts.time(rs.getTimestamp(4).toInstant()), rs.getString(5)}, arguments);
    }

    private void appendIncidents(StringBuilder text, List<String[]> incidents, boolean why) {
        for (String[] incident : incidents) {
            text.append("\n• ").append(Texts.shortId(incident[0])).append(' ').append(incident[1]).append(' ')
                    .append(Texts.line(incident[2], 100)).append(" (since ").append(incident[3]).append(')');
            JsonNode analysis = analysis(incident[4]);
            if (analysis == null) {
                text.append("\n  analysis: none yet");
                continue;
            }
            text.append("\n  analysis: ").append(Texts.line(analysis.path("summary").asText("-"), 200));
            if (why && !analysis.path("root_cause").asText("").isBlank()) {
                text.append("\n  root cause: ").append(Texts.line(analysis.path("root_cause").asText(), 200));
            }
        }
    }

    private JsonNode analysis(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Up to 5 catalog actions whose id or description contains an action word or a longer word of the question. */
    private List<ActionDefinition> actions(Set<String> words) {
        return catalog.actions().stream().filter(action -> {
            String about = (action.id().replace('_', ' ') + " " + action.description()).toLowerCase(Locale.ROOT);
            return words.stream().filter(w -> w.length() > 3 && ACT.contains(w) || w.length() > 4).anyMatch(about::contains);
        }).limit(5).toList();
    }
}
