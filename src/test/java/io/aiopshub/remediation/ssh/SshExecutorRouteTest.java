package io.aiopshub.remediation.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The ssh executor route (routes/remediation-executor-ssh.yaml) against a real SSH server in process: the
 * exact command lines the server received, the files they made, exit values, stderr, host keys and timeouts.
 */
class SshExecutorRouteTest {

    private static final String ROUTE = "routes/remediation-executor-ssh.yaml";
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String CATALOG = """
            version: 1
            actions:
              - id: touch_file
                description: Create a file on the host.
                risk: low
                executor: ssh
                requires_approval: true
                parameters:
                  host: {type: string, required: true, description: host, pattern: "[A-Za-z0-9.-]+"}
                  file: {type: string, required: true, description: file to create}
                target: "{host}"
                run:
                  host: "{host}"
                  command: "touch {file}"
                timeout: 30s
                verify:
                  description: the file exists
                  check:
                    command: "test -f {file}"
                rollback:
                  command: "rm -f {file}"
              - id: run_script
                description: Run a shell script on the host.
                risk: high
                executor: ssh
                requires_approval: true
                parameters:
                  host: {type: string, required: true, description: host}
                  script: {type: string, required: true, description: the script}
                target: "{host}"
                run:
                  host: "{host}"
                  command: "sh -c {script}"
              - id: wait
                description: Sleep on the host.
                risk: low
                executor: ssh
                requires_approval: true
                parameters:
                  host: {type: string, required: true, description: host}
                  seconds: {type: integer, required: true, description: how long}
                target: "{host}"
                run:
                  host: "{host}"
                  command: "sleep {seconds}"
            """;

