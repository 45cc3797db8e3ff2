package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The hub as shipped, with nothing configured: it starts (the catalog's ansible actions pass the start-up
 * check), the settings have their documented defaults, and the route answers "not configured".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ansible-wiring;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "camel.main.routes-include-pattern=file:routes/remediation-executor-ansible.yaml"})
class AnsibleExecutorWiringTest {

    @Autowired AnsibleProperties properties;
    @Autowired ActionCatalog catalog;
    @Autowired CamelContext camel;
    @Autowired ProducerTemplate producer;

    @Test
    void startsWithDocumentedDefaultsAndAnswersNotConfigured() {
        assertThat(properties).isEqualTo(new AnsibleProperties("", "playbooks", "ansible-playbook", "ansible-inventory",
                "/usr/bin/env", "/usr/bin/timeout", Duration.ofSeconds(10), Duration.ofSeconds(30), ""));
        assertThat(camel.getRoute("executor-ansible")).isNotNull();

        ExecutorRequest request = new ExecutorRequest("run-1", ExecutorPhase.DRY_RUN, catalog.get("restart_service").orElseThrow(),
                Map.of("host", "web-01", "service", "nginx"), Map.of(), Duration.ofMinutes(1));
        ExecutorResult result = producer.requestBody(Executor.ANSIBLE.endpoint(), request, ExecutorResult.class);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("ansible executor is not configured: set aiops.remediation.ansible.inventory");
    }
}
