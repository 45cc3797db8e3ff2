package io.aiopshub.remediation.mikrotik;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.CatalogException;

/** Stops the start when a mikrotik action of the catalog is malformed, listing every problem. */
@Component
public class MikrotikCatalogCheck {

    public MikrotikCatalogCheck(ActionCatalog catalog, MikrotikSpecCheck check) {
        List<String> problems = new ArrayList<>();
        for (ActionDefinition action : catalog.actions()) {
            if (action.executor() == check.executor()) {
                check.problems(action).forEach(p -> problems.add(action.id() + ": " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException("Invalid mikrotik actions in the action catalog:\n - " + String.join("\n - ", problems));
        }
    }
}
