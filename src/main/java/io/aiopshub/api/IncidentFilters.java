package io.aiopshub.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.PayloadValidationException;

/**
 * The filters of {@code GET /api/v1/incidents} that need SQL the repository cannot say: {@code label=key=value}
 * (repeatable; an incident matches when one of its alerts carries the label) and {@code group} (a correlated
 * group's id). Labels are matched on the stored JSON text, which is written with sorted keys and no spaces.
 */
@Component
public class IncidentFilters {

    static final int MAX_LABEL_FILTERS = 10;
    static final int MAX_LABEL_VALUE = 1024;
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page of ids, newest first, and how many match in all. */
    public record Page(List<String> ids, long total) { }

    private final JdbcTemplate jdbc;

    public IncidentFilters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code label} query values (one String or a List of them) as name → value, checked; a 400 names the field.
     * Public for the console's incident list, which takes the same filters.
     */
    public static Map<String, String> labels(Object raw) {
        List<String> values = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        } else if (raw != null) {
            values.add(raw.toString());
        }
        values.removeIf(String::isEmpty);
        if (values.size() > MAX_LABEL_FILTERS) {
            throw new PayloadValidationException("label", "is given " + values.size() + " times; at most "
                    + MAX_LABEL_FILTERS + " label filters are allowed");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new PayloadValidationException("label", RequestFields.echo(value)
                        + " is not name=value, such as label=host=db-1");
            }
            String name = value.substring(0, eq);
            String wanted = value.substring(eq + 1);
            if (!LABEL_NAME.matcher(name).matches()) {
                throw new PayloadValidationException("label", RequestFields.echo(name)
                        + " is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            RequestFields.text("label", wanted, MAX_LABEL_VALUE);
            if (labels.containsKey(name) && !labels.get(name).equals(wanted)) {
                throw new PayloadValidationException("label", "names " + name + " twice with different values");
            }
            labels.put(name, wanted);
        }
        return labels;
    }

    /** A {@code group} filter: null when blank, else a group id (a lower-case UUID); a 400 names the field. */
    public static String group(String raw) {
        return RequestFields.uuid("group", raw);
    }

    public Page search(String status, String severity, String service, Instant from, Instant to, String group,
                       Map<String, String> labels, int page, int size) {
        StringBuilder where = new StringBuilder(" from incidents i where 1 = 1");
        List<Object> args = new ArrayList<>();
        add(where, args, " and i.status = ?", status);
        add(where, args, " and i.severity = ?", severity);
        add(where, args, " and i.service = ?", service);
        add(where, args, " and i.created_at >= ?", from == null ? null : Timestamp.from(from));
        add(where, args, " and i.created_at < ?", to == null ? null : Timestamp.from(to));
        add(where, args, " and i.correlation_group_id = ?", group);
        labels.forEach((name, value) -> {
            where.append(" and exists (select 1 from alerts a where a.incident_id = i.id and a.labels_json like ? escape '!')");
            args.add("%" + like(json(name) + ":" + json(value)) + "%");
        });
        Long total = jdbc.queryForObject("select count(*)" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add((long) page * size);
        List<String> ids = jdbc.queryForList("select i.id" + where + " order by i.created_at desc, i.id offset ? rows fetch next "
                + size + " rows only", String.class, pageArgs.toArray());
        return new Page(ids, total == null ? 0 : total);
    }

    private static void add(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(clause);
            args.add(value);
        }
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String like(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
