package io.aiopshub.remediation.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.CatalogException;
import io.aiopshub.remediation.run.RemediationStartupCheck;

/** The start-up check of the proxmox entries of the catalog: their run, verify.check and rollback maps. */
class ProxmoxSpecCheckTest {

    private final ProxmoxSpecCheck check = new ProxmoxSpecCheck();

    @Test
    void theShippedCatalogHasNoProblemsAndSeedsEveryOperation() {
        ActionCatalog shipped = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));
        assertThat(RemediationStartupCheck.specProblems(shipped, List.of(check))).isEmpty();
        assertThat(shipped.actions()).filteredOn(a -> a.executor() == check.executor())
                .extracting(a -> a.run().get("operation") + "/" + a.run().get("type"))
                .contains("reboot/qemu", "shutdown/qemu", "start/qemu", "status/{type}", "start/lxc", "shutdown/lxc",
                        "reboot/lxc", "snapshot_list/{type}", "snapshot_create/{type}", "snapshot_rollback/{type}");
    }

    @Test
    void listsEveryProblemOfAnActionNamingTheField() {
        ActionCatalog broken = catalog("""
                  - id: proxmox_bad
                    description: everything wrong
                    risk: high
                    executor: proxmox
                    requires_approval: true
                    target: "{node}/{vmid}"
                    timeout: 2m
                    parameters:
                      node: {type: string, required: true, pattern: "[a-z0-9-]+"}
                      vmid: {type: integer, required: true}
                      kind: {type: string, required: true}
                      wait: {type: integer, required: false}
                    run:
                      operation: shutdown
                      node: "{node}"
                      vmid: "{vmid}"
                      type: "{kind}"
                      timeout: 300
                      force_stop: "yes"
                      snapname: x
                      host: "{hostname}"
                    verify:
                      check: {status: paused, uptime: 5}
                    rollback:
                      snapshot: false
                      delete: true
                """);
        assertThat(check.problems(broken.get("proxmox_bad").orElseThrow())).containsExactlyInAnyOrder(
                "proxmox_bad: run.host uses {hostname}, which is not a parameter",
                "proxmox_bad: run.host is not a key the proxmox executor knows (force_stop, node, operation, timeout, type, vmid)",
                "proxmox_bad: run.snapname is not a key the proxmox executor knows (force_stop, node, operation, timeout, type, vmid)",
                "proxmox_bad: run.type uses {kind}, whose parameter needs enum: [qemu, lxc]",
                "proxmox_bad: run.vmid uses {vmid}, whose parameter must be an integer with minimum 100 and maximum 999999999",
                "proxmox_bad: run.timeout (300 s) must be shorter than the action's timeout (2m), or the executor gives up before Proxmox does",
                "proxmox_bad: run.force_stop must be true or false",
                "proxmox_bad: verify.check.uptime is not a key the proxmox executor knows (status)",
                "proxmox_bad: verify.check.status must be running or stopped, not 'paused'",
                "proxmox_bad: rollback.delete is not a key the proxmox executor knows (snapshot, start)",
                "proxmox_bad: rollback.snapshot must be true (the executor's only rollback is a snapshot taken before the action)");
    }

    @Test
    void checksLiteralValuesAndRequiredKeysAsTheExecutorWould() {
        ActionCatalog broken = catalog("""
                  - id: proxmox_literal
                    description: literal values
                    risk: low
                    executor: proxmox
                    requires_approval: false
                    target: "x"
                    parameters:
                      snap: {type: string, required: false}
                    run:
                      operation: snapshot_create
                      node: "pve_01/../x"
                      vmid: 42
                      type: kvm
                      snapname: "{snap}"
                    rollback:
                      snapshot: true
                  - id: proxmox_no_operation
                    description: no operation
                    risk: low
                    executor: proxmox
                    requires_approval: false
                    target: "x"
                    run:
                      operation: migrate
                    verify:
                      check: {status: "{state}"}
                """);
        assertThat(check.problems(broken.get("proxmox_literal").orElseThrow())).containsExactlyInAnyOrder(
                "proxmox_literal: run.snapname uses {snap}, which must be a required parameter",
                "proxmox_literal: run.node 'pve_01/../x' is not a Proxmox node name",
                "proxmox_literal: run.vmid '42' is not a guest id (100-999999999)",
                "proxmox_literal: run.type 'kvm' is not qemu or lxc");
        assertThat(check.problems(broken.get("proxmox_no_operation").orElseThrow())).containsExactlyInAnyOrder(
                "proxmox_no_operation: run.operation must be one of status|start|shutdown|stop|reboot|snapshot_list"
                        + "|snapshot_create|snapshot_rollback, not 'migrate'",
                "proxmox_no_operation: verify.check.status uses {state}, which is not a parameter");
    }

    @Test
    void aRollbackOfAReadOnlyOperationIsAProblem() {
        ActionCatalog catalog = catalog("""
                  - id: proxmox_read
                    description: read with rollback
                    risk: low
                    executor: proxmox
                    requires_approval: false
                    target: "pve-01/104"
                    run: {operation: status, node: pve-01, vmid: 104, type: qemu}
                    rollback: {snapshot: true, start: "later"}
                """);
        assertThat(check.problems(catalog.get("proxmox_read").orElseThrow())).containsExactlyInAnyOrder(
                "proxmox_read: rollback.start must be true or false",
                "proxmox_read: rollback: status changes nothing, there is nothing to roll back");
    }

    @Test
    void theStartUpCheckFailsTheStartListingEveryProblem() {
        ActionCatalog catalog = catalog("""
                  - id: proxmox_one
                    description: one
                    risk: low
                    executor: proxmox
                    requires_approval: false
                    target: "x"
                    run: {operation: start, node: pve-01, vmid: 104}
                  - id: ssh_is_not_mine
                    description: another executor's terms are not checked here
                    risk: low
                    executor: ssh
                    requires_approval: false
                    target: "x"
                    run: {host: h, command: uptime}
                """);
        assertThatThrownBy(() -> RemediationStartupCheck.checkEntries(catalog, List.of(check)))
                .isInstanceOf(CatalogException.class)
                .hasMessage(RemediationStartupCheck.ENTRIES + "proxmox_one: run.type is required for start");
    }

    private static ActionCatalog catalog(String actions) {
        return ActionCatalog.load(new ByteArrayInputStream(("actions:\n" + actions).getBytes(StandardCharsets.UTF_8)));
    }
}
