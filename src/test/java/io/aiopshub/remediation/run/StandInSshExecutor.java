package io.aiopshub.remediation.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * A route {@code direct:executor-ssh} that records what the runner asks and answers as the test says,
 * standing in for the SSH executor in tests of the runner's flow; and the scripted policy.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInSshExecutor {

    /** What the stand-in was asked, and how it answers (success by default; PREPARE returns a backup name). */
    public static class Calls {
        public final List<ExecutorRequest> requests = new CopyOnWriteArrayList<>();
        public volatile Function<ExecutorRequest, ExecutorResult> answer = Calls::succeed;

        public static ExecutorResult succeed(ExecutorRequest request) {
            return switch (request.phase()) {
                case DRY_RUN -> ExecutorResult.success("would run on " + request.parameters().get("host") + ": "
                        + request.action().run().get("command"), "host key SHA256:test");
                case PREPARE -> new ExecutorResult(true, "kept backup", "", Map.of("backup", "backup-" + request.runId()));
                default -> ExecutorResult.success(request.phase() + " done", "exit 0");
            };
        }

        public List<ExecutorPhase> phases(String runId) {
            return requests.stream().filter(r -> r.runId().equals(runId)).map(ExecutorRequest::phase).toList();
        }
    }

    @Bean
    Calls sshCalls() {
        return new Calls();
    }

    @Bean
    RouteBuilder standInSshExecutorRoute(Calls calls) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:executor-ssh").routeId("stand-in-executor-ssh").process(exchange -> {
                    ExecutorRequest request = exchange.getMessage().getBody(ExecutorRequest.class);
                    calls.requests.add(request);
                    exchange.getMessage().setBody(calls.answer.apply(request));
                });
            }
        };
    }

    @Bean
    @Primary
    ScriptedGuard scriptedGuard() {
        return new ScriptedGuard();
    }
}
