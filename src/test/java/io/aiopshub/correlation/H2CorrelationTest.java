package io.aiopshub.correlation;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.aiopshub.support.TestClockConfig;

/** The correlation contract on H2 (the embedded default database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:correlation;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + CorrelationContract.TOKEN,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class H2CorrelationTest extends CorrelationContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        topology(registry, "h2");
    }
}
