package io.aiopshub.remediation.mikrotik;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/** The shipped route file on a small Camel context with the executor's real beans; the properties stay mutable. */
final class MikrotikRoute implements AutoCloseable {

    static final Path ROUTE_FILE = Path.of("routes/remediation-executor-mikrotik.yaml");
    static final ActionCatalog CATALOG = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));

    final MikrotikProperties properties = new MikrotikProperties();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    MikrotikRoute() throws Exception {
        camel.getRegistry().bind("mikrotikPlanner", new MikrotikPlanner(properties));
        camel.getRegistry().bind("mikrotikSessions", new MikrotikSessions(new RouterOsConnector(properties)));
        camel.getRegistry().bind("mikrotikDialog", new MikrotikDialog());
        camel.getRegistry().bind("mikrotikReplyReader", new MikrotikReplyReader());
        camel.getRegistry().bind("mikrotikFailures", new MikrotikFailures());
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.fromString("file:" + ROUTE_FILE, Files.readString(ROUTE_FILE)));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** Points the executor at the fake router over the plain API, with short timeouts. */
    MikrotikRoute plainTo(FakeRouterOs router) {
        properties.setHost("127.0.0.1");
        properties.setPort(router.port());
        properties.setTls(false);
        properties.setUsername(FakeRouterOs.USER);
        properties.setPassword(FakeRouterOs.PASSWORD);
        properties.setConnectTimeout(Duration.ofSeconds(2));
        properties.setReadTimeout(Duration.ofSeconds(2));
        return this;
    }

    ExecutorResult call(String actionId, ExecutorPhase phase, Map<String, Object> parameters) {
        return call(actionId, phase, parameters, Map.of(), Duration.ofSeconds(10));
    }

    ExecutorResult call(String actionId, ExecutorPhase phase, Map<String, Object> parameters, Map<String, String> state,
                        Duration timeout) {
        return call(new ExecutorRequest("run-7", phase, action(actionId), parameters, state, timeout));
    }

    ExecutorResult call(ExecutorRequest request) {
        return producer.requestBody(Executor.MIKROTIK.endpoint(), request, ExecutorResult.class);
    }

    static ActionDefinition action(String id) {
        return CATALOG.get(id).orElseThrow();
    }

    @Override
    public void close() {
        camel.stop();
    }
}
