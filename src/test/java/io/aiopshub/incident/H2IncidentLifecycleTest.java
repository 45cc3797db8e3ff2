package io.aiopshub.incident;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.aiopshub.support.TestClockConfig;

/** The incident contract on the embedded default database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:incident-lifecycle;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + IncidentLifecycleContract.BEARER,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class H2IncidentLifecycleTest extends IncidentLifecycleContract {
}
