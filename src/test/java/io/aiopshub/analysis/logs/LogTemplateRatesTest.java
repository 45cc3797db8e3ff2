package io.aiopshub.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.aiopshub.analysis.logs.LogTemplateRates.Rate;
import io.aiopshub.support.EmbeddedPostgresServer;

/**
 * The console's template rates on both databases the hub runs on (H2 and a real PostgreSQL, same
 * migrations): busiest in the last hour first, then by average rate; the service filter; paging.
 */
class LogTemplateRatesTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:30Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void busiestInTheLastHourFirstThenByAverageRate(String database) {
        try (HikariDataSource dataSource = dataSource(database)) {
            Flyway.configure().dataSource(dataSource).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            LogTemplateStore store = new LogTemplateStore(jdbc);
            Instant day = NOW.minus(Duration.ofDays(1));
            store.save("checkout", List.of(
                    // 1,440 lines over a day: one a minute, none an error.
                    new LogTemplate("T1", "user <*> logged in", 1440, day, NOW),
                    // Few lines, but 30 errors in the last hour.
                    new LogTemplate("T2", "payment <*> failed", 40, day, NOW),
                    // 20 lines in 10 minutes, an hour ago: a higher average than T1.
                    new LogTemplate("T3", "cache <*> warmed", 20, NOW.minus(Duration.ofMinutes(80)), NOW.minus(Duration.ofMinutes(70)))));
            store.save("ledger", List.of(new LogTemplate("T1", "ledger <*> committed", 5, day, NOW)));
            activity(jdbc, "checkout", "T2", "error", NOW.minus(Duration.ofMinutes(10)), 20);
            activity(jdbc, "checkout", "T2", "warning", NOW.minus(Duration.ofMinutes(5)), 10);
            // Older than an hour: not in the recent rate.
            activity(jdbc, "checkout", "T3", "warning", NOW.minus(Duration.ofMinutes(75)), 10);

            LogTemplateRates rates = new LogTemplateRates(jdbc);
            List<Rate> checkout = rates.page("checkout", NOW, 0, 10);
            assertThat(checkout).extracting(Rate::templateId).containsExactly("T2", "T3", "T1");
            Rate busiest = checkout.get(0);
            assertThat(busiest.recentLines()).isEqualTo(30);
            assertThat(busiest.recentPerMinute()).isEqualTo(0.5);
            assertThat(busiest.level()).isEqualTo("error");
            assertThat(checkout.get(1).recentLines()).isNull();
            assertThat(checkout.get(1).averagePerMinute()).isEqualTo(2.0);
            assertThat(checkout.get(2).averagePerMinute()).isEqualTo(1.0);
            assertThat(checkout.get(2).firstSeen()).isEqualTo(day);

            assertThat(rates.page(null, NOW, 0, 10)).extracting(r -> r.service() + "/" + r.templateId())
                    .containsExactly("checkout/T2", "checkout/T3", "checkout/T1", "ledger/T1");
            assertThat(rates.page(null, NOW, 1, 3)).extracting(Rate::service).containsExactly("ledger");
            assertThat(rates.count(null)).isEqualTo(4);
            assertThat(rates.count("checkout")).isEqualTo(3);
            assertThat(rates.count("nobody")).isZero();
            assertThat(rates.page("nobody", NOW, 0, 10)).isEmpty();
            assertThat(rates.services()).containsExactly("checkout", "ledger");
        }
    }

    private static void activity(JdbcTemplate jdbc, String service, String templateId, String level, Instant at, long lines) {
        jdbc.update("insert into log_template_activity (service, host, template_id, level, minute_at, occurrences, example) "
                + "values (?, 'web-1', ?, ?, ?, ?, 'an example')", service, templateId, level,
                Timestamp.from(at.truncatedTo(ChronoUnit.MINUTES)), lines);
    }

    private static HikariDataSource dataSource(String database) {
        HikariDataSource dataSource = new HikariDataSource();
        if (database.equals("postgres")) {
            dataSource.setJdbcUrl(EmbeddedPostgresServer.freshDatabase("template_rates"));
            dataSource.setUsername("postgres");
        } else {
            dataSource.setJdbcUrl("jdbc:h2:mem:template-rates-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }
}
