package io.aiopshub.ingest;

import java.time.Duration;

/** The log line queue cannot take lines now (Redis is unavailable); none of the request's lines was queued. */
public class LogQueueUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public LogQueueUnavailableException(Duration retryAfter) {
        super("the log line queue (Redis) is unavailable");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
