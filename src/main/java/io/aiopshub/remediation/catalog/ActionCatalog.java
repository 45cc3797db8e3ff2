package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The remediation actions the hub knows, loaded from {@code playbooks/catalog.yaml}. Immutable once
 * loaded; the whole file is checked up front so a typo fails at startup rather than when the LLM
 * first suggests the broken action.
 */
public final class ActionCatalog {

    private final Map<String, ActionDefinition> actions;
    private final Map<String, ParameterValidator> validators;

    private ActionCatalog(List<ActionDefinition> definitions) {
        Map<String, ActionDefinition> byId = new LinkedHashMap<>();
        Map<String, ParameterValidator> validatorsById = new LinkedHashMap<>();
        for (ActionDefinition action : definitions) {
            byId.put(action.id(), action);
            validatorsById.put(action.id(), new ParameterValidator(action));
        }
        this.actions = Collections.unmodifiableMap(byId);
        this.validators = Collections.unmodifiableMap(validatorsById);
    }

    public static ActionCatalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new CatalogException("Cannot read action catalog " + file + ": " + e.getMessage(), e);
        }
    }

    public static ActionCatalog load(InputStream in) {
        return load(in, "<stream>");
    }

    private static ActionCatalog load(InputStream in, String source) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        CatalogFile file;
        try {
            file = yaml.readValue(in, CatalogFile.class);
        } catch (JsonProcessingException e) {
            throw new CatalogException("Invalid action catalog " + source + ": " + e.getOriginalMessage()
                    + locationOf(e), e);
        } catch (IOException e) {
            throw new CatalogException("Cannot read action catalog " + source + ": " + e.getMessage(), e);
        }
        if (file == null || file.actions() == null) {
            throw new CatalogException("Invalid action catalog " + source + ": no 'actions' list");
        }
        List<String> problems = CatalogChecks.problems(file.actions());
        if (!problems.isEmpty()) {
            throw new CatalogException("Invalid action catalog " + source + ":\n - " + String.join("\n - ", problems));
        }
        return new ActionCatalog(file.actions());
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    public boolean contains(String id) {
        return id != null && actions.containsKey(id);
    }

    public Optional<ActionDefinition> get(String id) {
        return Optional.ofNullable(id == null ? null : actions.get(id));
    }

    /** All actions in file order. */
    public List<ActionDefinition> actions() {
        return List.copyOf(actions.values());
    }

    public Set<String> ids() {
        return actions.keySet();
    }

    /**
     * Checks {@code parameters} against the action's schema. An empty list means valid. Unknown
     * action ids yield a single violation on parameter {@code "*"} instead of an exception, so
     * callers can treat every kind of bad suggestion the same way.
     */
    public List<ParameterViolation> validateParameters(String id, Map<String, ?> parameters) {
        ParameterValidator validator = id == null ? null : validators.get(id);
        if (validator == null) {
            return List.of(new ParameterViolation("*", "unknown action id '" + id + "'"));
        }
        return validator.validate(parameters);
    }
}
