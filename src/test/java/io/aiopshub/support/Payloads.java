package io.aiopshub.support;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** Alertmanager webhook payloads (version 4) as Alertmanager sends them. */
public final class Payloads {

    private Payloads() { }

    public static String alertmanager(String status, Instant startsAt, Instant endsAt, Map<String, String> labels,
                                      String summary) {
        return alertmanagerBatch(status, alert(status, startsAt, endsAt, labels, summary));
    }

    public static String alertmanagerBatch(String status, String... alerts) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"x\\"}","truncatedAlerts":0,"status":"%s",
                 "receiver":"aiops-hub","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
                 "externalURL":"http://alertmanager:9093","alerts":[%s]}""".formatted(status, String.join(",", alerts));
    }

    public static String alert(String status, Instant startsAt, Instant endsAt, Map<String, String> labels, String summary) {
        String labelJson = labels.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return """
                {"status":"%s","labels":%s,"annotations":{"summary":"%s"},"startsAt":"%s","endsAt":"%s",
                 "generatorURL":"http://prometheus:9090/graph?g0.expr=up","fingerprint":"ignored"}"""
                .formatted(status, labelJson, summary, startsAt,
                        endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
    }
}
