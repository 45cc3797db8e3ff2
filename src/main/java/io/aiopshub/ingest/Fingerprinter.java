package io.aiopshub.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * An alert's identity, as Alertmanager defines it: a hash of its label set. Labels that change
 * between deliveries of the same problem (configured in {@code aiops.ingest.ignore-labels}) are left out.
 */
public class Fingerprinter {

    private final Set<String> ignoredLabels;
    /** Cloned per call: far cheaper than a provider look-up for every alert on the ingest path. */
    private final MessageDigest prototype = sha256();

    public Fingerprinter(Set<String> ignoredLabels) {
        this.ignoredLabels = Set.copyOf(ignoredLabels);
    }

    public String fingerprint(Map<String, String> labels) {
        // Sorted names rather than a sorted copy of the map: the same order (String.compareTo), no tree.
        String[] names = labels.keySet().toArray(new String[0]);
        Arrays.sort(names);
        MessageDigest digest = newDigest();
        for (String name : names) {
            if (ignoredLabels.contains(name)) {
                continue;
            }
            // The separator byte keeps {a="bc"} and {ab="c"} apart.
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0xff);
            digest.update(labels.get(name).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0xff);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private MessageDigest newDigest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
