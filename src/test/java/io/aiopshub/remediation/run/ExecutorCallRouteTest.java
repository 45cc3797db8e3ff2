package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Route {@code remediation-executor-call} of routes/remediation.yaml: whatever an executor route does (throw,
 * answer something else), the runner gets an {@link ExecutorResult}, so no run hangs in its state. Executors
 * must not throw; the route executor-ssh here breaks that contract on purpose, which no real executor does.
 */
class ExecutorCallRouteTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ActionCatalog catalog = ActionCatalog.load(Path.of("src/test/resources/remediation/catalog.yaml"));
    private volatile Object answer;

    @BeforeEach
    void start() throws Exception {
        camel.getRegistry().bind("executorCalls", new ExecutorCalls());
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/remediation.yaml"));
        // Only the route under test: the others need the runner's beans.
        camel.removeRouteDefinitions(camel.getRouteDefinitions().stream()
                .filter(route -> !route.getRouteId().equals("remediation-executor-call")).toList());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:executor-ssh").routeId("contract-breaking-executor").process(exchange -> {
                    if (answer instanceof RuntimeException e) {
                        throw e;
                    }
                    exchange.getMessage().setBody(answer);
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void anExceptionIsAFailedPhaseNamingIt() {
        answer = new IllegalStateException("connection reset");
        ExecutorResult result = call(ExecutorPhase.PREPARE);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("executor ssh failed on PREPARE: IllegalStateException: connection reset");
    }

    @Test
    void anAnswerThatIsNoResultIsAFailedPhase() {
        answer = "OK";
        assertThat(call(ExecutorPhase.EXECUTE)).isEqualTo(ExecutorResult.failure("executor ssh gave no result for EXECUTE", ""));
    }

    @Test
    void aResultPassesAsItIs() {
        answer = ExecutorResult.success("restarted", "exit 0");
        assertThat(call(ExecutorPhase.EXECUTE)).isEqualTo(answer);
    }

    private ExecutorResult call(ExecutorPhase phase) {
        ExecutorRequest request = new ExecutorRequest("run-1", phase, catalog.get("restart_service_ssh").orElseThrow(),
                Map.of("host", "127.0.0.1", "service", "nginx"), Map.of(), Duration.ofSeconds(5));
        return camel.createProducerTemplate().requestBody("direct:remediation-executor-call", request, ExecutorResult.class);
    }
}
