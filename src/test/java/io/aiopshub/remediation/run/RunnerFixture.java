package io.aiopshub.remediation.run;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.analysis.metrics.PrometheusProperties;
import io.aiopshub.incident.IncidentTimeline;
import io.aiopshub.redact.Redactor;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.TestClockConfig;

/**
 * The action runner's beans wired by hand on a migrated database, without a Spring context: the real
 * store, proposals, decisions, launcher, execution, verifier and sweeper. Each {@link #instance()} is one
 * hub instance (its own instance id) on the shared database.
 */
final class RunnerFixture implements AutoCloseable {

    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;
    final MutableClock clock = new MutableClock(TestClockConfig.START);
    final ActionCatalog catalog = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));
    final ScriptedGuard guard = new ScriptedGuard();
    final RunnerProperties properties = new RunnerProperties();
    final ObjectMapper json = new ObjectMapper();
    final ActionRunStore store;
    final RunFactsReader facts;
    final RunTexts texts;
    final RunEndings endings;
    final ActionProposals proposals;
    final ActionDecisions decisions;

    /** The per-instance beans. */
    record Instance(InstanceId id, ActionLauncher launcher, ActionExecution execution, RunSweeper sweeper,
                    LeaseKeeper leases) { }

    private final HikariDataSource pool;

    RunnerFixture(String url, String user) {
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setMaximumPoolSize(20);
        DataSource dataSource = pool;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // The store writes timeline entries with IncidentTimeline.recordAll, which uses JDBC only; its JPA
        // repository (for record()) is not needed here.
        IncidentTimeline timeline = new IncidentTimeline(null, jdbc, clock);
        store = new ActionRunStore(jdbc, transactions, timeline, json, clock);
        facts = new RunFactsReader(jdbc);
        texts = new RunTexts(new Redactor(), properties);
        endings = new RunEndings(store, catalog, guard, facts);
        InstanceId proposer = new InstanceId();
        proposals = new ActionProposals(catalog, store, guard, facts, texts, timeline, jdbc, properties, proposer, clock);
        decisions = new ActionDecisions(store, catalog, guard, facts, proposals, endings, transactions, clock);
    }

    @Override
    public void close() {
        pool.close();
    }

    Instance instance() {
        InstanceId id = new InstanceId();
        return new Instance(id,
                new ActionLauncher(store, catalog, guard, facts, endings, transactions, id, properties, clock),
                new ActionExecution(store, catalog, texts, endings, id, clock),
                new RunSweeper(store, catalog, endings, id, properties, clock),
                new LeaseKeeper(store, catalog, id, properties, clock));
    }

    ActionVerifier verifier(Instance instance) {
        return new ActionVerifier(store, catalog, texts, endings, instance.id(), new PrometheusProperties(), jdbc, json, clock);
    }

    void clean() {
        for (String table : new String[] {"action_run_events", "action_run_decisions", "action_runs", "timeline_entries",
                "alerts", "incident_analyses", "notifications", "incidents"}) {
            jdbc.update("delete from " + table);
        }
        clock.set(TestClockConfig.START);
    }

    /** An open incident to hang runs on. */
    String incident() {
        String id = java.util.UUID.randomUUID().toString();
        jdbc.update("""
                insert into incidents (id, group_key, group_key_hash, route_id, status, severity, title,
                                       group_labels_json, created_at, updated_at)
                values (?, ?, ?, 'default', 'firing', 'critical', 'nginx down on web-01', ?, ?, ?)""",
                id, "k" + id, "h" + id, "{\"service\":\"nginx\"}", java.sql.Timestamp.from(clock.instant()),
                java.sql.Timestamp.from(clock.instant()));
        return id;
    }

    /** A proposal of restart_service_ssh on web-01 by alice. */
    Proposal proposal(String incidentId, String key) {
        return new Proposal("restart_service_ssh", Map.of("host", "web-01", "service", "nginx"), incidentId, "alice",
                ProposerKind.PERSON, key, "nginx answers 502");
    }
}
