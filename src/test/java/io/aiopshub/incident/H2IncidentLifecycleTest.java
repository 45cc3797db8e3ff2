package io.aiopshub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.aiopshub.support.TestClockConfig;

/** The incident contract on the embedded default database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:incident-lifecycle;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=" + IncidentLifecycleContract.BEARER,
        "aiops.routing.file=src/test/resources/test-alert-routing.yaml",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml"})
@Import(TestClockConfig.class)
class H2IncidentLifecycleTest extends IncidentLifecycleContract {

    /** Every index of these tables is written for every new alert; H2 gives each foreign key its own already. */
    @Test
    void alertsAndTimelineKeepOneIndexPerLookup() {
        assertThat(indexColumns("ALERTS")).containsExactlyInAnyOrder("ID", "INCIDENT_ID", "FINGERPRINT,INCIDENT_ID",
                "STATUS,ENDS_AT");
        assertThat(indexColumns("TIMELINE_ENTRIES")).containsExactlyInAnyOrder("ID", "INCIDENT_ID");
    }

    /** Each reservation of ids is a commit of its own on H2: the per-alert tables reserve 1,000 at a time. */
    @Test
    void idSequencesOfThePerAlertTablesReserveAThousandValues() {
        assertThat(jdbc.queryForList("select identity_cache from information_schema.columns where column_name = 'ID' "
                + "and table_name in ('ALERT_INBOX', 'TIMELINE_ENTRIES')", Long.class)).containsExactly(1000L, 1000L);
        assertThat(jdbc.queryForObject("select cache from information_schema.sequences where sequence_name = 'ALERTS_SEQ'",
                Long.class)).isEqualTo(1000L);
    }

    private List<String> indexColumns(String table) {
        return jdbc.queryForList("select listagg(column_name, ',') within group (order by ordinal_position) "
                + "from information_schema.index_columns where table_name = ? group by index_name", String.class, table);
    }
}
