package io.aiopshub.remediation.mikrotik;

import static io.aiopshub.remediation.executor.ExecutorPhase.CHECK;
import static io.aiopshub.remediation.executor.ExecutorPhase.DRY_RUN;
import static io.aiopshub.remediation.executor.ExecutorPhase.EXECUTE;
import static io.aiopshub.remediation.executor.ExecutorPhase.ROLLBACK;
import static io.aiopshub.remediation.mikrotik.MikrotikAddressListTest.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.executor.ExecutorResult;

/** mikrotik_interface_disable and mikrotik_interface_enable against the fake router. */
class MikrotikInterfaceTest {

    static final Map<String, Object> ETHER5 = Map.of("interface", "ether5");
    static final List<String> PRINT_ETHER5 = List.of("/interface/print", "=.proplist=.id,name,type,disabled,running", "?name=ether5");
    static final List<String> PRINT_ADDRESSES = List.of("/ip/address/print", "=.proplist=address,interface");

    static MikrotikRoute route;
    FakeRouterOs router;

    @BeforeAll
    static void startRoute() throws Exception {
        route = new MikrotikRoute();
    }

    @AfterAll
    static void stopRoute() {
        route.close();
    }

    @BeforeEach
    void startRouter() throws Exception {
        router = FakeRouterOs.plain();
        route.plainTo(router);
        router.ipAddresses.add(Map.of("address", "192.0.2.1/24", "interface", "ether2"));
    }

    @AfterEach
    void stopRouter() throws Exception {
        router.close();
    }

    @Test
    void dryRunShowsTheInterfaceAndTheSentence() {
        ExecutorResult result = route.call("mikrotik_interface_disable", DRY_RUN, ETHER5);

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("ether5 is enabled; would disable it");
        assertThat(result.output()).contains("current: ether5 (*5, type ether, enabled, running)",
                "would send: /interface/disable =numbers=*5");
        assertThat(router.commands()).containsExactly(tag(PRINT_ETHER5, 2), tag(PRINT_ADDRESSES, 3));
        assertThat(router.interfaces.get("*5")).containsEntry("disabled", "false");
    }

    @Test
    void disableChecksAndRollsBackByEnabling() {
        ExecutorResult executed = route.call("mikrotik_interface_disable", EXECUTE, ETHER5);

        assertThat(executed.succeeded()).as(executed.summary()).isTrue();
        assertThat(executed.summary()).isEqualTo("disabled ether5 (was enabled)");
        assertThat(executed.state()).containsExactly(Map.entry("interface_was", "enabled"));
        assertThat(router.received).containsExactly(LOGIN, tag(PRINT_ETHER5, 2), tag(PRINT_ADDRESSES, 3),
                List.of("/interface/disable", "=numbers=*5", ".tag=4"));
        assertThat(router.interfaces.get("*5")).containsEntry("disabled", "true");

        ExecutorResult check = route.call("mikrotik_interface_disable", CHECK, ETHER5);
        assertThat(check.succeeded()).isTrue();
        assertThat(check.summary()).isEqualTo("ether5 is disabled");
        router.received.clear();

        ExecutorResult rollback = route.call("mikrotik_interface_disable", ROLLBACK, ETHER5, executed.state(), Duration.ofSeconds(10));
        assertThat(rollback.succeeded()).as(rollback.summary()).isTrue();
        assertThat(rollback.summary()).isEqualTo("enabled ether5 (was disabled)");
        assertThat(router.commands()).containsExactly(tag(PRINT_ETHER5, 2), List.of("/interface/enable", "=numbers=*5", ".tag=3"));
        assertThat(router.interfaces.get("*5")).containsEntry("disabled", "false");

        ExecutorResult checkAgain = route.call("mikrotik_interface_disable", CHECK, ETHER5);
        assertThat(checkAgain.succeeded()).isFalse();
        assertThat(checkAgain.summary()).isEqualTo("ether5 is enabled, expected disabled");
    }

    @Test
    void anInterfaceDisabledBeforeTheRunStaysDisabledOnRollback() {
        router.addInterface("*5", "ether5", true);

        ExecutorResult executed = route.call("mikrotik_interface_disable", EXECUTE, ETHER5);
        assertThat(executed.succeeded()).isTrue();
        assertThat(executed.summary()).isEqualTo("ether5 is disabled already; nothing to do");
        assertThat(executed.state()).containsEntry("interface_was", "disabled");

        ExecutorResult rollback = route.call("mikrotik_interface_disable", ROLLBACK, ETHER5, executed.state(), Duration.ofSeconds(10));
        assertThat(rollback.succeeded()).isTrue();
        assertThat(rollback.summary()).isEqualTo("ether5 was disabled before this run; left as it is");
        assertThat(router.commands()).noneMatch(s -> s.get(0).equals("/interface/enable") || s.get(0).equals("/interface/disable"));
        assertThat(router.interfaces.get("*5")).containsEntry("disabled", "true");
    }

