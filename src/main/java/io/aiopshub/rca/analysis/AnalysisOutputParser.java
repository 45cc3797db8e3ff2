package io.aiopshub.rca.analysis;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ParameterViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Parses a model reply into a validated {@link AnalysisResult}.
 *
 * <p>Structural problems (no JSON, truncated JSON, missing fields, wrong types, out-of-range values) make
 * the whole reply unusable and come back as a {@link ParseOutcome.Failure} listing all of them, for one
 * repair prompt. Suggested actions that the catalog does not know, or whose parameters fail its schema, are
 * only dropped: the rest of the analysis is still useful, and each drop is reported for the audit trail.
 *
 * <p>Thread-safe; holds no per-call state.
 */
public final class AnalysisOutputParser {

    private final ActionCatalog catalog;
    private final JsonExtractor extractor;
    private final AnalysisReader reader;

    public AnalysisOutputParser(ActionCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        // Trailing commas and comments are common model slips that do not change meaning; accepting them saves a repair.
        ObjectMapper mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .build();
        this.extractor = new JsonExtractor(mapper, AnalysisSchema.TOP_LEVEL_FIELDS);
        this.reader = new AnalysisReader(mapper);
    }

    public ParseOutcome parse(String modelOutput) {
        return parse(modelOutput, List.of());
    }

    /**
     * @param knownServices the services the prompt showed; when not empty, a {@code root_service} that is none
     *                      of them is a problem (the model invented or misspelled it), repaired like the others
     */
    public ParseOutcome parse(String modelOutput, List<String> knownServices) {
        JsonExtractor.Extraction extraction = extractor.extract(modelOutput);
        if (extraction.problem() != null) {
            return new ParseOutcome.Failure(List.of(extraction.problem()));
        }
        AnalysisReader.Reading reading = reader.read(extraction.json(), knownServices);
        if (!reading.problems().isEmpty()) {
            return new ParseOutcome.Failure(reading.problems());
        }
        return keepCatalogActions(reading.result());
    }

    private ParseOutcome keepCatalogActions(AnalysisResult result) {
        List<SuggestedAction> kept = new ArrayList<>();
        List<DroppedAction> dropped = new ArrayList<>();
        List<SuggestedAction> suggested = result.suggestedActions();
        for (int i = 0; i < suggested.size(); i++) {
            SuggestedAction action = suggested.get(i);
            if (!catalog.contains(action.actionId())) {
                dropped.add(new DroppedAction(i, action.actionId(), "unknown action id (not in the action catalog)"));
                continue;
            }
            List<ParameterViolation> violations = catalog.validateParameters(action.actionId(), action.parameters());
            if (!violations.isEmpty()) {
                String details = violations.stream().map(ParameterViolation::toString).collect(Collectors.joining("; "));
                dropped.add(new DroppedAction(i, action.actionId(), "invalid parameters: " + details));
                continue;
            }
            kept.add(action);
        }
        return new ParseOutcome.Success(result.withActions(kept), dropped);
    }
}
