package io.aiopshub.remediation.policy;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.aiopshub.support.EmbeddedPostgresServer;
import io.aiopshub.support.TestClockConfig;

/** The guard contract on a real PostgreSQL with the {@code postgres} profile. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aiops.security.api-tokens=" + H2RemediationGuardTest.TOKENS,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "aiops.remediation.policy-file=src/test/resources/test-remediation.yaml",
        "aiops.remediation.policy-reload=false",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@ActiveProfiles("postgres")
@Import(TestClockConfig.class)
class PostgresRemediationGuardTest extends RemediationGuardContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedPostgresServer::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
