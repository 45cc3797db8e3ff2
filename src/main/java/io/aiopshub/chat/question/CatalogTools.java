package io.aiopshub.chat.question;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.langchain4j.agent.tool.Tool;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.ParameterSpec;

/** The catalog actions a run may be proposed for, with their risk and parameters: reads only. */
@Component
public class CatalogTools implements QuestionTool {

    private final ActionCatalog catalog;

    public CatalogTools(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    @Tool(name = "action_catalog", value = "The catalog of actions the hub can run (after approval): id, risk, "
            + "whether approval is required, description and parameters.")
    public String actionCatalog() {
        StringBuilder text = new StringBuilder();
        for (ActionDefinition action : catalog.actions()) {
            text.append(text.length() == 0 ? "" : "\n").append("- ").append(action.id()).append(" (risk ")
                    .append(action.risk().name().toLowerCase(Locale.ROOT)).append(Boolean.FALSE.equals(action.requiresApproval()) ? "" : ", approval required")
                    .append("): ").append(action.description());
            for (Map.Entry<String, ParameterSpec> parameter : action.parameters().entrySet()) {
                ParameterSpec spec = parameter.getValue();
                text.append("\n    ").append(parameter.getKey()).append(": ").append(spec.type().name().toLowerCase(Locale.ROOT))
                        .append(spec.required() ? ", required" : "")
                        .append(spec.allowed() == null ? "" : ", one of " + spec.allowed())
                        .append(spec.pattern() == null ? "" : ", pattern " + spec.pattern())
                        .append(spec.description() == null ? "" : " - " + spec.description());
            }
        }
        return text.length() == 0 ? "the catalog is empty" : text.toString();
    }
}
