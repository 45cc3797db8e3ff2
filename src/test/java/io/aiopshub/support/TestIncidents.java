package io.aiopshub.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Incident rows for tests that enqueue notifications about an incident directly. */
public final class TestIncidents {

    private TestIncidents() { }

    public static void ensure(JdbcTemplate jdbc, String id) {
        if (jdbc.queryForObject("select count(*) from incidents where id = ?", Long.class, id) == 0) {
            jdbc.update("""
                    insert into incidents (id, group_key, group_key_hash, route_id, status, severity, title,
                                           group_labels_json, created_at, updated_at)
                    values (?, 'critical:{alertname=HighCPU, service=api}', 'h', 'critical', 'firing',
                            'critical', 'HighCPU on api', '{}', current_timestamp, current_timestamp)""", id);
        }
    }
}
