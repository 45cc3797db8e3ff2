package io.aiopshub.remediation.ansible;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/** The shipped route file in a small Camel context, with the executor bean made from the given settings. */
final class AnsibleRoute implements AutoCloseable {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    AnsibleRoute(AnsibleProperties properties) throws Exception {
        camel.getRegistry().bind("ansibleExecutor", new AnsibleExecutor(properties, Clock.systemUTC()));
        String file = "remediation-executor-ansible.yaml";
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.fromString(file, Files.readString(Path.of("routes", file))));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    static AnsibleProperties properties(String inventory, Path playbookDir, String playbook, String inventoryExe, Path tempDir) {
        return new AnsibleProperties(inventory, playbookDir.toString(), playbook, inventoryExe, "/usr/bin/env",
                "/usr/bin/timeout", Duration.ofSeconds(2), Duration.ofSeconds(30), tempDir.toString());
    }

    ExecutorResult call(ExecutorPhase phase, ActionDefinition action, Map<String, Object> parameters, Duration timeout) {
        ExecutorRequest request = new ExecutorRequest("run-1", phase, action, parameters, Map.of(), timeout);
        return producer.requestBody(Executor.ANSIBLE.endpoint(), request, ExecutorResult.class);
    }

    DefaultCamelContext camel() {
        return camel;
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
