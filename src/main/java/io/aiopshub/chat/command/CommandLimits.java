package io.aiopshub.chat.command;

import java.time.Duration;

import io.aiopshub.api.ApiLimits;

/**
 * Bounds on what one command may ask for: the API's bounds, so chat can do no more than the API.
 * Text fields are bounded by the columns they are stored in.
 */
public record CommandLimits(Duration maxSilence, Duration maxAnalyzeWindow, int maxMatchers, int maxMatcherLength,
                            int maxRegexLength) {

    /** Ack and silence comments, reject reasons (columns of 2048). */
    public static final int MAX_COMMENT_LENGTH = 2000;
    /** A service name, as the incidents table holds it. */
    public static final int MAX_SERVICE_LENGTH = 256;
    /** Longest command text taken at all. */
    public static final int MAX_TEXT_LENGTH = 4000;
    /** Run parameters: how many, and how long a value may be. */
    public static final int MAX_PARAMETERS = 32;
    public static final int MAX_PARAMETER_LENGTH = 1024;

    public static CommandLimits of(ApiLimits api) {
        return new CommandLimits(api.getSilences().getMaxDuration(), api.getAnalyze().getMaxWindow(),
                api.getSilences().getMaxMatchers(), api.getSilences().getMaxMatcherLength(),
                api.getSilences().getMaxRegexLength());
    }

    public static CommandLimits defaults() {
        return of(new ApiLimits());
    }
}
