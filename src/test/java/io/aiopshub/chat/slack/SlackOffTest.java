package io.aiopshub.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.support.RawHttp;
import io.aiopshub.support.RawHttp.Answer;

/** Without a signing secret the Slack endpoints are off: 404 for everyone, signed or holding an API token; never open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:slack-off;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=off-token",
        "aiops.chat.operators=slack:UOPS1",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,file:routes/chat.yaml"})
class SlackOffTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    @Test
    void theSlackPathsAnswer404WhateverTheRequestCarries() throws Exception {
        RawHttp http = new RawHttp(port);
        byte[] body = ("team_id=T1&channel_id=C1&user_id=UOPS1&command=%2Faiops&text=silence+service%3D%22x%22+2h"
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        for (String secret : new String[] {"any-secret", "another-secret"}) {
            for (String path : new String[] {SlackRequestVerifier.COMMANDS, SlackRequestVerifier.INTERACTIONS}) {
                for (Map<String, String> auth : java.util.List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer off-token"))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>(auth);
                    headers.put("Content-Type", "application/x-www-form-urlencoded");
                    headers.put("X-Slack-Request-Timestamp", timestamp);
                    headers.put("X-Slack-Signature", SlackSignature.sign(secret, timestamp, body));
                    Answer answer = http.send("POST", path, headers, body);
                    assertThat(answer.status()).as(path + " " + auth.keySet()).isEqualTo(404);
                    assertThat(new ObjectMapper().readTree(answer.body()).path("detail").asText())
                            .isEqualTo("path: slack requests are off: no signing secret is configured");
                }
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from silences", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from chat_seen_requests", Long.class)).isZero();
    }
}
