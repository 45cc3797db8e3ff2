package io.aiopshub.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.incident.IncidentDispatcher;
import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.support.MutableClock;
import io.aiopshub.support.Payloads;
import io.aiopshub.support.TestClockConfig;

/**
 * With {@code fold-symptom-notifications} on, a symptom sends nothing of its own while its root fires: the
 * root's notification lists it, and a symptom joining later makes the root's channels hear of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:folded-notifications;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + CorrelationContract.TOKEN,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "aiops.correlation.fold-symptom-notifications=true",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class FoldedNotificationsTest {

    @Autowired TestRestTemplate http;
    @Autowired MutableClock clock;
    @Autowired IncidentEngine engine;
    @Autowired IncidentDispatcher dispatcher;
    @Autowired Correlator correlator;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CorrelationContract.topology(registry, "folded");
    }

    @Test
    void symptomNotificationsAreFoldedIntoTheRoots() throws Exception {
        Instant t0 = clock.instant();
        alert("ShopDbDown", t0, Map.of("service", "shop-orders-db", "severity", "critical"));
        alert("ShopCheckoutErrors", t0.plusSeconds(10), Map.of("service", "shop-checkout", "severity", "critical"));
        String db = incident("ShopDbDown");
        String checkout = incident("ShopCheckoutErrors");
        correlator.correlate();

        clock.advance(Duration.ofMinutes(1));
        dispatcher.flushDue();

        assertThat(texts(checkout)).as("the symptom sends nothing of its own").isEmpty();
        assertThat(texts(db)).isNotEmpty().allMatch(t -> t.contains("root of 1 correlated incident(s)")
                && t.contains("(shop-checkout)"));
        assertThat(jdbc.queryForList("select detail from timeline_entries where incident_id = ? and kind = 'notification_folded'",
                String.class, checkout)).singleElement().asString().contains("symptom of").contains(db);

        // Flushing again: still folded, noted once.
        clock.advance(Duration.ofMinutes(6));
        dispatcher.flushDue();
        assertThat(texts(checkout)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from timeline_entries where incident_id = ? and kind = 'notification_folded'",
                Long.class, checkout)).isEqualTo(1);
    }

    private void alert(String alertname, Instant startsAt, Map<String, String> labels) {
        Map<String, String> all = new java.util.LinkedHashMap<>(labels);
        all.put("alertname", alertname);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(CorrelationContract.TOKEN);
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange(URI.create(http.getRootUri() + "/api/v1/alerts/alertmanager"), HttpMethod.POST,
                new HttpEntity<>(Payloads.alertmanager("firing", startsAt, null, all, alertname), headers), String.class)
                .getStatusCode().value()).isEqualTo(202);
        while (engine.applyInbox() > 0) {
            // drain
        }
    }

    private String incident(String alertname) {
        return jdbc.queryForObject("select incident_id from alerts where alertname = ?", String.class, alertname);
    }

    private List<String> texts(String incidentId) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String content : jdbc.queryForList("select content_json from notifications where incident_id = ?", String.class,
                incidentId)) {
            texts.add(json.readTree(content).path("text").asText());
        }
        return texts;
    }
}
