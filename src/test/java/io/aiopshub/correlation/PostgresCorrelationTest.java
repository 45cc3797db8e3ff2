package io.aiopshub.correlation;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.aiopshub.support.EmbeddedPostgresServer;
import io.aiopshub.support.TestClockConfig;

/** The correlation contract on a real PostgreSQL, in a database of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aiops.security.api-tokens=" + CorrelationContract.TOKEN,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@ActiveProfiles("postgres")
@Import(TestClockConfig.class)
class PostgresCorrelationTest extends CorrelationContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgresServer.freshDatabase("correlation");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        topology(registry, "postgres");
    }
}
