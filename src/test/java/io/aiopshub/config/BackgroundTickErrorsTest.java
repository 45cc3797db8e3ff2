package io.aiopshub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A real Camel context with a timer route: which failures of a tick are worth a warning. */
@ExtendWith(OutputCaptureExtension.class)
class BackgroundTickErrorsTest {

    private CamelContext camel;
    private BackgroundTickErrors handler;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:tick-test?period=60000&delay=60000").routeId("tick-test").log("tick");
            }
        });
        camel.start();
        handler = new BackgroundTickErrors(camel);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aTickRefusedWhileItsRouteStopsIsNotAWarning(CapturedOutput output) throws Exception {
        camel.getRouteController().stopRoute("tick-test");
        handler.handleException("Error processing exchange", tick(), new RejectedExecutionException());
        assertThat(output.getOut() + output.getErr()).doesNotContain("A tick of route");
    }

    @Test
    void aTickRefusedWhileTheHubStopsIsNotAWarning(CapturedOutput output) {
        Exchange tick = tick();
        camel.stop();
        handler.handleException("Error processing exchange", tick, new RejectedExecutionException());
        assertThat(output.getOut() + output.getErr()).doesNotContain("A tick of route");
    }

    @Test
    void aRefusalWhileEverythingRunsIsAWarningWithItsTrace(CapturedOutput output) {
        handler.handleException("Error processing exchange", tick(), new RejectedExecutionException("pool full"));
        assertThat(output.getOut() + output.getErr()).contains("WARN").contains("A tick of route tick-test failed")
                .contains("java.util.concurrent.RejectedExecutionException: pool full");
    }

    @Test
    void anyOtherFailureIsAWarningEvenAtShutdown(CapturedOutput output) {
        Exchange tick = tick();
        camel.stop();
        handler.handleException("Error processing exchange", tick, new IllegalStateException("broken tick"));
        assertThat(output.getOut() + output.getErr()).contains("A tick of route tick-test failed")
                .contains("IllegalStateException: broken tick");
    }

    private Exchange tick() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getExchangeExtension().setFromRouteId("tick-test");
        return exchange;
    }
}