    @Test
    void refusesToDisableTheInterfaceTheHubReachesTheRouterThrough() {
        router.ipAddresses.add(Map.of("address", "127.0.0.1/8", "interface", "ether1"));

        ExecutorResult dryRun = route.call("mikrotik_interface_disable", DRY_RUN, Map.of("interface", "ether1"));
        assertThat(dryRun.succeeded()).isFalse();
        assertThat(dryRun.summary()).isEqualTo("would refuse to disable ether1: the hub reaches the router at 127.0.0.1, which is on ether1");

        ExecutorResult executed = route.call("mikrotik_interface_disable", EXECUTE, Map.of("interface", "ether1"));
        assertThat(executed.succeeded()).isFalse();
        assertThat(executed.summary()).isEqualTo("refused to disable ether1: the hub reaches the router at 127.0.0.1, which is on ether1");
        assertThat(router.commands()).noneMatch(s -> s.get(0).equals("/interface/disable"));
        assertThat(router.interfaces.get("*1")).containsEntry("disabled", "false");
    }

    @Test
    void refusesToDisableAPortOfTheBridgeTheHubReachesTheRouterThrough() {
        router.ipAddresses.add(Map.of("address", "127.0.0.1/8", "interface", "bridge1"));
        router.bridgePorts.add(Map.of("interface", "ether5", "bridge", "bridge1"));

        ExecutorResult executed = route.call("mikrotik_interface_disable", EXECUTE, ETHER5);

        assertThat(executed.succeeded()).isFalse();
        assertThat(executed.summary()).isEqualTo(
                "refused to disable ether5: ether5 is a port of bridge bridge1, where the hub reaches the router at 127.0.0.1");
        assertThat(router.commands()).contains(tag(List.of("/interface/bridge/port/print", "=.proplist=interface,bridge",
                "?interface=ether5"), 4));
        assertThat(router.interfaces.get("*5")).containsEntry("disabled", "false");
    }

    /** With RouterOS 7.18 the print of an unknown name is !empty: the executor must not wait for rows. */
    @Test
    void anUnknownInterfaceFailsClearly() {
        ExecutorResult result = route.call("mikrotik_interface_enable", EXECUTE, Map.of("interface", "ether9"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("no interface named 'ether9' on 127.0.0.1:" + router.port());
        assertThat(result.output()).contains("< !empty .tag=2", "< !done .tag=2");
    }

    @Test
    void enableAndItsCheck() {
        router.addInterface("*5", "ether5", true);

        ExecutorResult executed = route.call("mikrotik_interface_enable", EXECUTE, ETHER5);
        assertThat(executed.succeeded()).isTrue();
        assertThat(executed.summary()).isEqualTo("enabled ether5 (was disabled)");
        assertThat(router.commands()).containsExactly(tag(PRINT_ETHER5, 2), List.of("/interface/enable", "=numbers=*5", ".tag=3"));

        ExecutorResult check = route.call("mikrotik_interface_enable", CHECK, ETHER5);
        assertThat(check.succeeded()).isTrue();
        assertThat(check.summary()).isEqualTo("ether5 is enabled");

        ExecutorResult rollback = route.call("mikrotik_interface_enable", ROLLBACK, ETHER5);
        assertThat(rollback.succeeded()).isFalse();
        assertThat(rollback.summary()).isEqualTo("this action declares no rollback");
    }

    @Test
    void aRefusedDisableIsAFailureWithTheMessage() {
        router.override = s -> s.get(0).equals("/interface/disable")
                ? List.of(List.of("!trap", "=category=1", "=message=failure: cannot disable a slave interface"), List.of("!done"))
                : null;

        ExecutorResult result = route.call("mikrotik_interface_disable", EXECUTE, ETHER5);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("RouterOS refused to disable ether5: failure: cannot disable a slave interface");
    }

    static List<String> tag(List<String> words, int tag) {
        return MikrotikAddressListTest.tagged(words, tag);
    }
}
