package io.aiopshub.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonRedactorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final JsonRedactor redactor = new JsonRedactor(new Redactor());

    @Test
    void everyStringIsRedactedByItsPropertyNameAndStructureIsKept() throws Exception {
        JsonNode stored = json.readTree("""
                {"summary":"login fails with password=hunter2","confidence":0.7,
                 "evidence":[{"kind":"alert","ref":"fp1","detail":"{alertname=X, db_password=correct horse battery}"}],
                 "suggested_actions":[{"action_id":"restart","parameters":{"host":"db-1","api_token":"tok en"}}],
                 "series":[{"metric":{"__name__":"up","db_password":"pw with spaces"},"values":[[1,"1"]]}],
                 "examples":["GET /?token=abc123def456 200"],"missing":null}""");

        JsonNode redacted = redactor.redact(stored);

        assertThat(redacted.path("summary").asText()).isEqualTo("login fails with password=[REDACTED:password]");
        assertThat(redacted.path("confidence").asDouble()).isEqualTo(0.7);
        assertThat(redacted.path("evidence").get(0).path("detail").asText())
                .isEqualTo("{alertname=X, db_password=[REDACTED:password]}");
        assertThat(redacted.path("suggested_actions").get(0).path("parameters").path("host").asText()).isEqualTo("db-1");
        assertThat(redacted.path("suggested_actions").get(0).path("parameters").path("api_token").asText())
                .isEqualTo("[REDACTED:token]");
        assertThat(redacted.path("series").get(0).path("metric").path("db_password").asText()).isEqualTo("[REDACTED:password]");
        assertThat(redacted.path("series").get(0).path("values").get(0).get(1).asText()).isEqualTo("1");
        assertThat(redacted.path("examples").get(0).asText()).isEqualTo("GET /?token=[REDACTED:token] 200");
        assertThat(redacted.path("missing").isNull()).isTrue();
        assertThat(stored.path("summary").asText()).as("the input is not changed").contains("hunter2");
        assertThat(redactor.redact(null)).isNull();
    }
}
