package io.aiopshub.remediation.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorResult;

/** Reading the recorded JSON reports of a real ansible-playbook 2.14 (fixtures/ansible). */
class ResultReaderTest {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private static AnsibleInvocation run(ExecutorPhase phase, String playbook, String limit) {
        boolean check = phase == ExecutorPhase.DRY_RUN || phase == ExecutorPhase.CHECK;
        return new AnsibleInvocation(phase, playbook, Path.of("/p/" + playbook), limit, Map.of(), check);
    }

    private static ExecutorResult read(ExecutorPhase phase, String playbook, String limit, String fixture) {
        return ResultReader.read(run(phase, playbook, limit), LIMIT, Fixtures.exit(fixture), Fixtures.stdout(fixture),
                Fixtures.stderr(fixture));
    }

    @Test
    void dryRunListsPerHostTheTasksThatWouldChangeWithTheirDiffs() {
        ExecutorResult result = read(ExecutorPhase.DRY_RUN, "touch.yml", "localhost", "check-would-change");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("dry run of touch.yml on localhost: 1 task (Write the marker file) would change; "
                + "1 task cannot be predicted in check mode (Say something)");
        assertThat(result.output())
                .startsWith("ansible-playbook touch.yml --limit localhost --check --diff (exit 0)\n")
                .contains("  localhost: ok=1 changed=1 unreachable=0 failed=0 skipped=1 rescued=0 ignored=0\n")
                .contains("Would change on localhost:\n  - Write the marker file\n      --- before\n")
                .contains("      @@ line 1 @@\n      +hello\n      +world\n")
                .contains("Cannot be predicted in check mode on localhost:\n"
                        + "  - Say something: Command would have run if not in check mode\n")
                // Module arguments (no_log ones among them) are never copied into the output.
                .doesNotContain("module_args", "invocation");
    }

    @Test
    void dryRunOfALoopShowsEachItemWithItsStateChange() {
        ExecutorResult result = read(ExecutorPhase.DRY_RUN, "cleanup-disk.yml", "localhost", "cleanup-check");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("dry run of cleanup-disk.yml on localhost: 1 task (Delete the old files) would change");
        assertThat(result.output())
                .contains("  - Delete the old files [/tmp/aiops-ansible-fixtures/old/a.log]\n"
                        + "      path: /tmp/aiops-ansible-fixtures/old/a.log\n"
                        + "      state: file -> absent\n")
                .doesNotContain("new.log");
    }

    @Test
    void realRunReportsWhatChanged() {
        ExecutorResult result = read(ExecutorPhase.EXECUTE, "touch.yml", "localhost", "run-changed");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("touch.yml on localhost: ok, 2 tasks (Write the marker file, Say something) changed");
        assertThat(result.output()).contains("Changed on localhost:\n  - Write the marker file\n");
    }

