package io.aiopshub.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which open incidents hold the alert with a given fingerprint: how the analysis stages find the
 * incident their event became part of (incidents are made asynchronously from the inbox).
 */
@Component
public class OpenIncidentLookup {

    private final JdbcTemplate jdbc;

    public OpenIncidentLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> holdingAlert(String fingerprint) {
        return jdbc.queryForList("select a.incident_id from alerts a join incidents i on i.id = a.incident_id "
                + "where a.fingerprint = ? and i.status = 'firing'", String.class, fingerprint);
    }
}
