package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The pool's URL and init SQL make commits durable on H2 files and PostgreSQL, and the start-up check
 * refuses an H2 file database that delays its writes.
 */
class DurableCommitsTest {

    @TempDir
    Path dir;

    @Test
    void anH2FileUrlGetsWriteDelayZeroReplacingAnyOther() {
        assertThat(url("jdbc:h2:file:./data/aiops-hub;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:./data/aiops-hub;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(url("jdbc:h2:file:/var/hub;write_delay=500;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:/var/hub;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(url("jdbc:h2:./hub")).isEqualTo("jdbc:h2:./hub;WRITE_DELAY=0");
        assertThat(url("jdbc:h2:tcp://db:9092/hub")).isEqualTo("jdbc:h2:tcp://db:9092/hub;WRITE_DELAY=0");
        assertThat(url("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
    }

    @Test
    void aPostgresPoolRaisesSynchronousCommitUnlessItHasItsOwnInitSql() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/aiops");
        assertThat(pool.getConnectionInitSql()).isEqualTo(DurableCommits.POSTGRES_INIT_SQL);
        HikariDataSource own = new HikariDataSource();
        own.setJdbcUrl("jdbc:postgresql://db:5432/aiops");
        own.setConnectionInitSql("set search_path to hub");
        new DurableCommits().postProcessAfterInitialization(own, "dataSource");
        assertThat(own.getConnectionInitSql()).isEqualTo("set search_path to hub");
    }

    @Test
    void startUpCheckRefusesAnH2FileThatDelaysWritesAndAcceptsOneThatDoesNot() {
        String file = "jdbc:h2:file:" + dir.resolve("hub");
        assertThatThrownBy(() -> check(file + ";WRITE_DELAY=500")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WRITE_DELAY is 500");
        check(DurableCommits.h2WithWriteDelayZero(file + ";WRITE_DELAY=500"));
        check("jdbc:h2:mem:durable-check");
    }

    private static void check(String url) {
        new CommitDurabilityCheck(new JdbcTemplate(new SimpleDriverDataSource(new Driver(), url, "sa", "")))
                .afterPropertiesSet();
    }

    private static String url(String configured) {
        return pool(configured).getJdbcUrl();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        new DurableCommits().postProcessAfterInitialization(pool, "dataSource");
        return pool;
    }
}
