package io.aiopshub.remediation.ansible;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ansible executor, {@code aiops.remediation.ansible.*} (defaults documented in
 * application.yml).
 *
 * @param inventory           the inventory file, directory or script given to {@code -i}; empty means the
 *                            executor is not configured and answers every phase with a failure
 * @param playbookDir         the only directory playbooks are taken from; also the working directory of
 *                            every run, so an {@code ansible.cfg} there applies
 * @param executable          {@code ansible-playbook}, a name on PATH or an absolute path
 * @param inventoryExecutable {@code ansible-inventory}, asked for the inventory's host names before a run
 * @param envExecutable       runs the Ansible commands with the environment variables the executor sets
 *                            (camel-exec has no environment option)
 * @param timeoutExecutable   coreutils {@code timeout}: stops Ansible together with its worker processes
 *                            (a signal to ansible-playbook alone leaves its workers running)
 * @param killAfter           how long a stopped Ansible may take to exit before it is killed
 * @param inventoryTimeout    longest wait for the inventory's host names (still within the request's timeout)
 * @param tempDir             where the private directory of a run's extra-vars file is made; empty: the
 *                            system's temporary directory
 */
@ConfigurationProperties("aiops.remediation.ansible")
public record AnsibleProperties(
        @DefaultValue("") String inventory,
        @DefaultValue("playbooks") String playbookDir,
        @DefaultValue("ansible-playbook") String executable,
        @DefaultValue("ansible-inventory") String inventoryExecutable,
        @DefaultValue("/usr/bin/env") String envExecutable,
        @DefaultValue("/usr/bin/timeout") String timeoutExecutable,
        @DefaultValue("10s") Duration killAfter,
        @DefaultValue("30s") Duration inventoryTimeout,
        @DefaultValue("") String tempDir) {

    public boolean configured() {
        return inventory != null && !inventory.isBlank();
    }

    public Path inventoryPath() {
        return Path.of(inventory).toAbsolutePath().normalize();
    }

    public Path playbookPath() {
        return Path.of(playbookDir).toAbsolutePath().normalize();
    }

    public Path tempPath() {
        return Path.of(tempDir == null || tempDir.isBlank() ? System.getProperty("java.io.tmpdir") : tempDir);
    }
}
