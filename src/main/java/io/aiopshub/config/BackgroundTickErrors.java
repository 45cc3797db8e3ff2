package io.aiopshub.config;

import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The exception handler of the background loops' timers ({@code exceptionHandler=#backgroundTickErrors} in
 * routes/). Failures inside a tick are handled by the routes' own error handling; what reaches a timer is
 * what escaped it. One case is expected and harmless: a tick that fires while its route or the hub is
 * stopping is refused by Camel ({@link RejectedExecutionException}); nothing of it ran, the next start ticks
 * again. Camel's default handler logs that as a warning with a stack trace at every shutdown; here it is a
 * debug line. Anything else stays a warning with its stack trace.
 */
@Component("backgroundTickErrors")
public class BackgroundTickErrors extends ConsumerErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTickErrors.class);

    private final CamelContext camel;

    public BackgroundTickErrors(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String routeId = exchange == null ? null : exchange.getFromRouteId();
        if (exception instanceof RejectedExecutionException && stopping(routeId)) {
            LOG.debug("A tick of route {} was refused while it stops", routeId);
            return;
        }
        LOG.warn("A tick of route {} failed: {}", routeId, message == null ? "" : message, exception);
    }

    private boolean stopping(String routeId) {
        if (!camel.getStatus().isStarted()) {
            return true;
        }
        ServiceStatus route = routeId == null ? null : camel.getRouteController().getRouteStatus(routeId);
        return route != null && !route.isStarted();
    }
}
