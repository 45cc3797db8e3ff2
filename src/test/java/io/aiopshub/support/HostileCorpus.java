package io.aiopshub.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.aiopshub.incident.Durations;

/**
 * The hostile-input corpus: {@code src/test/resources/hostile/*.yaml}, one endpoint per file.
 * <pre>
 * method: POST
 * path: /api/v1/incidents/{incidentId}/ack
 * valid: {body: '{"user":"alice"}', status: 200}   # optional: sent after the whole corpus, must succeed
 * cases:
 *   - name: what it tries
 *     body: '{"user": 5}'          # UTF-8 text; or bodyBase64: raw bytes (invalid UTF-8 ...)
 *     headers: {Content-Type: text/plain}   # optional; Content-Type defaults to application/json
 *     path: /api/v1/...            # optional, overrides the file's path for this case
 *     status: 400                  # optional exact status; default any 4xx
 *     field: user                  # optional exact problem field; default any non-blank field
 * </pre>
 * Paths and bodies may use {@code {incidentId}} and {@code {silenceId}} (real ones the runner made),
 * {@code {{now}}}, {@code {{now+1h}}}, {@code {{now-30d}}} (RFC 3339 instants), and
 * {@code {{repeat N}}text{{/repeat}}} or {@code {{repeat N ,}}text{{/repeat}}} (N copies, joined by the
 * separator; {@code {{i}}} inside is the copy's index) for bodies too large to write out.
 */
public final class HostileCorpus {

    /** One hostile request and what the hub must answer. */
    public record Case(String file, String name, String method, String path, String body, byte[] rawBody,
                       Map<String, String> headers, Integer status, String field) {

        public String displayName() {
            return file + ": " + name;
        }
    }

    /** A request that must still succeed once the whole corpus has run. */
    public record Valid(String file, String method, String path, String body, int status) { }

    public record Endpoint(String file, List<Case> cases, Valid valid) { }

    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+)(?: ([^}\\s]+))?}}(.*?)\\{\\{/repeat}}", Pattern.DOTALL);
    private static final Pattern NOW = Pattern.compile("\\{\\{now(?:([+-])([0-9a-z]+))?}}");

    private HostileCorpus() { }

    public static List<Endpoint> load(Path directory) throws IOException {
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                endpoints.add(endpoint(file));
            }
        }
        return endpoints;
    }

    @SuppressWarnings("unchecked")
    private static Endpoint endpoint(Path file) throws IOException {
        Map<String, Object> root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        String name = file.getFileName().toString();
        String method = required(root, "method", name);
        String path = required(root, "path", name);
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) root.get("cases")) {
            Map<String, String> headers = new LinkedHashMap<>();
            ((Map<String, Object>) c.getOrDefault("headers", Map.of())).forEach((k, v) -> headers.put(k, String.valueOf(v)));
            cases.add(new Case(name, required(c, "name", name), method, (String) c.getOrDefault("path", path),
                    (String) c.get("body"), c.get("bodyBase64") == null ? null : Base64.getDecoder().decode((String) c.get("bodyBase64")),
                    headers, (Integer) c.get("status"), (String) c.get("field")));
        }
        Map<String, Object> valid = (Map<String, Object>) root.get("valid");
        return new Endpoint(name, cases, valid == null ? null : new Valid(name, (String) valid.getOrDefault("method", method),
                (String) valid.getOrDefault("path", path), (String) valid.get("body"), (Integer) valid.get("status")));
    }

    private static String required(Map<String, Object> map, String key, String file) {
        Object value = map.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is required");
        }
        return text;
    }

    /** Fills the placeholders of a path or body. */
    public static String expand(String text, Map<String, String> ids, Instant now) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            result = result.replace("{" + id.getKey() + "}", id.getValue());
        }
        Matcher repeat = REPEAT.matcher(result);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            String separator = repeat.group(2) == null ? "" : repeat.group(2);
            int count = Integer.parseInt(repeat.group(1));
            List<String> copies = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                copies.add(repeat.group(3).replace("{{i}}", Integer.toString(i)));
            }
            repeat.appendReplacement(out, Matcher.quoteReplacement(String.join(separator, copies)));
        }
        repeat.appendTail(out);
        Matcher time = NOW.matcher(out.toString());
        StringBuilder timed = new StringBuilder();
        while (time.find()) {
            Instant at = time.group(1) == null ? now
                    : time.group(1).equals("+") ? now.plus(Durations.parse(time.group(2))) : now.minus(Durations.parse(time.group(2)));
            time.appendReplacement(timed, at.toString());
        }
        time.appendTail(timed);
        return timed.toString();
    }

    public static byte[] bytes(Case c, Map<String, String> ids, Instant now) {
        if (c.rawBody() != null) {
            return c.rawBody();
        }
        String body = expand(c.body(), ids, now);
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }
}
