package io.aiopshub.remediation.ssh;

import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.CatalogException;

/** Stops the start when an ssh action of the catalog is not in the executor's terms, listing every problem. */
@Component
class SshCatalogCheck {

    SshCatalogCheck(ActionCatalog catalog, SshSpecCheck check) {
        List<String> problems = catalog.actions().stream()
                .filter(action -> action.executor() == check.executor())
                .flatMap(action -> check.problems(action).stream())
                .toList();
        if (!problems.isEmpty()) {
            throw new CatalogException("Invalid ssh actions in the action catalog:\n - " + String.join("\n - ", problems));
        }
    }
}
