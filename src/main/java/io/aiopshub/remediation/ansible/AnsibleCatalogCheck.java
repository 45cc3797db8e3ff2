package io.aiopshub.remediation.ansible;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.CatalogException;

/** Stops the start when an ansible action of the catalog is not in the executor's terms, listing every problem. */
@Component
class AnsibleCatalogCheck {

    AnsibleCatalogCheck(ActionCatalog catalog, AnsibleSpecCheck check) {
        List<String> problems = new ArrayList<>();
        for (ActionDefinition action : catalog.actions()) {
            if (action.executor() == check.executor()) {
                check.problems(action).forEach(problem -> problems.add("action " + action.id() + ": " + problem));
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException("Invalid ansible actions in the action catalog:\n - " + String.join("\n - ", problems));
        }
    }
}
