package io.aiopshub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.support.RawHttp;
import io.aiopshub.support.RawHttp.Answer;

/**
 * Request bodies are bounded before anything else reads them: gzip is decoded (and bounded after
 * decoding), other encodings get a readable 415, slow senders get 408 without holding up anyone else,
 * and all requests together hold a bounded amount of memory.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:bodies;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=body-token",
        "aiops.ingest.max-body-size=256KB",
        "aiops.security.max-buffered-bodies=512KB",
        "aiops.security.body-read-timeout=2s",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
class BoundedBodyTest {

    private static byte[] event(String source) {
        return ("{\"source\":\"" + source + "\",\"labels\":{\"alertname\":\"Bounded\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void gzipBodiesAreDecodedAndOtherEncodingsRefusedWith415() throws Exception {
        Answer zipped = post(gzip(event("zipped")), "gzip");
        assertThat(zipped.status()).as(zipped.body()).isEqualTo(202);
        assertThat(jdbc.queryForObject("select count(*) from alert_inbox where source = 'zipped'", Long.class)).isEqualTo(1);

        for (String encoding : List.of("br", "deflate", "gzip, br", "compress")) {
            Answer refused = post(event("encoded"), encoding);
            assertThat(refused.status()).isEqualTo(415);
            assertThat(json.readTree(refused.body()).path("field").asText()).isEqualTo("Content-Encoding");
            assertThat(json.readTree(refused.body()).path("detail").asText()).contains("gzip");
        }
        Answer corrupt = post("not gzip at all".getBytes(StandardCharsets.UTF_8), "gzip");
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat(json.readTree(corrupt.body()).path("field").asText()).isEqualTo("Content-Encoding");
    }

    @Test
    void aZipBombIs413() throws Exception {
        // 20 MB of zeros compress to ~20 KB: the limit applies to what comes out.
        byte[] bomb = gzip(new byte[20 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(256 * 1024);
        Answer answer = post(bomb, "gzip");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("decompressed");
    }

    @Test
    void slowBodiesGet408AndDoNotHoldUpOtherRequests() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket("localhost", port);
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer body-token\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
                out.flush();
                slow.add(socket);
            }
            // Meanwhile, with all eight still sending, the API answers as usual.
            Answer list = new RawHttp(port).send("GET", "/api/v1/incidents", Map.of("Authorization", "Bearer body-token"), null);
            assertThat(list.status()).isEqualTo(200);
            assertThat(post(event("during-slow"), null).status()).isEqualTo(202);

            Thread.sleep(2_500);
            for (Socket socket : slow) {
                // The next trickle arrives after the deadline: the request ends with 408.
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
                Answer answer = RawHttp.read(socket.getInputStream());
                assertThat(answer.status()).isEqualTo(408);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from alert_inbox where source = 'during-slow'", Long.class)).isEqualTo(1);
    }

    @Test
    void bodiesBeyondTheSharedMemoryBudgetGet503WithRetryAfter() throws Exception {
        // Two senders announce 200 KB each: the first holds 200 KB of the 512 KB budget...
        try (Socket first = new Socket("localhost", port); Socket second = new Socket("localhost", port);
             Socket third = new Socket("localhost", port)) {
            for (Socket socket : List.of(first, second)) {
                socket.getOutputStream().write(("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer body-token\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 200000\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            }
            // Wait until the hub holds both (the gauge operators watch says so).
            long deadline = System.currentTimeMillis() + 30_000;
            while (bufferedBytes() < 390_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(bufferedBytes()).isGreaterThanOrEqualTo(390_000);
            // ...so a third of the same size does not fit and is told to come back.
            third.setSoTimeout(10_000);
            third.getOutputStream().write(("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer body-token\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200000\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            third.getOutputStream().flush();
            Answer answer = RawHttp.read(third.getInputStream());
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.headers()).containsEntry("retry-after", "1");
        }
        // Once they are gone, the budget is back.
        Thread.sleep(2_500);
        assertThat(post(event("after-budget"), null).status()).isEqualTo(202);
    }

    private double bufferedBytes() throws IOException {
        String metrics = new RawHttp(port).send("GET", "/actuator/prometheus", Map.of("Authorization", "Bearer body-token"), null).body();
        return metrics.lines().filter(line -> line.startsWith("aiops_http_buffered_body_bytes"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private Answer post(byte[] body, String encoding) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer body-token");
        headers.put("Content-Type", "application/json");
        if (encoding != null) {
            headers.put("Content-Encoding", encoding);
        }
        return new RawHttp(port).send("POST", "/api/v1/events", headers, body);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }
}