    @Test
    void rollbackIsNamedAsSuch() {
        ExecutorResult result = read(ExecutorPhase.ROLLBACK, "touch.yml", "localhost", "run-changed");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).startsWith("rollback touch.yml on localhost: ok, 2 tasks");
    }

    @Test
    void checkHoldsOnlyWhenNothingWouldChange() {
        ExecutorResult holds = read(ExecutorPhase.CHECK, "copy.yml", "localhost", "check-holds");
        assertThat(holds.succeeded()).isTrue();
        assertThat(holds.summary()).isEqualTo("check copy.yml on localhost: holds, nothing would change");

        ExecutorResult changes = read(ExecutorPhase.CHECK, "touch.yml", "localhost", "check-would-change");
        assertThat(changes.succeeded()).isFalse();
        assertThat(changes.summary()).isEqualTo("check touch.yml on localhost: does not hold, 1 task (Write the marker file) "
                + "would change; 1 task cannot be predicted in check mode (Say something)");
    }

    @Test
    void checkWithATaskCheckModeCannotPredictDoesNotHold() {
        ExecutorResult result = read(ExecutorPhase.CHECK, "touch.yml", "localhost", "check-no-change");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("check touch.yml on localhost: does not hold; "
                + "1 task cannot be predicted in check mode (Say something)");
    }

    @Test
    void failedTaskIsNamedWithItsMessage() {
        ExecutorResult result = read(ExecutorPhase.EXECUTE, "fail.yml", "localhost", "task-failed");

        assertThat(Fixtures.exit("task-failed")).isEqualTo(2);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("fail.yml on localhost: task 'This task fails' failed on localhost: the disk is on fire");
        assertThat(result.output()).contains("Failed on localhost:\n  - This task fails: the disk is on fire\n");
    }

    @Test
    void ignoredAndRescuedFailuresDoNotFailTheRun() {
        ExecutorResult result = read(ExecutorPhase.EXECUTE, "tolerated.yml", "localhost", "failures-tolerated");

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("tolerated.yml on localhost: ok, nothing changed");
        assertThat(result.output()).contains("ignored=1").contains("rescued=1")
                .contains("Failed on localhost:\n  - Ignored failure: ignore me\n  - Failure the rescue handles: rescue me\n");
    }

    @Test
    void unreachableHostIsSaidSo() {
        ExecutorResult result = read(ExecutorPhase.EXECUTE, "touch.yml", "ghost", "unreachable");

        assertThat(Fixtures.exit("unreachable")).isEqualTo(4);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("touch.yml on ghost: ghost is unreachable: Failed to connect to the host via ssh: "
                + "ssh: connect to host 127.0.0.1 port 1: Connection refused");
        assertThat(result.output()).contains("Unreachable on ghost:\n  - Write the marker file: Failed to connect");
    }

    @Test
    void exitZeroWithNoHostTouchedIsAFailure() {
        ExecutorResult result = read(ExecutorPhase.EXECUTE, "web.yml", "localhost", "no-host-matched");

        assertThat(Fixtures.exit("no-host-matched")).isZero();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("web.yml on localhost: the playbook matched no host: no play of it targets localhost");
    }

    @Test
    void limitMatchingNothingIsExitOne() {
        ExecutorResult result = read(ExecutorPhase.EXECUTE, "touch.yml", "nosuch", "limit-matched-nothing");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("touch.yml on nosuch: the limit matched no host of the inventory (exit 1): "
                + "ERROR! Specified inventory, host pattern and/or --limit leaves us with no hosts to target.");
    }

    @Test
    void playbookThatDoesNotParseIsExitFourWithoutReport() {
        ExecutorResult result = read(ExecutorPhase.DRY_RUN, "broken.yml", "localhost", "syntax-error");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("dry run of broken.yml on localhost: ansible-playbook could not load the playbook "
                + "or reach any host (exit 4): ERROR! We were unable to read either as JSON nor YAML, these are the errors "
                + "we got from each:");
        assertThat(result.output()).contains("stderr:\nERROR! We were unable").contains("line 4, column 5");
    }

    @Test
    void timeoutAndKillAreSaidSo() {
        ExecutorResult timedOut = ResultReader.read(run(ExecutorPhase.EXECUTE, "hang.yml", "web-01"), Duration.ofSeconds(90),
                124, "", "");
        assertThat(timedOut.succeeded()).isFalse();
        assertThat(timedOut.summary()).isEqualTo("hang.yml on web-01: did not finish within its timeout of 1m30s and was stopped with its "
                + "worker processes; a task on the host may have been left half done");

        ExecutorResult killed = ResultReader.read(run(ExecutorPhase.EXECUTE, "hang.yml", "web-01"), LIMIT, 137, "", "");
        assertThat(killed.summary()).contains("was killed (exit 137)");
    }

    @Test
    void missingExecutableAndMissingJsonCallback() {
        ExecutorResult notFound = ResultReader.read(run(ExecutorPhase.EXECUTE, "a.yml", "web-01"), LIMIT, 127, "",
                "/usr/bin/env: 'ansible-playbook': No such file or directory");
        assertThat(notFound.summary()).isEqualTo("a.yml on web-01: ansible-playbook could not be started (exit 127): "
                + "install Ansible or set aiops.remediation.ansible.executable");

        ExecutorResult plainText = ResultReader.read(run(ExecutorPhase.EXECUTE, "a.yml", "web-01"), LIMIT, 0,
                "PLAY [all] ****\n\nPLAY RECAP ****\nweb-01 : ok=1 changed=0\n", "");
        assertThat(plainText.succeeded()).isFalse();
        assertThat(plainText.summary()).contains("printed no JSON result: is the ansible.posix collection installed");
    }

    @Test
    void otherExitCodesQuoteTheErrorLine() {
        ExecutorResult result = ResultReader.read(run(ExecutorPhase.EXECUTE, "a.yml", "web-01"), LIMIT, 5, "",
                "[WARNING]: something\nERROR! the option is bad\n");
        assertThat(result.summary()).isEqualTo("a.yml on web-01: ansible-playbook failed (exit 5): ERROR! the option is bad");
    }

    @Test
    void humanDurations() {
        assertThat(ResultReader.human(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(ResultReader.human(Duration.ofMillis(2500))).isEqualTo("2.5s");
    }
}
