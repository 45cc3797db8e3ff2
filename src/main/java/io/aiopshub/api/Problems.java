package io.aiopshub.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.FieldProblem;
import jakarta.servlet.http.HttpServletResponse;

/** RFC 9457 problem bodies: {@code {"type","title","status","detail","field","errors":[{field,message}]}}. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() { }

    public static String body(int status, String title, List<FieldProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (!problems.isEmpty()) {
            body.put("detail", problems.get(0).field() + ": " + problems.get(0).message());
            body.put("field", problems.get(0).field());
            body.put("errors", problems);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(HttpServletResponse response, int status, String title, String detail, String field) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        byte[] bytes = body(status, title, List.of(new FieldProblem(field, detail))).getBytes(StandardCharsets.UTF_8);
        // A known length, not chunks: the answer is complete on the wire even while the server still
        // drains a request body it refused.
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
