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
        assertThat(implemented).hasSize(16);
        assertThat(documented).containsAll(implemented);
    }
}
