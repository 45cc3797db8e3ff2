package io.aiopshub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The two Camel WARN lines that report nothing wrong are dropped; everything else from those loggers stays. */
class KnownNoiseFilterTest {

    @Test
    void dropsOnlyTheKnownNoise() {
        LoggerContext context = new LoggerContext();
        KnownNoiseFilter.install(context);
        KnownNoiseFilter.install(context);
        assertThat(context.getTurboFilterList()).hasSize(1);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);

        Logger view = context.getLogger(KnownNoiseFilter.FILE_LOCK_VIEW);
        ClosedChannelException closed = new ClosedChannelException();
        // As FileLockClusterView.releaseFileLock logs it.
        view.warn("{}", closed.getMessage(), closed);
        view.warn("{}", "disk gone", new IOException("disk gone"));
        view.info("Lock on file {} lost", "./data/cluster/aiops-retention");

        Logger task = context.getLogger(KnownNoiseFilter.BACKGROUND_TASK);
        task.warn(KnownNoiseFilter.NO_MORE_BUDGET, "Leadership");
        task.warn(KnownNoiseFilter.NO_MORE_BUDGET, "route-restart");

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("disk gone", "Lock on file ./data/cluster/aiops-retention lost",
                        "The task route-restart does not have more budget to continue running");
    }
}
