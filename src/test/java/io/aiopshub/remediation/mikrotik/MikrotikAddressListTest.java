package io.aiopshub.remediation.mikrotik;

import static io.aiopshub.remediation.executor.ExecutorPhase.CHECK;
import static io.aiopshub.remediation.executor.ExecutorPhase.DRY_RUN;
import static io.aiopshub.remediation.executor.ExecutorPhase.EXECUTE;
import static io.aiopshub.remediation.executor.ExecutorPhase.PREPARE;
import static io.aiopshub.remediation.executor.ExecutorPhase.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aiopshub.remediation.executor.ExecutorResult;

/** mikrotik_block_ip and mikrotik_unblock_ip through the route against the fake router, every phase. */
class MikrotikAddressListTest {

    static final List<String> LOGIN = List.of("/login", "=name=hub", "=password=" + FakeRouterOs.PASSWORD, ".tag=1");
    static final Map<String, Object> BLOCK = Map.of("address", "203.0.113.45", "timeout", "1h", "comment", "INC-42 ssh brute force");
    static final List<String> PRINT_BLOCKED = List.of("/ip/firewall/address-list/print",
            "=.proplist=.id,list,address,timeout,comment,disabled,dynamic", "?list=blocked", "?address=203.0.113.45");

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

    /** RouterOS 7.18+ answers an empty print with !empty then !done; older versions with !done alone. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void dryRunShowsTheCurrentEntriesAndTheSentenceItWouldSend(boolean routerOs718) {
        router.sendsEmpty = routerOs718;

        ExecutorResult result = route.call("mikrotik_block_ip", DRY_RUN, BLOCK);

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("203.0.113.45 is not in address list 'blocked'; would add it for 1h");
        assertThat(result.output())
                .contains("current entries of 203.0.113.45 in address list 'blocked': none")
                .contains("would send: /ip/firewall/address-list/add =list=blocked =address=203.0.113.45 =timeout=1h"
                        + " =comment=INC-42 ssh brute force")
                .contains(routerOs718 ? "< !empty .tag=2" : "< !done .tag=2");
        assertThat(router.received).containsExactly(LOGIN, tagged(PRINT_BLOCKED, 2));
        assertThat(router.addressList).isEmpty();
    }

    @Test
    void dryRunOfAnAddressThatIsBlockedAlreadySaysTheAddWouldFail() {
        router.addEntry("blocked", "203.0.113.45", null, "by hand");

        ExecutorResult result = route.call("mikrotik_block_ip", DRY_RUN, BLOCK);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("203.0.113.45 is already in address list 'blocked' (*1A);"
                + " adding it again would fail with 'already have such entry'");
        assertThat(result.output()).contains("*1A 203.0.113.45 comment=by hand dynamic=false disabled=false");
    }

    @Test
    void prepareHasNothingToDoAndDoesNotConnect() {
        ExecutorResult result = route.call("mikrotik_block_ip", PREPARE, BLOCK);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).startsWith("nothing to prepare");
        assertThat(router.received).isEmpty();
    }

    @Test
    void executeSendsTheAddAsWordsAndRemembersTheNewEntry() {
        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE, BLOCK);

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("added 203.0.113.45 to address list 'blocked' (entry *1A, timeout 1h)");
        assertThat(result.state()).containsExactly(Map.entry("added_entry_id", "*1A"));
        assertThat(router.received).containsExactly(LOGIN, List.of("/ip/firewall/address-list/add", "=list=blocked",
                "=address=203.0.113.45", "=timeout=1h", "=comment=INC-42 ssh brute force", ".tag=2"));
        assertThat(router.addressList.get("*1A")).containsEntry("timeout", "1h").containsEntry("comment", "INC-42 ssh brute force");
        assertThat(result.output()).contains("> /login =name=hub =password=(hidden)")
                .doesNotContain(FakeRouterOs.PASSWORD);
    }

    @Test
    void optionalParametersLeftOutUseTheCatalogDefaultTimeoutAndNoComment() {
        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE, Map.of("address", "198.51.100.0/24"));

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(router.commands()).containsExactly(List.of("/ip/firewall/address-list/add", "=list=blocked",
                "=address=198.51.100.0/24", "=timeout=1d", ".tag=2"));
    }

    /** A comment the catalog pattern lets through (a tab is not \r or \n) is still no API word. */
    @Test
    void aControlCharacterInAValueIsRefusedBeforeConnecting() {
        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE,
                Map.of("address", "203.0.113.45", "comment", "INC-42\tx"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("cannot build the RouterOS command of mikrotik_block_ip: run.comment contains a control character");
        assertThat(router.received).isEmpty();
    }

    @Test
    void aTrapIsAFailureWithTheRoutersMessage() {
        router.addEntry("blocked", "203.0.113.45", null, null);

        ExecutorResult result = route.call("mikrotik_block_ip", EXECUTE, BLOCK);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo(
                "RouterOS refused to add 203.0.113.45 to address list 'blocked': failure: already have such entry");
        assertThat(result.output()).contains("< !trap =message=failure: already have such entry .tag=2", "< !done .tag=2");
        assertThat(router.addressList).hasSize(1);
    }

    @Test
    void checkHoldsWhileTheEntryIsThereAndRollbackRemovesExactlyThatEntry() {
        ExecutorResult executed = route.call("mikrotik_block_ip", EXECUTE, BLOCK);
        router.received.clear();

        ExecutorResult check = route.call("mikrotik_block_ip", CHECK, BLOCK);
        assertThat(check.succeeded()).as(check.summary()).isTrue();
        assertThat(check.summary()).isEqualTo("203.0.113.45 is in address list 'blocked' (*1A)");
        assertThat(router.received).containsExactly(LOGIN, tagged(PRINT_BLOCKED, 2));
        router.received.clear();

        ExecutorResult rollback = route.call("mikrotik_block_ip", ROLLBACK, BLOCK, executed.state(), Duration.ofSeconds(10));
        assertThat(rollback.succeeded()).as(rollback.summary()).isTrue();
        assertThat(rollback.summary()).isEqualTo("removed 203.0.113.45 from address list 'blocked' (*1A)");
        assertThat(router.received).containsExactly(LOGIN, tagged(PRINT_BLOCKED, 2),
                List.of("/ip/firewall/address-list/remove", "=.id=*1A", ".tag=3"));
        assertThat(router.addressList).isEmpty();

        ExecutorResult after = route.call("mikrotik_block_ip", CHECK, BLOCK);
        assertThat(after.succeeded()).isFalse();
        assertThat(after.summary()).isEqualTo("203.0.113.45 is not in address list 'blocked'");
    }

    @Test
    void rollbackNeverRemovesAnEntryThisRunDidNotAdd() {
        router.addEntry("blocked", "203.0.113.45", null, "blocked by hand before the run");

        ExecutorResult noEntry = route.call("mikrotik_block_ip", ROLLBACK, BLOCK, Map.of(), Duration.ofSeconds(10));
        assertThat(noEntry.succeeded()).isTrue();
        assertThat(noEntry.summary()).isEqualTo("this run added no entry to address list 'blocked'; nothing to undo");

        ExecutorResult gone = route.call("mikrotik_block_ip", ROLLBACK, BLOCK, Map.of("added_entry_id", "*77"), Duration.ofSeconds(10));
        assertThat(gone.succeeded()).isTrue();
        assertThat(gone.summary()).isEqualTo("entry *77 of 203.0.113.45 in address list 'blocked' is gone already"
                + " (expired or removed); nothing to undo");

        assertThat(router.addressList).hasSize(1);
        assertThat(router.commands()).noneMatch(s -> s.get(0).endsWith("/remove"));
    }

    @Test
    void unblockRemovesEveryEntryOfTheAddressInTheList() {
        String first = router.addEntry("blocked", "203.0.113.45", "1d", null);
        router.addEntry("allowed", "203.0.113.45", null, null);
        String second = router.addEntry("blocked", "203.0.113.45", null, "second");
        Map<String, Object> unblock = Map.of("address", "203.0.113.45/32");

        ExecutorResult dryRun = route.call("mikrotik_unblock_ip", DRY_RUN, unblock);
        assertThat(dryRun.summary()).isEqualTo("would remove 203.0.113.45 from address list 'blocked' (*1A, *1C)");
        assertThat(dryRun.output()).contains("would send: /ip/firewall/address-list/remove =.id=*1A",
                "would send: /ip/firewall/address-list/remove =.id=*1C");
        assertThat(router.addressList).hasSize(3);
        router.received.clear();

        ExecutorResult executed = route.call("mikrotik_unblock_ip", EXECUTE, unblock);
        assertThat(executed.succeeded()).as(executed.summary()).isTrue();
        assertThat(executed.summary()).isEqualTo("removed 203.0.113.45 from address list 'blocked' (*1A, *1C)");
        assertThat(router.received).containsExactly(LOGIN, tagged(PRINT_BLOCKED, 2),
                List.of("/ip/firewall/address-list/remove", "=.id=" + first, ".tag=3"),
                List.of("/ip/firewall/address-list/remove", "=.id=" + second, ".tag=4"));
        assertThat(router.addressList.values()).singleElement().satisfies(e -> assertThat(e).containsEntry("list", "allowed"));

        ExecutorResult check = route.call("mikrotik_unblock_ip", CHECK, unblock);
        assertThat(check.succeeded()).isTrue();
        assertThat(check.summary()).isEqualTo("203.0.113.45 is not in address list 'blocked'");

        ExecutorResult again = route.call("mikrotik_unblock_ip", EXECUTE, unblock);
        assertThat(again.succeeded()).isTrue();
        assertThat(again.summary()).isEqualTo("203.0.113.45 is not in address list 'blocked'; nothing to remove");

        ExecutorResult rollback = route.call("mikrotik_unblock_ip", ROLLBACK, unblock);
        assertThat(rollback.succeeded()).isFalse();
        assertThat(rollback.summary()).isEqualTo("this action declares no rollback");
    }

    @Test
    void checkFailsWhileAnUnblockedAddressIsStillListed() {
        router.addEntry("blocked", "203.0.113.45", null, null);

        ExecutorResult check = route.call("mikrotik_unblock_ip", CHECK, Map.of("address", "203.0.113.45"));

        assertThat(check.succeeded()).isFalse();
        assertThat(check.summary()).isEqualTo("203.0.113.45 is still in address list 'blocked' (*1A)");
    }

    static List<String> tagged(List<String> words, int tag) {
        List<String> sentence = new java.util.ArrayList<>(words);
        sentence.add(".tag=" + tag);
        return sentence;
    }
}
