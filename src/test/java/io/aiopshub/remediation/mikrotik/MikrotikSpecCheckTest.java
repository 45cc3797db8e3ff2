package io.aiopshub.remediation.mikrotik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.run.RemediationStartupCheck;
import io.aiopshub.remediation.catalog.CatalogException;
import io.aiopshub.remediation.catalog.Executor;

class MikrotikSpecCheckTest {

    private final MikrotikSpecCheck check = new MikrotikSpecCheck();

    @Test
    void theShippedMikrotikActionsAreWellFormed() {
        assertThat(MikrotikRoute.CATALOG.actions()).filteredOn(a -> a.executor() == Executor.MIKROTIK)
                .extracting(a -> a.id())
                .containsExactly("mikrotik_block_ip", "mikrotik_unblock_ip", "mikrotik_interface_disable",
                        "mikrotik_interface_enable", "mikrotik_resources", "mikrotik_reboot");
        assertThat(MikrotikRoute.CATALOG.actions()).filteredOn(a -> a.executor() == Executor.MIKROTIK)
                .allSatisfy(a -> assertThat(check.problems(a)).as(a.id()).isEmpty());
        assertThatCode(() -> RemediationStartupCheck.checkEntries(MikrotikRoute.CATALOG, List.of(check))).doesNotThrowAnyException();
    }

    @Test
    void reportsEveryProblemOfAnActionNamingTheField() {
        ActionCatalog catalog = catalog("""
                  - id: broken_block
                    description: d
                    risk: medium
                    executor: mikrotik
                    requires_approval: true
                    target: "{address}"
                    parameters:
                      address: {type: string, required: true}
                      note: {type: string, required: false}
                    run:
                      operation: address_list_add
                      list: "{note}"
                      address: "{adress}"
                      timeout: forever
                      colour: red
                    verify:
                      check: {operation: interface_state, interface: ether1, state: down}
                    rollback: {operation: reboot}
                """);

        assertThat(check.problems(catalog.get("broken_block").orElseThrow())).containsExactlyInAnyOrder(
                "run: unknown key 'colour' for address_list_add (allowed: operation, list, address, timeout, default_timeout, comment)",
                "run.list uses {note}, an optional parameter; list is required for address_list_add and needs required parameters",
                "run.address uses {adress}, which is not a parameter",
                "run.timeout 'forever' is not a RouterOS duration such as 1h, 30m or 1d",
                "verify.check.state must be enabled or disabled, not 'down'",
                "rollback.operation 'reboot' is not one of [address_list_add, address_list_remove, interface_disable, interface_enable]");
    }

    @Test
    void reportsMissingOperationsAndKeys() {
        ActionCatalog catalog = catalog("""
                  - id: no_operation
                    description: d
                    risk: low
                    executor: mikrotik
                    requires_approval: false
                    target: router
                    run: {list: blocked}
                  - id: missing_keys
                    description: d
                    risk: low
                    executor: mikrotik
                    requires_approval: false
                    target: router
                    run: {operation: address_list_remove, list: "bl\\u0007ocked"}
                    verify:
                      check: {operation: uptime_below, max: soon}
                """);

        assertThat(check.problems(catalog.get("no_operation").orElseThrow())).containsExactly(
                "run.operation is required, one of [address_list_add, address_list_remove, interface_disable, interface_enable, resources, reboot]");
        assertThat(check.problems(catalog.get("missing_keys").orElseThrow())).containsExactlyInAnyOrder(
                "run.address is required for address_list_remove",
                "run.list contains a control character",
                "verify.check.max 'soon' is not a duration such as 30s, 5m or 4h");
    }

    @Test
    void theStartUpCheckListsEveryProblemOfEveryMikrotikAction() {
        ActionCatalog catalog = catalog("""
                  - id: first
                    description: d
                    risk: low
                    executor: mikrotik
                    requires_approval: false
                    target: router
                    run: {operation: format_flash}
                  - id: second
                    description: d
                    risk: low
                    executor: mikrotik
                    requires_approval: false
                    target: router
                    run: {operation: resources, extra: 1}
                  - id: not_mine
                    description: d
                    risk: low
                    executor: ssh
                    requires_approval: false
                    target: router
                    run: {operation: format_flash}
                """);

        assertThatThrownBy(() -> RemediationStartupCheck.checkEntries(catalog, List.of(check)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("first: run.operation 'format_flash' is not one of")
                .hasMessageContaining("second: run: unknown key 'extra' for resources (allowed: operation)")
                .hasMessageNotContaining("not_mine");
    }

    private static ActionCatalog catalog(String actions) {
        return ActionCatalog.load(new ByteArrayInputStream(("actions:\n" + actions).getBytes(StandardCharsets.UTF_8)));
    }
}
