package io.aiopshub.remediation.policy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.aiopshub.remediation.catalog.ActionCatalog;

/** A small catalog with one action of each kind the policy tells apart. */
final class TestCatalog {

    private TestCatalog() { }

    static ActionCatalog load() {
        String yaml = """
                version: 1
                actions:
                  - id: start_vm
                    description: Start a VM.
                    risk: low
                    executor: proxmox
                    requires_approval: false
                    parameters:
                      node: {type: string, required: true}
                      vmid: {type: integer, required: true}
                    target: "{node}/{vmid}"
                    run: {operation: start}
                  - id: flush_cache
                    description: Flush a cache.
                    risk: low
                    executor: ssh
                    requires_approval: true
                    parameters:
                      host: {type: string, required: true}
                    target: "{host}"
                    run: {command: "flush"}
                  - id: restart_service
                    description: Restart a unit.
                    risk: medium
                    executor: ssh
                    requires_approval: true
                    parameters:
                      host: {type: string, required: true}
                    target: "{host}"
                    run: {command: "restart"}
                  - id: reboot_host
                    description: Reboot a host.
                    risk: high
                    executor: ssh
                    requires_approval: true
                    parameters:
                      host: {type: string, required: true}
                    target: "{host}"
                    run: {command: "reboot"}
                """;
        return ActionCatalog.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
