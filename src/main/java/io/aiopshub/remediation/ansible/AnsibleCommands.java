package io.aiopshub.remediation.ansible;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the argument lists of the Ansible commands. Each runs as
 * {@code timeout --kill-after=K SECONDS env VAR=value... ansible-xxx args}: {@code timeout} puts Ansible
 * and its forked workers in one process group and stops them all at the limit (camel-exec's own
 * timeout signals only the process it started, and a worker running a task would carry on);
 * {@code env} sets the variables, since camel-exec has no environment option.
 */
final class AnsibleCommands {

    /**
     * The JSON stdout callback gives the results to read; host key checking is set on so that neither the
     * hub's environment nor an ansible.cfg can turn it off; no retry files next to the playbooks; no colour
     * codes in the output.
     */
    static final List<String> ENVIRONMENT = List.of(
            "ANSIBLE_STDOUT_CALLBACK=ansible.posix.json",
            "ANSIBLE_HOST_KEY_CHECKING=True",
            "ANSIBLE_RETRY_FILES_ENABLED=false",
            "ANSIBLE_NOCOLOR=1");
    private static final Duration EXEC_BACKSTOP = Duration.ofSeconds(5);

    private final AnsibleProperties properties;

    AnsibleCommands(AnsibleProperties properties) {
        this.properties = properties;
    }

    /** {@code ansible-inventory -i INVENTORY --list}: the inventory's host and group names. */
    AnsibleCommand inventory(Duration limit) {
        return wrapped(limit, properties.inventoryExecutable(),
                List.of("-i", properties.inventoryPath().toString(), "--list"));
    }

    /**
     * {@code ansible-playbook -i INVENTORY PLAYBOOK --limit HOST [-e @FILE] [--check --diff]}.
     *
     * @param extraVarsFile the JSON file of the extra vars, {@code null} when there are none
     */
    AnsibleCommand playbook(AnsibleInvocation invocation, Path extraVarsFile, Duration limit) {
        List<String> args = new ArrayList<>(List.of(
                "-i", properties.inventoryPath().toString(),
                invocation.playbook().toString(),
                "--limit", invocation.limit()));
        if (extraVarsFile != null) {
            args.add("-e");
            args.add("@" + extraVarsFile);
        }
        if (invocation.checkMode()) {
            args.add("--check");
            args.add("--diff");
        }
        return wrapped(limit, properties.executable(), args);
    }

    private AnsibleCommand wrapped(Duration limit, String executable, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add("--kill-after=" + seconds(properties.killAfter()));
        all.add(seconds(limit));
        all.add(properties.envExecutable());
        all.addAll(ENVIRONMENT);
        all.add(executable);
        all.addAll(args);
        Duration execTimeout = limit.plus(properties.killAfter()).plus(EXEC_BACKSTOP);
        return new AnsibleCommand(properties.timeoutExecutable(), all, limit, execTimeout);
    }

    /** coreutils' duration form, to the millisecond: {@code 300s}, {@code 2.5s}. */
    static String seconds(Duration duration) {
        long millis = Math.max(1, duration.toMillis());
        return millis % 1000 == 0
                ? (millis / 1000) + "s"
                : String.format(Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
    }
}
