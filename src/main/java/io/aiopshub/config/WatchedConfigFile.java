package io.aiopshub.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies edits of an operator-edited file while the hub runs: a changed file is parsed and checked whole,
 * then replaces what is in force in one step; a broken, missing or half-written file leaves it in force,
 * says why in the log and reports the outcome ({@code success}, {@code invalid}, {@code missing}).
 *
 * @param <T> what the file parses into
 */
public final class WatchedConfigFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedConfigFile.class);

    /** What one kind of file does with its text. */
    public interface Handler<T> {

        /** Parses and checks the whole text; throws with every problem in the message when it is broken. */
        T parse(String text, String source);

        /** Puts the parsed value in force. */
        void apply(T value);

        /** One line on what was applied, for the log. */
        String describe(T value);

        /** Counts a reload outcome in the metrics. */
        void outcome(String outcome);
    }

    private final String what;
    private final Path file;
    private final Duration pollInterval;
    private final Handler<T> handler;
    /** The text last looked at (applied or refused): unchanged text is not parsed or reported again. */
    private String seen;
    private boolean reportedMissing;
    private ScheduledExecutorService poller;

    /**
     * @param what a name for the log, e.g. "Alert routing"
     */
    public WatchedConfigFile(String what, Path file, Duration pollInterval, Handler<T> handler) {
        this.what = what;
        this.file = file;
        this.pollInterval = pollInterval;
        this.handler = handler;
        this.seen = read();
        // Started on the bundled default: a missing file is the normal case, not news.
        this.reportedMissing = seen == null;
    }

    public void start(String threadName) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, threadName));
        long period = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for {} changes every {}", file.toAbsolutePath(), what, pollInterval);
    }

    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Caught so the schedule goes on: an escaping throwable would silently stop all later polls.
            LOG.error("{} check failed", what, e);
        }
    }

    /** One look at the file: applies it when it changed and is valid. */
    public synchronized void poll() {
        String text = read();
        if (text == null) {
            if (!reportedMissing) {
                reportedMissing = true;
                handler.outcome("missing");
                LOG.warn("{} file {} is gone; what is in force stays until it is back", what, file.toAbsolutePath());
            }
            return;
        }
        reportedMissing = false;
        if (text.equals(seen) || text.isBlank()) {
            // Unchanged, or probably being written (a non-atomic save): looked at again next time.
            return;
        }
        seen = text;
        T value;
        try {
            value = handler.parse(text, file.toString());
        } catch (RuntimeException e) {
            handler.outcome("invalid");
            LOG.error("{} file {} NOT applied; what is in force is unchanged. {}", what, file.toAbsolutePath(),
                    e.getMessage());
            return;
        }
        handler.apply(value);
        handler.outcome("success");
        LOG.info("{} reloaded from {}: {}", what, file.toAbsolutePath(), handler.describe(value));
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot read {} now: {}", file, e.getMessage());
            return seen;
        }
    }
}
