package io.aiopshub.rca.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiopshub.remediation.catalog.ActionCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisSchemaTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void schemaIsJsonAndAgreesWithParserLists() throws Exception {
        JsonNode schema = mapper.readTree(AnalysisSchema.json());
        assertThat(texts(schema.get("required")))
                .containsExactly("summary", "root_cause", "root_service", "category", "severity", "confidence", "evidence",
                        "suggested_actions");
        assertThat(texts(schema.at("/properties/severity/enum"))).isEqualTo(AnalysisSchema.SEVERITIES);
        assertThat(texts(schema.at("/properties/evidence/items/properties/kind/enum"))).isEqualTo(AnalysisSchema.EVIDENCE_KINDS);
        assertThat(texts(schema.at("/properties/suggested_actions/items/required")))
                .containsExactly("action_id", "parameters", "reason");
        assertThat(schema.at("/properties/suggested_actions/items/properties/action_id/enum").isMissingNode()).isTrue();
    }

    @Test
    void catalogSchemaRestrictsActionIds() throws Exception {
        ActionCatalog catalog = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));
        JsonNode schema = mapper.readTree(AnalysisSchema.json(catalog));
        assertThat(texts(schema.at("/properties/suggested_actions/items/properties/action_id/enum")))
                .containsExactlyElementsOf(catalog.ids());
    }

    @Test
    void resultSerialisesWithSnakeCaseNames() throws Exception {
        AnalysisResult result = new AnalysisResult("s", "r", "api", "configuration", "info", 0.5,
                List.of(new Evidence("alert", "fp:1", "d")),
                List.of(new SuggestedAction("scale_service", Map.of("name", "api", "replicas", 2), "load")));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(result));
        assertThat(iterableToList(json.fieldNames()))
                .containsExactly("summary", "root_cause", "root_service", "category", "severity", "confidence", "evidence",
                        "suggested_actions");
        assertThat(iterableToList(json.at("/suggested_actions/0").fieldNames())).containsExactly("action_id", "parameters", "reason");
        assertThat(mapper.readValue(mapper.writeValueAsString(result), AnalysisResult.class)).isEqualTo(result);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