    @TempDir
    static Path dir;
    private static final KeyPair CLIENT_KEY = TestSshServer.ed25519KeyPair();
    private static final ActionCatalog ACTIONS = ActionCatalog.load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
    private static TestSshServer server;
    private static Path work;
    private static Path knownHosts;
    private static SshProperties properties;
    private static DefaultCamelContext camel;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createDirectories(dir.resolve("work"));
        server = new TestSshServer(work, CLIENT_KEY.getPublic());
        knownHosts = dir.resolve("known_hosts");
        properties = configured(writeKey(dir.resolve("id_ed25519"), CLIENT_KEY, PASSPHRASE), PASSPHRASE);
        camel = context(properties);
        producer = camel.createProducerTemplate();
        // the first SSH connection of a JVM is slow (providers, key exchange code): not inside a timed test
        knownHost();
        assertThat(call(ExecutorPhase.DRY_RUN, "touch_file", Map.of("host", "127.0.0.1", "file", "warm-up"),
                Duration.ofSeconds(30), Map.of()).succeeded()).isTrue();
    }

    @AfterAll
    static void stop() throws IOException {
        camel.close();
        server.close();
    }

    @BeforeEach
    void reset() throws IOException {
        knownHost();
    }

    private static void knownHost() throws IOException {
        server.reset(CLIENT_KEY.getPublic());
        Files.writeString(knownHosts, "[10.9.9.9]:22 " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                TestSshServer.ed25519KeyPair().getPublic()) + "\n" + server.knownHostsLine(server.hostKey().getPublic()) + "\n");
    }

    @Test
    void executeRunsTheQuotedCommandWrappedInTimeout() {
        Path file = work.resolve("it's made");

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(30), Map.of());

        String sent = "timeout 30 touch '" + file.toString().replace("'", "'\\''") + "'";
        assertThat(server.commands()).containsExactly(sent);
        assertThat(file).exists();
        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("run `" + sent + "` on aiops@127.0.0.1:" + server.port() + " succeeded (exit 0)");
        assertThat(result.output()).contains("$ " + sent).contains("matches known_hosts line 2").contains("exit 0");
        assertThat(result.state()).containsEntry("ssh.host-key.127.0.0.1:" + server.port(), fingerprint());
    }

    @Test
    void aFailingCommandReportsItsExitValueAndStderr() {
        ExecutorResult result = call(ExecutorPhase.EXECUTE, "run_script",
                Map.of("host", "127.0.0.1", "script", "echo partly done; echo 'disk is full' >&2; exit 3"),
                Duration.ofSeconds(20), Map.of());

        assertThat(server.commands()).containsExactly("timeout 20 sh -c 'echo partly done; echo '\\''disk is full'\\'' >&2; exit 3'");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).endsWith("failed (exit 3): disk is full");
        assertThat(result.output()).contains("exit 3").contains("--- stdout\npartly done\n").contains("--- stderr\ndisk is full\n");
    }

    @Test
    void aCommandThatHangsIsEndedByTimeoutOnTheHost() {
        long start = System.nanoTime();

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "wait", Map.of("host", "127.0.0.1", "seconds", 60),
                Duration.ofSeconds(2), Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(server.commands()).containsExactly("timeout 2 sleep '60'");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("timed out after 2s").contains("exit 124");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHostThatStopsAnsweringIsGivenUpAtOurDeadline() {
        server.unresponsive();
        long start = System.nanoTime();

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "wait", Map.of("host", "127.0.0.1", "seconds", 60),
                Duration.ofSeconds(1), Map.of());

        // the action's 1 s plus the 2 s grace of the test configuration
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(8));
        assertThat(server.commands()).containsExactly("timeout 1 sleep '60'");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("timed out after 1s").contains("stopped answering");
    }

    @Test
    void dryRunShowsCommandDestinationAndHostKeyAndRunsNothing() {
        Path file = work.resolve("dry");

        ExecutorResult result = call(ExecutorPhase.DRY_RUN, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(10), Map.of());

        // as EXECUTE will send it: with the action's timeout (30s), not the dry run's own limit
        String command = "timeout 30 touch '" + file + "'";
        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("would run `" + command + "` as aiops@127.0.0.1:" + server.port()
                + "; host key of 127.0.0.1:" + server.port() + " (ssh-ed25519 " + fingerprint()
                + ") matches known_hosts line 2");
        assertThat(result.output())
                .contains("nothing was run")
                .contains("run on aiops@127.0.0.1:" + server.port() + ":\n  " + command)
                .contains("verify check on aiops@127.0.0.1:" + server.port() + ": test -f '" + file + "'")
                .contains("rollback on aiops@127.0.0.1:" + server.port() + ": rm -f '" + file + "'");
        assertThat(result.state()).containsEntry("ssh.host-key.127.0.0.1:" + server.port(), fingerprint());
        assertThat(server.commands()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void anUnknownHostFailsWithTheFingerprintItPresents() throws IOException {
        Files.writeString(knownHosts, "[10.9.9.9]:22 " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                server.hostKey().getPublic()) + "\n");
        Path file = work.resolve("unknown");

        ExecutorResult execute = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(30), Map.of());
        ExecutorResult dryRun = call(ExecutorPhase.DRY_RUN, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(30), Map.of());

        assertThat(execute.succeeded()).isFalse();
        assertThat(execute.summary()).contains("was not run")
                .contains("host key of 127.0.0.1:" + server.port() + " is unknown: the host presents ssh-ed25519 " + fingerprint());
        assertThat(dryRun.succeeded()).isFalse();
        assertThat(dryRun.summary()).contains("is unknown").contains(fingerprint());
        assertThat(server.commands()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void aChangedHostKeyFailsNamingBothFingerprints() throws IOException {
        KeyPair other = TestSshServer.ed25519KeyPair();
        Files.writeString(knownHosts, server.knownHostsLine(other.getPublic()) + "\n");
        Path file = work.resolve("changed");

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(30), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("host key of 127.0.0.1:" + server.port() + " does not match known_hosts: the host presents ssh-ed25519 "
                + fingerprint() + ", line 1 of " + knownHosts + " has ssh-ed25519 " + KnownHosts.fingerprint(other.getPublic()));
        assertThat(server.commands()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void camelSshRefusesAHostKeyThatChangesAfterThePreflight() {
        KeyPair impostor = TestSshServer.ed25519KeyPair();
        server.hostKeyOfSession(n -> n == 0 ? server.hostKey() : impostor);
        Path file = work.resolve("impostor");

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(30), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("was not run").contains("closed the session during the key exchange");
        assertThat(server.commands()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void aHostWithAnEcdsaKeyTooIsCheckedWithItsEd25519Key() throws Exception {
        server.alsoOffer(org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256));
        Path file = work.resolve("ecdsa too");

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(30), Map.of());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.output()).contains("(ssh-ed25519 " + fingerprint() + ") matches known_hosts");
        assertThat(file).exists();
    }

    @Test
    void aHostKeyOtherThanTheDryRunsIsRefused() {
        String shownToTheApprover = KnownHosts.fingerprint(TestSshServer.ed25519KeyPair().getPublic());

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", work.resolve("pinned").toString()),
                Duration.ofSeconds(30), Map.of("ssh.host-key.127.0.0.1:" + server.port(), shownToTheApprover));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("changed since the dry run: it was " + shownToTheApprover)
                .contains("now the host presents ssh-ed25519 " + fingerprint());
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void aRefusedLoginIsAnAnswer() {
        server.reset(TestSshServer.ed25519KeyPair().getPublic());

        ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "127.0.0.1", "file", work.resolve("refused").toString()),
                Duration.ofSeconds(30), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("login refused for aiops@127.0.0.1");
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void anUnreachableHostIsAnAnswer() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        properties.getPorts().put("localhost", closedPort);
        try {
            ExecutorResult result = call(ExecutorPhase.EXECUTE, "touch_file", Map.of("host", "localhost", "file", "x"),
                    Duration.ofSeconds(30), Map.of());

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).startsWith("run `timeout 30 touch 'x'` on aiops@localhost:" + closedPort + " was not run: cannot connect to localhost:" + closedPort);
        } finally {
            properties.getPorts().remove("localhost");
        }
    }

    @Test
    void checkHoldsOnlyWhenItsCommandExitsZero() throws IOException {
        Path file = work.resolve("checked");
        Map<String, Object> parameters = Map.of("host", "127.0.0.1", "file", file.toString());

        ExecutorResult missing = call(ExecutorPhase.CHECK, "touch_file", parameters, Duration.ofSeconds(10), Map.of());
        Files.writeString(file, "x");
        ExecutorResult present = call(ExecutorPhase.CHECK, "touch_file", parameters, Duration.ofSeconds(10), Map.of());

        assertThat(server.commands()).containsExactly("timeout 10 test -f '" + file + "'", "timeout 10 test -f '" + file + "'");
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.summary()).endsWith("does not hold (exit 1)");
        assertThat(present.succeeded()).isTrue();
        assertThat(present.summary()).startsWith("verify check `timeout 10 test -f '").endsWith("holds (exit 0)");
    }

    @Test
    void rollbackRunsTheDeclaredCommand() throws IOException {
        Path file = Files.writeString(work.resolve("rolled back"), "x");

        ExecutorResult result = call(ExecutorPhase.ROLLBACK, "touch_file", Map.of("host", "127.0.0.1", "file", file.toString()),
                Duration.ofSeconds(15), Map.of());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(server.commands()).containsExactly("timeout 15 rm -f '" + file + "'");
        assertThat(file).doesNotExist();
    }

    @Test
    void phasesWithNothingDeclaredOrToDoAnswerWithoutConnecting() {
        Map<String, Object> parameters = Map.of("host", "127.0.0.1", "script", "true");

        ExecutorResult prepare = call(ExecutorPhase.PREPARE, "run_script", parameters, Duration.ofSeconds(5), Map.of());
        ExecutorResult check = call(ExecutorPhase.CHECK, "run_script", parameters, Duration.ofSeconds(5), Map.of());
        ExecutorResult rollback = call(ExecutorPhase.ROLLBACK, "run_script", parameters, Duration.ofSeconds(5), Map.of());

        assertThat(prepare.succeeded()).isTrue();
        assertThat(prepare.summary()).isEqualTo("nothing to prepare for an ssh action");
        assertThat(check.succeeded()).isFalse();
        assertThat(check.summary()).isEqualTo("this action declares no check");
        assertThat(rollback.succeeded()).isFalse();
        assertThat(rollback.summary()).isEqualTo("this action declares no rollback");
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void notConfiguredAnswersEveryPhaseWithTheSettingsToSet() throws Exception {
        try (DefaultCamelContext unconfigured = context(new SshProperties())) {
            ProducerTemplate template = unconfigured.createProducerTemplate();
            for (ExecutorPhase phase : ExecutorPhase.values()) {
                ExecutorResult result = template.requestBody("direct:executor-ssh",
                        request(phase, "touch_file", Map.of("host", "127.0.0.1", "file", "x"), Duration.ofSeconds(5), Map.of()),
                        ExecutorResult.class);
                assertThat(result.succeeded()).isFalse();
                assertThat(result.summary()).isEqualTo("ssh executor is not configured: set aiops.remediation.ssh.private-key-file"
                        + " and aiops.remediation.ssh.known-hosts-file");
            }
        }
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void aWrongPassphraseFailsTheDryRunWithoutShowingIt() throws Exception {
        SshProperties wrong = configured(Path.of(properties.getPrivateKeyFile()), "not the passphrase");
        try (DefaultCamelContext context = context(wrong)) {
            ExecutorResult result = context.createProducerTemplate().requestBody("direct:executor-ssh",
                    request(ExecutorPhase.DRY_RUN, "touch_file", Map.of("host", "127.0.0.1", "file", "x"), Duration.ofSeconds(5), Map.of()),
                    ExecutorResult.class);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).startsWith("cannot read the private key file " + properties.getPrivateKeyFile())
                    .doesNotContain("not the passphrase");
        }
        assertThat(server.commands()).isEmpty();
    }

    private static ExecutorResult call(ExecutorPhase phase, String action, Map<String, Object> parameters, Duration timeout,
                                       Map<String, String> state) {
        return producer.requestBody("direct:executor-ssh", request(phase, action, parameters, timeout, state), ExecutorResult.class);
    }

    private static ExecutorRequest request(ExecutorPhase phase, String action, Map<String, Object> parameters, Duration timeout,
                                           Map<String, String> state) {
        ActionDefinition definition = ACTIONS.get(action).orElseThrow();
        assertThat(ACTIONS.validateParameters(action, parameters)).isEmpty();
        return new ExecutorRequest("run-1", phase, definition, parameters, state, timeout);
    }

    private static String fingerprint() {
        return KnownHosts.fingerprint(server.hostKey().getPublic());
    }

    private static SshProperties configured(Path keyFile, String passphrase) {
        SshProperties configured = new SshProperties();
        configured.setPrivateKeyFile(keyFile.toString());
        configured.setPrivateKeyPassphrase(passphrase);
        configured.setKnownHostsFile(knownHosts.toString());
        configured.setPort(server.port());
        configured.setConnectTimeout(Duration.ofSeconds(5));
        configured.setDeadlineGrace(Duration.ofSeconds(2));
        return configured;
    }

    private static Path writeKey(Path file, KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(passphrase);
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        // bcrypt's default 16 rounds take seconds on a busy machine; the format is the same with fewer
        encryption.setKdfRounds(2);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "aiops test", encryption, out);
        }
        return file;
    }

    /** A Camel context with the route file and the executor's beans, as the hub wires them. */
    private static DefaultCamelContext context(SshProperties settings) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        SshCallWatch watch = new SshCallWatch();
        SshIdentity identity = new SshIdentity(settings);
        context.getRegistry().bind("sshExecutorSteps", new SshExecutorSteps(settings, identity, watch));
        context.getRegistry().bind("sshExecutorKeys", (KeyPairProvider) identity::loadKeys);
        context.getRegistry().bind("sshExecutorClientBuilder", watch.clientBuilder());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("file:" + ROUTE, Files.readString(Path.of(ROUTE))));
        context.start();
        return context;
    }
}
