package io.aiopshub.remediation.mikrotik;

import static io.aiopshub.remediation.executor.ExecutorPhase.CHECK;
import static io.aiopshub.remediation.executor.ExecutorPhase.DRY_RUN;
import static io.aiopshub.remediation.executor.ExecutorPhase.EXECUTE;
import static io.aiopshub.remediation.mikrotik.MikrotikAddressListTest.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorResult;

/** What goes wrong between the hub and a router: each is an answer with succeeded=false, quickly, never an exception. */
class MikrotikFailureTest {

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

    @ParameterizedTest
    @EnumSource(ExecutorPhase.class)
    void withoutHostOrUserEveryPhaseSaysWhatToSet(ExecutorPhase phase) {
        route.properties.setHost("");
        assertThat(route.call("mikrotik_block_ip", phase, BLOCK))
                .isEqualTo(new io.aiopshub.remediation.executor.ExecutorResult(false,
                        "mikrotik executor is not configured: set aiops.remediation.mikrotik.host", "", Map.of()));
        route.properties.setHost("127.0.0.1");
        route.properties.setUsername(" ");
        assertThat(route.call("mikrotik_block_ip", phase, BLOCK).summary())
                .isEqualTo("mikrotik executor is not configured: set aiops.remediation.mikrotik.username");
        assertThat(router.received).isEmpty();
    }

    @Test
    void aRefusedLoginNamesTheUserButNeverThePassword() {
        route.properties.setPassword("wrong-" + FakeRouterOs.PASSWORD);

        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE, BLOCK);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("login as 'hub' refused by 127.0.0.1:" + router.port()
                + ": invalid user name or password (6)");
        assertThat(result.summary() + result.output()).doesNotContain(FakeRouterOs.PASSWORD);
        assertThat(router.received).hasSize(1);
    }

    @Test
    void aPre643LoginChallengeIsRefusedClearly() {
        router.override = s -> s.get(0).equals("/login") ? List.of(List.of("!done", "=ret=ebddd18303a54111e2dea05a92ab46b4")) : null;

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("challenge (the login of RouterOS before 6.43)").contains("6.43 or later");
    }

    @Test
    void aFatalEndsTheSessionAndFailsWithItsReason() {
        router.fatalOn = "/ip/firewall/address-list/add";
        long start = System.nanoTime();

        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE, BLOCK);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("127.0.0.1:" + router.port()
                + " ended the session (!fatal) answering /ip/firewall/address-list/add: session terminated on request");
        assertThat(result.output()).contains("< !fatal session terminated on request");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRouterThatNeverAnswersHitsTheReadTimeout() {
        route.properties.setReadTimeout(Duration.ofSeconds(1));
        router.silent = true;
        long start = System.nanoTime();

        ExecutorResult result = route.call("mikrotik_block_ip", DRY_RUN, BLOCK);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("no answer from 127.0.0.1:" + router.port()
                + " to /login within the read timeout of 1s");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void theActionsTimeoutBoundsTheWholeCall() {
        route.properties.setReadTimeout(Duration.ofSeconds(30));
        router.override = s -> s.get(0).equals("/login") ? List.of(List.of("!done")) : List.of();
        long start = System.nanoTime();

        ExecutorResult result = route.call("mikrotik_block_ip", CHECK, BLOCK, Map.of(), Duration.ofMillis(1500));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("the action's time limit of 1500ms passed waiting for 127.0.0.1:"
                + router.port() + " to answer /ip/firewall/address-list/print");
        assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(3000));
    }

    @Test
    void anUnknownReplyTypeIsAProtocolErrorNotAHang() {
        router.override = s -> s.get(0).startsWith("/system") ? List.of(List.of("!weird", "=x=y")) : null;
        long start = System.nanoTime();

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("protocol error from 127.0.0.1:" + router.port()
                + " answering /system/resource/print: unexpected reply '!weird'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aReplyForAnotherTagIsAProtocolError() {
        router.override = s -> s.get(0).startsWith("/system") ? List.of(List.of("!done", ".tag=99")) : null;

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.summary()).endsWith("reply tagged 99 while waiting for tag 2");
    }

    @Test
    void aClosedPortIsAFailureNamingTheAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        route.properties.setPort(closed);

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).startsWith("cannot connect to 127.0.0.1:" + closed + ": Connection refused");
    }

    @Test
    void anUnknownHostIsAFailure() {
        route.properties.setHost("router.invalid");

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("unknown host router.invalid (aiops.remediation.mikrotik.host)");
    }

    /** Words of every prefix size from the router: 2-byte (200), 3-byte (70,000) and 4-byte (2,200,000 bytes). */
    @Test
    void longWordsFromTheRouterAreReadWhole() {
        router.addEntry("blocked", "203.0.113.45", null, "a".repeat(200));
        router.override = s -> s.get(0).endsWith("/print") ? List.of(
                List.of("!re", "=.id=*1", "=list=blocked", "=address=203.0.113.45", "=comment=" + "b".repeat(70_000)),
                List.of("!re", "=.id=*2", "=list=blocked", "=address=203.0.113.45", "=comment=" + "c".repeat(2_200_000)),
                List.of("!re", "=.id=*3", "=list=blocked", "=address=203.0.113.45", "=comment=" + "d".repeat(200)),
                List.of("!done")) : null;

        ExecutorResult result = route.call("mikrotik_block_ip", CHECK, BLOCK);

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("203.0.113.45 is in address list 'blocked' (*1, *2, *3)");
        assertThat(result.output()).contains("...(70009 characters)", "...(2200009 characters)");
    }

    /** A comment of 120 characters is a word of 129 bytes: the client's 2-byte prefix must reach the router intact. */
    @Test
    void aLongCommentReachesTheRouterIntact() {
        String comment = "INC-42 " + "x".repeat(113);

        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE, Map.of("address", "203.0.113.45", "comment", comment));

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(router.commands().get(0)).contains("=comment=" + comment);
        assertThat(router.addressList.get("*1A")).containsEntry("comment", comment);
    }
}
