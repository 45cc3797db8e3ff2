package io.aiopshub.remediation.proxmox;

import java.util.List;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionCatalog;

/** Stops the start when a catalog action of the proxmox executor has a run, check or rollback it cannot carry out. */
@Component
public class ProxmoxCatalogCheck {

    public ProxmoxCatalogCheck(ActionCatalog catalog, ProxmoxSpecCheck check) {
        List<String> problems = problems(catalog, check);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Action catalog entries the proxmox executor cannot run:\n - "
                    + String.join("\n - ", problems));
        }
    }

    static List<String> problems(ActionCatalog catalog, ProxmoxSpecCheck check) {
        return catalog.actions().stream()
                .filter(a -> a.executor() == check.executor())
                .flatMap(a -> check.problems(a).stream())
                .toList();
    }
}
