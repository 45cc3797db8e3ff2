package io.aiopshub.remediation.policy;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.aiopshub.support.TestClockConfig;

/** The guard contract on the embedded default database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:remediation-policy;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + H2RemediationGuardTest.TOKENS,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "aiops.remediation.policy-file=src/test/resources/test-remediation.yaml",
        "aiops.remediation.policy-reload=false",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class H2RemediationGuardTest extends RemediationGuardContract {

    static final String ALICE_TOKEN = "alice-token-4f1c9e2b7a";
    static final String BOB_TOKEN = "bob-token-8d3a6c1e5f";
    static final String TOKENS = "alice:" + ALICE_TOKEN + ",bob:" + BOB_TOKEN;
}
