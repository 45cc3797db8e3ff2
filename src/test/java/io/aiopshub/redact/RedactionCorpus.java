package io.aiopshub.redact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads redaction/corpus.tsv; the fake secrets live there so no Java literal looks like a hard-coded credential. */
final class RedactionCorpus {

    record Case(String id, boolean maskIps, String input, String expected) {

        boolean benign() {
            return input.equals(expected);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private RedactionCorpus() {
    }

    static List<Case> load() {
        try (InputStream in = RedactionCorpus.class.getResourceAsStream("/redaction/corpus.tsv")) {
            if (in == null) {
                throw new IllegalStateException("redaction/corpus.tsv not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Case> cases = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                cases.add(parse(line, lineNo));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(String line, int lineNo) {
        String[] cols = line.split("\t", -1);
        if (cols.length != 4) {
            throw new IllegalStateException("corpus line " + lineNo + ": expected 4 tab-separated columns, got " + cols.length);
        }
        String mode = cols[1];
        if (!mode.equals("default") && !mode.equals("ip")) {
            throw new IllegalStateException("corpus line " + lineNo + ": unknown mode " + mode);
        }
        String input = unescape(cols[2]);
        String expected = cols[3].equals("=") ? input : unescape(cols[3]);
        return new Case(cols[0], mode.equals("ip"), input, expected);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
