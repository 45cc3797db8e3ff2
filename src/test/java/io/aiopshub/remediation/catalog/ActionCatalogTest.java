package io.aiopshub.remediation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class ActionCatalogTest {

    /** Surefire runs with the project root as working directory, where the real catalog lives. */
    static final Path CATALOG = Path.of("playbooks/catalog.yaml");

    private final ActionCatalog catalog = ActionCatalog.load(CATALOG);

    @Test
    void shippedCatalogHasTheActionsTheOldSystemKnew() {
        assertThat(catalog.ids()).containsExactly(
                "restart_service", "restart_service_ssh", "run_ansible_playbook",
                "proxmox_vm_restart", "proxmox_vm_stop", "proxmox_vm_start",
                "proxmox_vm_status", "proxmox_ct_start", "proxmox_ct_shutdown", "proxmox_ct_reboot",
                "proxmox_snapshot_list", "proxmox_snapshot_create", "proxmox_snapshot_rollback",
                "mikrotik_block_ip", "mikrotik_unblock_ip", "mikrotik_interface_disable", "mikrotik_interface_enable",
                "mikrotik_resources", "mikrotik_reboot", "cleanup_disk");
        assertThat(catalog.actions()).allSatisfy(a -> {
            assertThat(a.description()).isNotBlank();
            assertThat(a.risk()).isNotNull();
            assertThat(a.executor()).isNotNull();
            assertThat(a.requiresApproval()).isNotNull();
            assertThat(a.target()).isNotBlank();
            assertThat(a.run()).isNotEmpty();
        });
    }

    @Test
    void exposesDefinitionFields() {
        ActionDefinition vmStop = catalog.get("proxmox_vm_stop").orElseThrow();
        assertThat(vmStop.risk()).isEqualTo(Risk.HIGH);
        assertThat(vmStop.executor()).isEqualTo(Executor.PROXMOX);
        assertThat(vmStop.requiresApproval()).isTrue();
        assertThat(vmStop.parameters()).containsOnlyKeys("node", "vmid");
        assertThat(vmStop.parameters().get("vmid").type()).isEqualTo(ParameterType.INTEGER);
        assertThat(catalog.contains("proxmox_vm_stop")).isTrue();
        assertThat(catalog.contains("format_disk")).isFalse();
        assertThat(catalog.contains(null)).isFalse();
        assertThat(catalog.get("format_disk")).isEmpty();
    }

    @Test
    void validParametersHaveNoViolations() {
        assertThat(catalog.validateParameters("restart_service", Map.of("host", "web-01", "service", "nginx.service"))).isEmpty();
        assertThat(catalog.validateParameters("proxmox_vm_restart", Map.of("node", "pve-02", "vmid", 104))).isEmpty();
        assertThat(catalog.validateParameters("mikrotik_block_ip",
                Map.of("address", "203.0.113.45", "timeout", "1h", "comment", "INC-42 ssh brute force"))).isEmpty();
        assertThat(catalog.validateParameters("mikrotik_block_ip", Map.of("address", "198.51.100.0/24"))).isEmpty();
        assertThat(catalog.validateParameters("mikrotik_unblock_ip", Map.of("address", "203.0.113.45"))).isEmpty();
        assertThat(catalog.validateParameters("mikrotik_interface_disable", Map.of("interface", "sfp-sfpplus1"))).isEmpty();
        assertThat(catalog.validateParameters("mikrotik_resources", Map.of())).isEmpty();
        assertThat(catalog.validateParameters("cleanup_disk",
                Map.of("host", "log-01", "path", "/var/log/app", "older_than_days", 14))).isEmpty();
        assertThat(catalog.validateParameters("proxmox_vm_start", Map.of("node", "pve-01", "vmid", 104L))).isEmpty();
        assertThat(catalog.validateParameters("run_ansible_playbook",
                Map.of("playbook", "restart-web.yml", "host", "web-01"))).isEmpty();
    }

    /** The Proxmox seed operations: guest type only qemu or lxc, snapshot names as Proxmox accepts them (at most 40). */
    @Test
    void proxmoxGuestTypeAndSnapshotNameAreChecked() {
        assertThat(catalog.get("proxmox_vm_status").orElseThrow().risk()).isEqualTo(Risk.LOW);
        assertThat(catalog.get("proxmox_vm_status").orElseThrow().requiresApproval()).isFalse();
        assertThat(catalog.validateParameters("proxmox_vm_status", Map.of("node", "pve-01", "vmid", 105, "type", "lxc"))).isEmpty();
        assertThat(catalog.validateParameters("proxmox_vm_status", Map.of("node", "pve-01", "vmid", 105, "type", "openvz")))
                .extracting(ParameterViolation::toString)
                .containsExactly("type: value \"openvz\" is not one of [qemu, lxc]");
        assertThat(catalog.validateParameters("proxmox_snapshot_rollback",
                Map.of("node", "pve-01", "vmid", 104, "type", "qemu", "snapname", "before-upgrade_2"))).isEmpty();
        for (String bad : List.of("2024-snap", "a b", "a/../b", "x".repeat(41), "")) {
            assertThat(catalog.validateParameters("proxmox_snapshot_create",
                    Map.of("node", "pve-01", "vmid", 104, "type", "qemu", "snapname", bad)))
                    .as(bad).extracting(ParameterViolation::parameter).containsExactly("snapname");
        }
        assertThat(catalog.validateParameters("proxmox_ct_reboot", Map.of("node", "pve-01", "vmid", 105))).isEmpty();
    }

    @Test
    void integralDoubleCountsAsInteger() {
        assertThat(catalog.validateParameters("proxmox_vm_start", Map.of("node", "pve-01", "vmid", 104.0))).isEmpty();
        assertThat(catalog.validateParameters("proxmox_vm_start", Map.of("node", "pve-01", "vmid", 104.5)))
                .extracting(ParameterViolation::toString)
                .containsExactly("vmid: expected integer, got 104.5");
    }

    @Test
    void reportsMissingRequiredAndUnknownParameters() {
        assertThat(catalog.validateParameters("restart_service", Map.of("hostname", "web-01")))
                .extracting(ParameterViolation::toString)
                .containsExactlyInAnyOrder(
                        "hostname: unknown parameter (allowed: host, service)",
                        "host: required parameter is missing",
                        "service: required parameter is missing");
    }

    @Test
    void nullValueCountsAsMissing() {
        Map<String, Object> params = new HashMap<>();
        params.put("node", "pve-01");
        params.put("vmid", null);
        assertThat(catalog.validateParameters("proxmox_vm_start", params))
                .extracting(ParameterViolation::parameter)
                .containsExactly("vmid");
        assertThat(catalog.validateParameters("proxmox_vm_start", null)).hasSize(2);
    }

    @Test
    void reportsWrongTypes() {
        assertThat(catalog.validateParameters("proxmox_vm_start", Map.of("node", "pve-01", "vmid", "104")))
                .extracting(ParameterViolation::toString)
                .containsExactly("vmid: expected integer, got string \"104\"");
        assertThat(catalog.validateParameters("run_ansible_playbook", Map.of("playbook", "site.yml", "host", true)))
                .extracting(ParameterViolation::toString)
                .containsExactly("host: expected string, got boolean true");
        assertThat(catalog.validateParameters("restart_service", Map.of("host", List.of("a"), "service", 5)))
                .extracting(ParameterViolation::toString)
                .containsExactlyInAnyOrder("host: expected string, got array", "service: expected string, got integer 5");
    }

    @Test
    void reportsPatternAndRangeViolations() {
        assertThat(catalog.validateParameters("cleanup_disk",
                Map.of("host", "log-01", "path", "/var/log/../../etc", "older_than_days", 0)))
                .extracting(ParameterViolation::parameter)
                .containsExactlyInAnyOrder("path", "older_than_days");
        assertThat(catalog.validateParameters("mikrotik_block_ip", Map.of("address", "300.1.2.3")))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("value \"300.1.2.3\" does not match pattern"));
        assertThat(catalog.validateParameters("mikrotik_interface_enable", Map.of("interface", "ether1 numbers=ether2")))
                .extracting(ParameterViolation::parameter)
                .containsExactly("interface");
        assertThat(catalog.validateParameters("restart_service", Map.of("host", "web-01; rm -rf /", "service", "nginx")))
                .extracting(ParameterViolation::parameter)
                .containsExactly("host");
        assertThat(catalog.validateParameters("proxmox_vm_start", Map.of("node", "pve-01", "vmid", 1_000_000_000L)))
                .extracting(ParameterViolation::toString)
                .containsExactly("vmid: value 1000000000 is above the maximum 999999999");
        assertThat(catalog.validateParameters("run_ansible_playbook", Map.of("playbook", "../secrets.yml", "host", "web-01")))
                .extracting(ParameterViolation::parameter)
                .containsExactly("playbook");
    }

    /** The path pattern forbids ".." without lookahead (RE2 has none) and maxLength bounds it. */
    @Test
    void cleanupPathsRefuseParentReferencesAndOverlongValues() {
        for (String good : List.of("/var/log/app", "/var/log/app.d/x.log", "/tmp/.cache", "/a", "/srv/x.")) {
            assertThat(catalog.validateParameters("cleanup_disk", Map.of("host", "h", "path", good, "older_than_days", 1)))
                    .as(good).isEmpty();
        }
        for (String bad : List.of("/", "/..", "/var/..", "/var/../etc", "/var/log/..x", "var/log", "/var/log;rm", "/" + "a".repeat(256))) {
            assertThat(catalog.validateParameters("cleanup_disk", Map.of("host", "h", "path", bad, "older_than_days", 1)))
                    .as(bad).extracting(ParameterViolation::parameter).containsExactly("path");
        }
        assertThat(catalog.validateParameters("cleanup_disk", Map.of("host", "h", "path", "/" + "a".repeat(255), "older_than_days", 1)))
                .isEmpty();
    }

    @Test
    void unknownActionIsAViolationNotAnException() {
        assertThat(catalog.validateParameters("format_disk", Map.of()))
                .extracting(ParameterViolation::toString)
                .containsExactly("*: unknown action id 'format_disk'");
    }

    /** Parameter values come from LLM answers and alert labels: a catalog pattern must not backtrack on them. */
    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void parameterPatternsRunInLinearTime() {
        ActionCatalog small = ActionCatalog.load(stream("""
                actions:
                  - id: ping_host
                    description: ICMP ping
                    risk: low
                    executor: ssh
                    requires_approval: false
                    target: "{host}"
                    run: {host: "{host}", command: "ping -c1 {host}"}
                    parameters:
                      host: {type: string, required: true, pattern: "((a+)*)+b"}
                """));
        assertThat(small.validateParameters("ping_host", Map.of("host", "a".repeat(40))))
                .extracting(ParameterViolation::parameter).containsExactly("host");
        assertThat(small.validateParameters("ping_host", Map.of("host", "aab"))).isEmpty();
    }

    @Test
    void loadsFromStream() {
        ActionCatalog small = ActionCatalog.load(stream("""
                actions:
                  - id: ping_host
                    description: ICMP ping
                    risk: low
                    executor: ssh
                    requires_approval: false
                    target: "{host}"
                    run: {host: "{host}", command: "ping -c1 {host}"}
                    parameters:
                      host: {type: string, required: true, enum: [a, b]}
                """));
        assertThat(small.ids()).containsExactly("ping_host");
        assertThat(small.get("ping_host").orElseThrow().verify()).isNull();
        assertThat(small.validateParameters("ping_host", Map.of("host", "c")))
                .extracting(ParameterViolation::toString)
                .containsExactly("host: value \"c\" is not one of [a, b]");
    }

    @Test
    void rejectsInconsistentCatalogListingEveryProblem() {
        assertThatThrownBy(() -> ActionCatalog.load(stream("""
                actions:
                  - id: a_one
                    description: first
                    risk: low
                    executor: ssh
                    requires_approval: false
                    target: "{host}"
                    run: {host: "{host}", command: "ping -c1 {host}"}
                    parameters:
                      n: {type: integer, pattern: "[0-9]+"}
                      s: {type: string, pattern: "([unclosed"}
                  - id: a_one
                    description: ""
                    risk: low
                    executor: ssh
                """)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("parameter 'n': pattern/enum/maxLength only apply to strings")
                .hasMessageContaining("parameter 's': invalid pattern")
                .hasMessageContaining("actions[1] (a_one): duplicate id")
                .hasMessageContaining("actions[1] (a_one): description is required")
                .hasMessageContaining("actions[1] (a_one): requires_approval is required");
    }

    @Test
    void rejectsUnknownEnumValuesAndFields() {
        assertThatThrownBy(() -> ActionCatalog.load(stream("""
                actions:
                  - id: x
                    description: d
                    risk: extreme
                    executor: ssh
                    requires_approval: true
                """)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("extreme");
        assertThatThrownBy(() -> ActionCatalog.load(stream("""
                actions:
                  - id: x
                    description: d
                    risk: low
                    executor: ssh
                    requires_approval: true
                    requires_aproval: false
                """)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("requires_aproval");
    }

    @Test
    void missingFileIsACatalogException() {
        assertThatThrownBy(() -> ActionCatalog.load(Path.of("playbooks/does-not-exist.yaml")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("does-not-exist.yaml");
    }

    private static InputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
