package io.aiopshub.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Inserts new alerts with plain JDBC batches, in the caller's transaction. The incident engine creates
 * most of its rows here (every new fingerprint), and going through JPA entities cost a persist, a
 * dirty-check and a flush event per row for a row that is written once and never read back in the batch.
 * <p>
 * Ids come from {@code alerts_seq} the way Hibernate's pooled optimizer takes them for
 * {@link AlertEntity} (the sequence steps by 50: a value {@code hi} hands out {@code hi-49 .. hi}), so
 * ids taken here and any taken by JPA never collide.
 */
@Component
public class NewAlertRows {

    /** The sequence's increment, as in V1__core_schema.sql and on {@link AlertEntity}'s generator. */
    static final int ID_BLOCK = 50;

    private static final String INSERT = """
            insert into alerts (id, incident_id, fingerprint, source, status, severity, alertname, labels_json,
                                annotations_json, starts_at, ends_at, generator_url, first_seen_at, last_received_at,
                                resolved_at, silenced_by, inhibited, transitions)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final EntityManagerFactory entityManagerFactory;
    /** Read on first use: the JPA metamodel is built in the background at start (deferred bootstrap). */
    private volatile String nextIdBlockSql;

    public NewAlertRows(JdbcTemplate jdbc, EntityManagerFactory entityManagerFactory) {
        this.jdbc = jdbc;
        this.entityManagerFactory = entityManagerFactory;
    }

    /** Inserts every alert (none may have an id yet) in JDBC batches; returns the ids given, in order. */
    public List<Long> insertAll(List<AlertEntity> alerts) {
        List<Long> ids = takeIds(alerts.size());
        if (alerts.isEmpty()) {
            return ids;
        }
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                bind(ps, ids.get(i), alerts.get(i));
            }

            @Override
            public int getBatchSize() {
                return alerts.size();
            }
        });
        return ids;
    }

    private List<Long> takeIds(int count) {
        List<Long> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            Long hi = jdbc.queryForObject(nextIdBlockSql(), Long.class);
            if (hi == null) {
                throw new IllegalStateException("alerts_seq returned no value");
            }
            for (long id = Math.max(1, hi - ID_BLOCK + 1); id <= hi && ids.size() < count; id++) {
                ids.add(id);
            }
        }
        return ids;
    }

    private String nextIdBlockSql() {
        String sql = nextIdBlockSql;
        if (sql == null) {
            sql = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                    .getSequenceSupport().getSequenceNextValString("alerts_seq");
            nextIdBlockSql = sql;
        }
        return sql;
    }

    private static void bind(PreparedStatement ps, long id, AlertEntity a) throws SQLException {
        ps.setLong(1, id);
        ps.setString(2, a.getIncidentId());
        ps.setString(3, a.getFingerprint());
        ps.setString(4, a.getSource());
        ps.setString(5, a.getStatus());
        ps.setString(6, a.getSeverity());
        ps.setString(7, a.getAlertname());
        ps.setString(8, LabelsConverter.write(a.getLabels()));
        ps.setString(9, LabelsConverter.write(a.getAnnotations()));
        setInstant(ps, 10, a.getStartsAt());
        setInstant(ps, 11, a.getEndsAt());
        ps.setString(12, a.getGeneratorUrl());
        setInstant(ps, 13, a.getFirstSeenAt());
        setInstant(ps, 14, a.getLastReceivedAt());
        setInstant(ps, 15, a.getResolvedAt());
        ps.setString(16, a.getSilencedBy());
        ps.setBoolean(17, a.isInhibited());
        ps.setString(18, a.getTransitions());
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }
}
