package io.aiopshub.remediation.mikrotik;

import static io.aiopshub.remediation.executor.ExecutorPhase.CHECK;
import static io.aiopshub.remediation.executor.ExecutorPhase.DRY_RUN;
import static io.aiopshub.remediation.executor.ExecutorPhase.EXECUTE;
import static io.aiopshub.remediation.executor.ExecutorPhase.ROLLBACK;
import static io.aiopshub.remediation.mikrotik.MikrotikAddressListTest.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.executor.ExecutorResult;

/** mikrotik_resources (read-only) and mikrotik_reboot against the fake router. */
class MikrotikSystemTest {

    static final List<String> PRINT_RESOURCES = List.of("/system/resource/print", ".tag=2");
    static final String OVERVIEW = "RB4011iGS+ (RouterOS 7.18.2 (stable), uptime 3d4h5m6s, CPU 4%, free memory 819 MiB of 1024 MiB)";

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
    }

    @AfterEach
    void stopRouter() throws Exception {
        router.close();
    }

    @Test
    void resourcesAreReadInDryRunAndExecute() {
        ExecutorResult dryRun = route.call("mikrotik_resources", DRY_RUN, Map.of());
        assertThat(dryRun.succeeded()).isTrue();
        assertThat(dryRun.summary()).isEqualTo("read-only; now: " + OVERVIEW);

        ExecutorResult executed = route.call("mikrotik_resources", EXECUTE, Map.of());
        assertThat(executed.succeeded()).isTrue();
        assertThat(executed.summary()).isEqualTo(OVERVIEW);
        assertThat(executed.output()).contains("board-name: RB4011iGS+", "uptime: 3d4h5m6s");
        assertThat(router.received).containsExactly(LOGIN, PRINT_RESOURCES, LOGIN, PRINT_RESOURCES);

        assertThat(route.call("mikrotik_resources", CHECK, Map.of()).summary()).isEqualTo("this action declares no check");
        assertThat(route.call("mikrotik_resources", ROLLBACK, Map.of()).summary()).isEqualTo("this action declares no rollback");
    }

    @Test
    void dryRunOfARebootOnlyReads() {
        ExecutorResult dryRun = route.call("mikrotik_reboot", DRY_RUN, Map.of());

        assertThat(dryRun.succeeded()).isTrue();
        assertThat(dryRun.summary()).isEqualTo("would reboot " + OVERVIEW);
        assertThat(dryRun.output()).contains("would send: /system/reboot");
        assertThat(router.received).containsExactly(LOGIN, PRINT_RESOURCES);
    }

    @Test
    void rebootIsSentAndItsDoneAccepted() {
        ExecutorResult executed = route.call("mikrotik_reboot", EXECUTE, Map.of());

        assertThat(executed.succeeded()).as(executed.summary()).isTrue();
        assertThat(executed.summary()).isEqualTo("reboot of " + OVERVIEW + " accepted");
        assertThat(executed.state()).containsExactly(Map.entry("uptime_before", "3d4h5m6s"));
        assertThat(router.received).containsExactly(LOGIN, PRINT_RESOURCES, List.of("/system/reboot", ".tag=3"));
    }

    @Test
    void aRouterThatDropsTheSessionOnRebootStillCountsAsRebooting() {
        router.rebootWithoutAnswer = true;

        ExecutorResult executed = route.call("mikrotik_reboot", EXECUTE, Map.of());

        assertThat(executed.succeeded()).as(executed.summary()).isTrue();
        assertThat(executed.summary()).isEqualTo("reboot of " + OVERVIEW + " requested; the router closed the session");
    }

    @Test
    void theRebootCheckWantsAShortUptime() {
        router.resources.put("uptime", "3m12s");
        ExecutorResult fresh = route.call("mikrotik_reboot", CHECK, Map.of());
        assertThat(fresh.succeeded()).isTrue();
        assertThat(fresh.summary()).isEqualTo("router is up again since 3m12s (less than 15m)");

        router.resources.put("uptime", "1w2d03:04:05");
        ExecutorResult old = route.call("mikrotik_reboot", CHECK, Map.of());
        assertThat(old.succeeded()).isFalse();
        assertThat(old.summary()).isEqualTo("router has been up 1w2d03:04:05, not less than 15m: no restart seen");
        assertThat(route.call("mikrotik_reboot", ROLLBACK, Map.of()).summary()).isEqualTo("this action declares no rollback");
    }
}
