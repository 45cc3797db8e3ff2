package io.aiopshub.config;

import java.nio.channels.ClosedChannelException;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops two WARN lines of Camel 4.17 that report nothing wrong, and nothing else from those loggers:
 * <ul>
 * <li>{@code FileLockClusterView: null} with a {@link ClosedChannelException} stack trace: when a
 * leader-only route is removed (a route file reload), the view releases a lock whose channel it has
 * already closed; the lock is gone either way and is taken again at once;</li>
 * <li>{@code The task Leadership does not have more budget to continue running}: the master consumer's
 * start-up retry task says so a few seconds after it succeeded.</li>
 * </ul>
 */
public class KnownNoiseFilter extends TurboFilter {

    static final String FILE_LOCK_VIEW = "org.apache.camel.component.file.cluster.FileLockClusterView";
    static final String BACKGROUND_TASK = "org.apache.camel.support.task.BackgroundTask";
    static final String NO_MORE_BUDGET = "The task {} does not have more budget to continue running";

    /** Adds the filter to logback's context (once), so it applies to every logger. */
    public static void install(LoggerContext context) {
        if (context.getTurboFilterList().stream().noneMatch(KnownNoiseFilter.class::isInstance)) {
            KnownNoiseFilter filter = new KnownNoiseFilter();
            filter.setName("aiops-known-noise");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || logger == null) {
            return FilterReply.NEUTRAL;
        }
        if (FILE_LOCK_VIEW.equals(logger.getName()) && (t instanceof ClosedChannelException || lastIsClosedChannel(params))) {
            return FilterReply.DENY;
        }
        if (BACKGROUND_TASK.equals(logger.getName()) && NO_MORE_BUDGET.equals(format) && params != null
                && params.length == 1 && "Leadership".equals(params[0])) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean lastIsClosedChannel(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof ClosedChannelException;
    }
}
