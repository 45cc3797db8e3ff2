package io.aiopshub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.yaml.snakeyaml.Yaml;

/** The served OpenAPI document exists without a token and documents every REST operation in routes/api.yaml. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:openapi;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=test-token",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
class OpenApiDocumentTest {

    @Autowired TestRestTemplate http;

    @Test
    @SuppressWarnings("unchecked")
    void everyRestOperationIsDocumented() throws Exception {
        ResponseEntity<String> response = http.getForEntity("/api/openapi.yaml", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> document = new Yaml().load(response.getBody());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");

        Set<String> documented = new HashSet<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(verb -> documented.add(verb + " " + path)));

        Set<String> implemented = new HashSet<>();
        List<Map<String, Object>> routes = new java.util.ArrayList<>();
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                routes.addAll(new Yaml().load(Files.readString(file)));
            }
        }
        for (Map<String, Object> entry : routes) {
            if (entry.get("rest") instanceof Map<?, ?> raw) {
                Map<String, Object> rest = (Map<String, Object>) raw;
                String base = (String) rest.get("path");
                for (String verb : List.of("get", "post", "put", "delete")) {
                    for (Map<String, Object> operation : (List<Map<String, Object>>) rest.getOrDefault(verb, List.of())) {
                        implemented.add(verb + " " + base + operation.get("path"));
                    }
                }
            }
        }
        assertThat(implemented).hasSize(28);
        assertThat(documented).containsAll(implemented);
    }

    /** The bounds the API enforces are the ones the document states (defaults of aiops.api.* and fixed column widths). */
    @Test
    @SuppressWarnings("unchecked")
    void documentedBoundsAreTheEnforcedOnes() {
        Map<String, Object> document = new Yaml().load(http.getForEntity("/api/openapi.yaml", String.class).getBody());
        ApiLimits limits = new ApiLimits();
        Map<String, Object> silence = at(document, "components", "schemas", "SilenceRequest", "properties");
        assertThat(at(silence, "matchers")).containsEntry("maxItems", limits.getSilences().getMaxMatchers()).containsEntry("minItems", 1);
        Map<String, Object> matcher = at(silence, "matchers", "items", "properties");
        assertThat(at(matcher, "name")).containsEntry("maxLength", limits.getSilences().getMaxMatcherLength());
        assertThat(at(matcher, "value")).containsEntry("maxLength", limits.getSilences().getMaxMatcherLength());
        assertThat((String) at(matcher, "value").get("description"))
                .contains(limits.getSilences().getMaxRegexLength() + " characters")
                .contains(io.aiopshub.regex.UserRegex.MAX_PROGRAM_SIZE + " compiled instructions");
        assertThat((String) at(silence, "endsAt").get("description"))
                .contains(limits.getSilences().getMaxDuration().toDays() + " days");
        assertThat(at(silence, "createdBy")).containsEntry("maxLength", RequestFields.MAX_USER_LENGTH);
        assertThat(at(silence, "comment")).containsEntry("maxLength", RequestFields.MAX_COMMENT_LENGTH);

        Map<String, Object> ack = body(document, "/api/v1/incidents/{id}/ack");
        assertThat(at(ack, "user")).containsEntry("maxLength", RequestFields.MAX_USER_LENGTH);
        assertThat(at(ack, "comment")).containsEntry("maxLength", RequestFields.MAX_COMMENT_LENGTH);
        Map<String, Object> notify = body(document, "/api/v1/notify");
        assertThat(at(notify, "title")).containsEntry("maxLength", limits.getNotify().getMaxTitleLength());
        assertThat(at(notify, "message")).containsEntry("maxLength", limits.getNotify().getMaxMessageLength());
        assertThat(at(notify, "channels")).containsEntry("maxItems", io.aiopshub.notify.ChannelNames.ALL.size());
        Map<String, Object> analyze = body(document, "/api/v1/analyze");
        assertThat(at(analyze, "service")).containsEntry("maxLength", RequestFields.MAX_SERVICE_LENGTH);
        assertThat((String) at(analyze, "window").get("description"))
                .contains("(" + limits.getAnalyze().getMaxWindow().toDays() + "d)");
        assertThat(at(document, "paths", "/api/v1/incidents/{id}/analyze", "post", "requestBody", "content",
                "application/json", "schema")).containsEntry("maxProperties", 0);

        Map<String, Map<String, Object>> query = new java.util.HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) at(document, "paths", "/api/v1/incidents", "get").get("parameters")) {
            query.put((String) p.get("name"), (Map<String, Object>) p.get("schema"));
        }
        assertThat(query.get("size")).containsEntry("maximum", limits.getIncidents().getMaxPageSize());
        assertThat(query.get("page")).containsEntry("maximum", IncidentApi.MAX_PAGE);
        assertThat(query.get("service")).containsEntry("maxLength", RequestFields.MAX_SERVICE_LENGTH);

        Map<String, Map<String, Object>> actionQuery = new java.util.HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) at(document, "paths", "/api/v1/actions", "get").get("parameters")) {
            actionQuery.put((String) p.get("name"), (Map<String, Object>) p.get("schema"));
        }
        assertThat(actionQuery.get("size")).containsEntry("maximum", limits.getActions().getMaxPageSize());
        Map<String, Object> proposal = body(document, "/api/v1/actions");
        assertThat(at(proposal, "actionId")).containsEntry("maxLength", ActionApi.MAX_ACTION_ID_LENGTH);
        assertThat(at(proposal, "reason")).containsEntry("maxLength", ActionApi.MAX_REASON_LENGTH);
        assertThat(at(proposal, "idempotencyKey")).containsEntry("maxLength", ActionApi.MAX_IDEMPOTENCY_KEY_LENGTH);
        assertThat(at(document, "components", "requestBodies", "Decision", "content", "application/json", "schema",
                "properties", "comment")).containsEntry("maxLength", ActionApi.MAX_COMMENT_LENGTH);

        assertThat(at(document, "components", "parameters", "Id", "schema")).containsEntry("format", "uuid");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, operations) -> operations.values().forEach(operation -> {
            if (path.contains("{id}")) {
                assertThat(((Map<String, Object>) operation).get("parameters").toString()).as(path)
                        .contains("#/components/parameters/Id");
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> document, String path) {
        return at(document, "paths", path, "post", "requestBody", "content", "application/json", "schema", "properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... keys) {
        Map<String, Object> current = map;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
            assertThat(current).as(String.join(".", keys) + " at " + key).isNotNull();
        }
        return current;
    }
}
