package io.aiopshub.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.api.*}: bounds on what one API request may ask for, beyond the body size. The defaults are
 * documented in application.yml and in the OpenAPI document (/api/openapi.yaml). Text fields stored in
 * fixed-width columns (a silence's createdBy and comment, an ack's user and comment) have fixed bounds
 * in {@link RequestFields} instead.
 */
@ConfigurationProperties(prefix = "aiops.api")
public class ApiLimits {

    private final Silences silences = new Silences();
    private final Notify notify = new Notify();
    private final Incidents incidents = new Incidents();
    private final Analyze analyze = new Analyze();
    private final Actions actions = new Actions();

    public Silences getSilences() { return silences; }
    public Notify getNotify() { return notify; }
    public Incidents getIncidents() { return incidents; }
    public Analyze getAnalyze() { return analyze; }
    public Actions getActions() { return actions; }

    public static class Silences {
        /** Most matchers in one silence. */
        private int maxMatchers = 64;
        /** Longest matcher label name or value, in characters. */
        private int maxMatcherLength = 1024;
        /** Longest regex matcher value ({@code =~}, {@code !~}); RE2 also bounds its compiled size. */
        private int maxRegexLength = 1024;
        /** startsAt and endsAt must lie within this of now; a longer silence is renewed instead. */
        private Duration maxDuration = Duration.ofDays(365);

        public int getMaxMatchers() { return maxMatchers; }
        public void setMaxMatchers(int maxMatchers) { this.maxMatchers = maxMatchers; }
        public int getMaxMatcherLength() { return maxMatcherLength; }
        public void setMaxMatcherLength(int maxMatcherLength) { this.maxMatcherLength = maxMatcherLength; }
        public int getMaxRegexLength() { return maxRegexLength; }
        public void setMaxRegexLength(int maxRegexLength) { this.maxRegexLength = maxRegexLength; }
        public Duration getMaxDuration() { return maxDuration; }
        public void setMaxDuration(Duration maxDuration) { this.maxDuration = maxDuration; }
    }

    public static class Notify {
        /** Longest ad-hoc message title, in characters. */
        private int maxTitleLength = 256;
        /** Longest ad-hoc message text, in characters. */
        private int maxMessageLength = 16_000;

        public int getMaxTitleLength() { return maxTitleLength; }
        public void setMaxTitleLength(int maxTitleLength) { this.maxTitleLength = maxTitleLength; }
        public int getMaxMessageLength() { return maxMessageLength; }
        public void setMaxMessageLength(int maxMessageLength) { this.maxMessageLength = maxMessageLength; }
    }

    public static class Incidents {
        /** Largest page of GET /api/v1/incidents (query parameter size). */
        private int maxPageSize = 500;

        public int getMaxPageSize() { return maxPageSize; }
        public void setMaxPageSize(int maxPageSize) { this.maxPageSize = maxPageSize; }
    }

    public static class Analyze {
        /** Longest window of POST /api/v1/analyze. */
        private Duration maxWindow = Duration.ofDays(7);

        public Duration getMaxWindow() { return maxWindow; }
        public void setMaxWindow(Duration maxWindow) { this.maxWindow = maxWindow; }
    }

    public static class Actions {
        /** Largest page of GET /api/v1/actions (query parameter size). */
        private int maxPageSize = 500;

        public int getMaxPageSize() { return maxPageSize; }
        public void setMaxPageSize(int maxPageSize) { this.maxPageSize = maxPageSize; }
    }
}
