package io.aiopshub.remediation.ansible;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.aiopshub.remediation.ansible.PlaybookReport.HostStats;
import io.aiopshub.remediation.ansible.PlaybookReport.TaskResult;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * Reads how an ansible-playbook run went: from the JSON report first, the exit code second (0 also
 * means "no play targeted the host"; 4 is an unreachable host or a playbook that does not parse).
 * The summary is one line for the timeline; the output lists per host what changed (or would), with
 * diffs, what failed and what was unreachable, then stderr.
 */
final class ResultReader {

    static final int TIMED_OUT = 124;
    static final int KILLED = 137;
    private static final int MAX_NAMES = 3;

    private ResultReader() {
    }

    /** @param timeout the phase's timeout, named when it passed */
    static ExecutorResult read(AnsibleInvocation run, Duration timeout, int exit, String stdout, String stderr) {
        Optional<PlaybookReport> report = PlaybookReport.parse(stdout);
        String output = output(run, exit, report.orElse(null), stderr);
        String title = run.title();
        if (exit == TIMED_OUT) {
            return ExecutorResult.failure(title + ": did not finish within its timeout of " + human(timeout)
                    + " and was stopped with its worker processes; a task on the host may have been left half done", output);
        }
        if (exit == KILLED) {
            return ExecutorResult.failure(title + ": ansible-playbook was killed (exit 137): it did not stop after its "
                    + "timeout, or the system killed it", output);
        }
        if (exit == 126 || exit == 127) {
            return ExecutorResult.failure(title + ": ansible-playbook could not be started (exit " + exit
                    + "): install Ansible or set aiops.remediation.ansible.executable", output);
        }
        if (report.isEmpty()) {
            return ExecutorResult.failure(title + ": " + withoutReport(exit, stderr), output);
        }
        PlaybookReport r = report.get();
        List<String> problems = new ArrayList<>();
        byHost(r).forEach((host, entries) -> {
            // The recap decides: a failure that ignore_errors or a rescue block absorbed is not one.
            HostStats stats = r.stats().get(host);
            if (stats == null) {
                return;
            }
            if (stats.unreachable() > 0) {
                problems.add(host + " is unreachable: " + entries.stream().filter(e -> e.result.unreachable())
                        .reduce((first, last) -> last).map(e -> oneLine(e.result.message())).orElse("no message"));
            }
            if (stats.failures() > 0) {
                problems.add(entries.stream().filter(e -> e.result.failed() && !e.result.unreachable())
                        .reduce((first, last) -> last)
                        .map(e -> "task '" + e.name() + "' failed on " + host + ": " + oneLine(e.result.message()))
                        .orElse("a task failed on " + host));
            }
        });
        if (!problems.isEmpty()) {
            return ExecutorResult.failure(title + ": " + String.join("; ", problems), output);
        }
        if (exit != 0) {
            return ExecutorResult.failure(title + ": ansible-playbook failed (exit " + exit + "): " + errorLine(stderr), output);
        }
        if (r.stats().values().stream().noneMatch(HostStats::touched)) {
            return ExecutorResult.failure(title + ": the playbook matched no host: no play of it targets " + run.limit(), output);
        }
        return succeeded(run, r, output);
    }

