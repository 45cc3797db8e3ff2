package io.aiopshub.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An alert's identity, as Alertmanager defines it: a hash of its label set. Labels that change
 * between deliveries of the same problem (configured in {@code aiops.ingest.ignore-labels}) are left out.
 */
public class Fingerprinter {

    private final Set<String> ignoredLabels;

    public Fingerprinter(Set<String> ignoredLabels) {
        this.ignoredLabels = Set.copyOf(ignoredLabels);
    }

    public String fingerprint(Map<String, String> labels) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (ignoredLabels.contains(label.getKey())) {
                continue;
            }
            // The separator byte keeps {a="bc"} and {ab="c"} apart.
            digest.update(label.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0xff);
            digest.update(label.getValue().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0xff);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
