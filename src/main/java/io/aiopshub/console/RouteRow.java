package io.aiopshub.console;

/**
 * One Camel route as the Routes page shows it. Counters come from Camel's own route MBean; {@code statistics}
 * is false when Camel keeps none for the route (then the counters are zero and the page says so).
 * {@code perMinute} is null until a rate can be given; {@code rateSince} says over what it was measured.
 */
public record RouteRow(String id, String description, String source, String status, String uptime,
                       boolean statistics, long total, long completed, long failed, long inflight,
                       long meanMillis, long lastMillis, Double perMinute, String rateSince) {

    public boolean started() {
        return "Started".equals(status);
    }
}