    private static ExecutorResult succeeded(AnsibleInvocation run, PlaybookReport r, String output) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> unpredictable = new LinkedHashSet<>();
        byHost(r).values().forEach(entries -> entries.forEach(e -> {
            if (e.result.changed()) {
                changed.add(e.result.task());
            } else if (run.checkMode() && unpredictable(e.result)) {
                unpredictable.add(e.result.task());
            }
        }));
        String title = run.title();
        String changes = count(changed) + " (" + names(changed) + ")";
        String unknown = unpredictable.isEmpty() ? ""
                : "; " + count(unpredictable) + " cannot be predicted in check mode (" + names(unpredictable) + ")";
        return switch (run.phase()) {
            case DRY_RUN -> ExecutorResult.success(title + ": "
                    + (changed.isEmpty() ? "nothing would change" : changes + " would change") + unknown, output);
            case CHECK -> changed.isEmpty() && unpredictable.isEmpty()
                    ? ExecutorResult.success(title + ": holds, nothing would change", output)
                    : ExecutorResult.failure(title + ": does not hold"
                            + (changed.isEmpty() ? "" : ", " + changes + " would change") + unknown, output);
            default -> ExecutorResult.success(title + ": ok, "
                    + (changed.isEmpty() ? "nothing changed" : changes + " changed"), output);
        };
    }

    private static String withoutReport(int exit, String stderr) {
        String error = errorLine(stderr);
        if (exit == 1 && (stderr.contains("no hosts to target") || stderr.contains("Could not match supplied host pattern"))) {
            return "the limit matched no host of the inventory (exit 1): " + error;
        }
        if (exit == 4) {
            return "ansible-playbook could not load the playbook or reach any host (exit 4): " + error;
        }
        if (exit == 0) {
            return "ansible-playbook printed no JSON result: is the ansible.posix collection installed "
                    + "(ANSIBLE_STDOUT_CALLBACK=ansible.posix.json)?";
        }
        return "ansible-playbook failed (exit " + exit + "): " + error;
    }

    private static String output(AnsibleInvocation run, int exit, PlaybookReport report, String stderr) {
        StringBuilder out = new StringBuilder();
        out.append("ansible-playbook ").append(run.playbookName()).append(" --limit ").append(run.limit())
                .append(run.checkMode() ? " --check --diff" : "").append(" (exit ").append(exit).append(")\n");
        if (report != null) {
            out.append("\nRecap:\n");
            report.stats().forEach((host, s) -> out.append(String.format(Locale.ROOT,
                    "  %s: ok=%d changed=%d unreachable=%d failed=%d skipped=%d rescued=%d ignored=%d%n",
                    host, s.ok(), s.changed(), s.unreachable(), s.failures(), s.skipped(), s.rescued(), s.ignored())));
            byHost(report).forEach((host, entries) -> {
                section(out, (run.checkMode() ? "Would change" : "Changed") + " on " + host,
                        entries.stream().filter(e -> e.result.changed() && !e.result.failed()).toList(), true);
                if (run.checkMode()) {
                    section(out, "Cannot be predicted in check mode on " + host,
                            entries.stream().filter(e -> unpredictable(e.result)).toList(), false);
                }
                section(out, "Failed on " + host,
                        entries.stream().filter(e -> e.result.failed() && !e.result.unreachable()).toList(), false);
                section(out, "Unreachable on " + host, entries.stream().filter(e -> e.result.unreachable()).toList(), false);
            });
        }
        if (stderr != null && !stderr.isBlank()) {
            out.append("\nstderr:\n").append(stderr.strip()).append('\n');
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String heading, List<Entry> entries, boolean diffs) {
        if (entries.isEmpty()) {
            return;
        }
        out.append('\n').append(heading).append(":\n");
        for (Entry e : entries) {
            out.append("  - ").append(e.name());
            if (!diffs && e.result.message() != null && !e.result.message().isBlank()) {
                out.append(": ").append(oneLine(e.result.message()));
            }
            out.append('\n');
            if (!diffs && e.result.stderr() != null && !e.result.stderr().isBlank()) {
                e.result.stderr().lines().forEach(line -> out.append("      ").append(line).append('\n'));
            }
            if (diffs) {
                e.result.diffs().forEach(diff -> DiffText.render(diff)
                        .forEach(line -> out.append("      ").append(line).append('\n')));
            }
        }
    }

    /** A task skipped because its module cannot run in check mode ("would have run if not in check mode"). */
    private static boolean unpredictable(TaskResult result) {
        return result.skipped() && result.message() != null && result.message().contains("check mode");
    }

    /** Per host, every result to show: a loop's items instead of the loop itself. */
    private static Map<String, List<Entry>> byHost(PlaybookReport report) {
        Map<String, List<Entry>> hosts = new LinkedHashMap<>();
        report.stats().keySet().forEach(host -> hosts.put(host, new ArrayList<>()));
        for (TaskResult result : report.results()) {
            List<Entry> entries = hosts.computeIfAbsent(result.host(), h -> new ArrayList<>());
            if (result.items().isEmpty()) {
                entries.add(new Entry(result));
            } else {
                result.items().forEach(item -> entries.add(new Entry(item)));
            }
        }
        return hosts;
    }

    private record Entry(TaskResult result) {
        String name() {
            return result.label() == null ? result.task() : result.task() + " [" + result.label() + "]";
        }
    }

    private static String count(Set<String> tasks) {
        return tasks.size() + (tasks.size() == 1 ? " task" : " tasks");
    }

    private static String names(Set<String> tasks) {
        List<String> shown = tasks.stream().limit(MAX_NAMES).toList();
        return String.join(", ", shown) + (tasks.size() > MAX_NAMES ? ", ..." : "");
    }

    /** The line of stderr that says what went wrong: Ansible's "ERROR!" line, else the last line. */
    static String errorLine(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "no error output";
        }
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String line = lines.stream().filter(l -> l.startsWith("ERROR!")).findFirst().orElse(lines.get(lines.size() - 1));
        return oneLine(line);
    }

    private static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "no message";
        }
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
