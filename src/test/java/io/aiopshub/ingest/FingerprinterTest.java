package io.aiopshub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FingerprinterTest {

    @Test
    void sameLabelsInAnyOrderGiveTheSameFingerprint() {
        Fingerprinter fp = new Fingerprinter(Set.of());
        String a = fp.fingerprint(Map.of("alertname", "X", "service", "api"));
        assertThat(a).hasSize(32).isEqualTo(fp.fingerprint(new java.util.TreeMap<>(Map.of("service", "api", "alertname", "X"))));
        assertThat(fp.fingerprint(Map.of("alertname", "X", "service", "web"))).isNotEqualTo(a);
    }

    @Test
    void fingerprintsStayThoseAlreadyStored() {
        // Computed by the first implementation (a sorted TreeMap copy): stored alerts and dedup keys keep
        // their identity across the faster hashing.
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("service", "svc-7");
        labels.put("alertname", "LoadTest7");
        labels.put("instance", "host-7:9100");
        labels.put("severity", "warning");
        labels.put("zone", "\u00e9\u6771\ud83d\ude42");
        assertThat(new Fingerprinter(Set.of()).fingerprint(labels)).isEqualTo("f61fe61be41c3bbbb180a1aea54035be");
    }

    @Test
    void separatorsKeepAmbiguousLabelSetsApart() {
        Fingerprinter fp = new Fingerprinter(Set.of());
        assertThat(fp.fingerprint(Map.of("a", "bc"))).isNotEqualTo(fp.fingerprint(Map.of("ab", "c")));
    }

    @Test
    void ignoredLabelsDoNotChangeTheFingerprint() {
        Fingerprinter fp = new Fingerprinter(Set.of("pod"));
        assertThat(fp.fingerprint(Map.of("alertname", "X", "pod", "api-1")))
                .isEqualTo(fp.fingerprint(Map.of("alertname", "X", "pod", "api-2")));
    }

    @Test
    void severityAliasesNormalise() {
        assertThat(Severity.parse("ERROR")).contains(Severity.HIGH);
        assertThat(Severity.parse("page")).contains(Severity.CRITICAL);
        assertThat(Severity.parse("bogus")).isEmpty();
        assertThat(Severity.ofLabels(Map.of())).isEqualTo(Severity.WARNING);
    }
}
