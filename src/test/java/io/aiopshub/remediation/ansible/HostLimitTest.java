package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostLimitTest {

    /** ansible-inventory --list of fixtures/ansible/inventory.ini, recorded with the real Ansible. */
    private final InventoryHosts inventory = InventoryHosts.parse(Fixtures.read("inventory-list.json"));

    @Test
    void inventoryNamesComeFromHostvarsAndFromGroups() {
        // db-01 has no variables, so only its group lists it.
        assertThat(inventory.hosts()).containsExactlyInAnyOrder("localhost", "ghost", "web-01", "db-01");
        assertThat(inventory.groups()).containsExactlyInAnyOrder("all", "ungrouped", "web", "db");
    }

    @Test
    void exactHostOfTheInventoryIsAccepted() {
        assertThat(HostLimit.problem("web-01", inventory)).isNull();
        assertThat(HostLimit.problem("db-01", inventory)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web*", "all:!db-01", "web-01,db-01", "~web.*", "@hosts.txt", "web:&db", "!db-01",
            "web[0]", "web-0?", "web 01", "web-01\n"})
    void patternsAreRefused(String limit) {
        assertThat(HostLimit.problem(limit, inventory)).contains("is a host pattern").contains("only the exact name of one inventory host");
    }

    @Test
    void groupsUnknownHostsAndNonNamesAreRefused() {
        assertThat(HostLimit.problem("web", inventory))
                .isEqualTo("limit 'web' is a group of the inventory, not a host: a run is limited to one host");
        assertThat(HostLimit.problem("all", inventory)).contains("is a group");
        assertThat(HostLimit.problem("web-02", inventory)).isEqualTo("host 'web-02' is not in the inventory");
        assertThat(HostLimit.problem("-web", inventory)).startsWith("limit '-web' is not a host name");
        assertThat(HostLimit.problem("", inventory)).startsWith("the limit is empty");
        assertThat(HostLimit.problem(null, inventory)).startsWith("the limit is empty");
    }

    @Test
    void inventoryThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> InventoryHosts.parse("[WARNING]: Unable to parse /x as an inventory source"))
                .isInstanceOf(AnsibleRefusal.class)
                .hasMessage("ansible-inventory --list did not print the inventory as JSON");
        assertThat(InventoryHosts.parse("{\"_meta\": {\"hostvars\": {}}, \"all\": {\"children\": [\"ungrouped\"]}}").hosts())
                .isEqualTo(Set.of());
    }
}
