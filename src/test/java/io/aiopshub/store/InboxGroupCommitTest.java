package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.aiopshub.store.AlertInbox.NewEvent;

/**
 * Group commit on a real H2 database: requests that arrive while a commit runs go out together in the
 * next one, each caller returns only once its own events are committed (visible to another connection),
 * and a caller whose events cannot be stored fails alone.
 */
class InboxGroupCommitTest {

    /** A real transaction manager that counts commits and can hold the first one until told to go on. */
    private static final class ObservedCommits extends DataSourceTransactionManager {
        final AtomicInteger commits = new AtomicInteger();
        final CountDownLatch firstCommitStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstCommit = new CountDownLatch(1);

        ObservedCommits(HikariDataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (commits.incrementAndGet() == 1) {
                firstCommitStarted.countDown();
                await(releaseFirstCommit);
            }
            super.doCommit(status);
        }
    }

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private ObservedCommits commits;
    private InboxGroupCommit groupCommit;
    private ExecutorService senders;

    @BeforeEach
    void database() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setMaximumPoolSize(8);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        commits = new ObservedCommits(dataSource);
        groupCommit = new InboxGroupCommit(new AlertInbox(jdbc), new TransactionTemplate(commits));
        senders = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void close() {
        commits.releaseFirstCommit.countDown();
        senders.shutdownNow();
        dataSource.close();
    }

    @Test
    void requestsArrivingDuringACommitShareTheNextOneAndEachReturnsOnlyOnceItsEventsAreCommitted() throws Exception {
        CompletableFuture<Long> first = send("first");
        assertThat(commits.firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Long>> waiting = List.of(send("a"), send("b"), send("c"));
        awaitQueued(3);

        assertThat(first).as("its commit has not finished").isNotDone();
        assertThat(waiting).allSatisfy(f -> assertThat(f).isNotDone());
        assertThat(committedRows()).isZero();

        commits.releaseFirstCommit.countDown();
        // Each caller counted the committed rows from another connection right after it returned.
        assertThat(first.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
        for (CompletableFuture<Long> f : waiting) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(4);
        }
        assertThat(jdbc.queryForList("select fingerprint from alert_inbox order by id", String.class))
                .hasSize(4).startsWith("first").contains("a", "b", "c");
        assertThat(commits.commits.get()).as("the three waiting requests went out in one commit").isEqualTo(2);
    }

    @Test
    void aRequestWhoseEventsCannotBeStoredFailsAloneAndTheOthersInItsGroupAreStored() throws Exception {
        CompletableFuture<Long> first = send("first");
        assertThat(commits.firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> good = send("good");
        // Longer than the fingerprint column: the group's insert fails, then this one alone.
        CompletableFuture<Long> bad = send("x".repeat(40));
        CompletableFuture<Long> alsoGood = send("also-good");
        awaitQueued(3);
        commits.releaseFirstCommit.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(good.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
        assertThat(alsoGood.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForList("select fingerprint from alert_inbox", String.class))
                .containsExactlyInAnyOrder("first", "good", "also-good");
    }

    @Test
    void insideACallersTransactionTheEventsJoinItAndAreGoneWithItsRollback() {
        commits.releaseFirstCommit.countDown();
        TransactionTemplate callers = new TransactionTemplate(commits);
        callers.executeWithoutResult(status -> {
            groupCommit.append(List.of(event("joined")));
            assertThat(CompletableFuture.supplyAsync(this::committedRows, senders).join())
                    .as("not committed on its own (read from another connection)").isZero();
            status.setRollbackOnly();
        });
        assertThat(committedRows()).isZero();
        assertThat(commits.commits.get()).isZero();
    }

    /** Appends one event on a sender thread; then counts, from another connection, the committed rows. */
    private CompletableFuture<Long> send(String fingerprint) {
        return CompletableFuture.supplyAsync(() -> {
            groupCommit.append(List.of(event(fingerprint)));
            return committedRows();
        }, senders);
    }

    private long committedRows() {
        Long count = jdbc.queryForObject("select count(*) from alert_inbox", Long.class);
        return count == null ? 0 : count;
    }

    /** Waits until the senders queued behind the running commit wait for the writer lock. */
    private void awaitQueued(int callers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (groupCommit.waitingCallers() < callers && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(groupCommit.waitingCallers()).isEqualTo(callers);
    }

    private static NewEvent event(String fingerprint) {
        Instant now = Instant.parse("2026-11-29T06:00:00Z");
        return NewEvent.of("test", fingerprint, "firing", Map.of("alertname", "GroupCommit"), Map.of(),
                now, null, null, now);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
