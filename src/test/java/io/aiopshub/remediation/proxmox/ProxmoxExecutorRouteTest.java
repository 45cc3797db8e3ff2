package io.aiopshub.remediation.proxmox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.executor.ExecutorPhase;
import io.aiopshub.remediation.executor.ExecutorRequest;
import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * The executor route from {@code routes/remediation-executor-proxmox.yaml} with the shipped catalog, against
 * WireMock as a Proxmox VE API over HTTPS (a certificate made for the run, trusted through {@code ca-file}: TLS
 * is verified in every test), answering in the API's own {@code {"data": ...}} shapes.
 */
class ProxmoxExecutorRouteTest {

    static final String TOKEN_ID = "aiops@pve!hub";
    static final String SECRET = "5f0c2b9e-7d41-4c1a-9e3b-8a6d2f1c0b7e";
    static final String RUN_ID = "3f2a9c0d-1e2b-4c5d-8e9f-0a1b2c3d4e5f";
    static final String SNAPSHOT = "aiops-3f2a9c0d1e2b";
    static final String VM_UPID = "UPID:pve-01:0003A5C2:0B6E5E44:6735B1C2:qmreboot:104:aiops@pve!hub:";
    static final String CT_UPID = "UPID:pve-02:00041F0A:0B6E6001:6735B1D0:vzshutdown:105:aiops@pve!hub:";

    static Path dir;
    static SelfSignedCertificate certificate;
    static WireMockServer proxmox;
    static final ActionCatalog CATALOG = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));

    /** The executor as the hub wires it from the settings of {@link #configured()}; other settings get their own. */
    static DefaultCamelContext camel;

    private final List<ExecutorResult> results = new ArrayList<>();

    @BeforeAll
    static void startFakeProxmox() throws Exception {
        dir = Files.createTempDirectory("proxmox-executor");
        certificate = SelfSignedCertificate.create(dir);
        proxmox = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(certificate.keyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(certificate.password()).keyManagerPassword(certificate.password()));
        proxmox.start();
        camel = executor(configured());
    }

    @AfterAll
    static void stopFakeProxmox() throws Exception {
        camel.close();
        proxmox.stop();
    }

    @BeforeEach
    void reset() {
        proxmox.resetAll();
    }

    @AfterEach
    void secretNeverLeaves() {
        assertThat(results).allSatisfy(r -> {
            assertThat(r.summary()).doesNotContain(SECRET);
            assertThat(r.output()).doesNotContain(SECRET);
            assertThat(r.state().toString()).doesNotContain(SECRET);
        });
    }

    // --- DRY_RUN ---------------------------------------------------------------------------------------

    @Test
    void dryRunReadsTheStatusAndSaysWhatTheRebootWillChange() {
        stubStatus("/nodes/pve-01/qemu/104", "running", "web-01");
        ExecutorResult result = run(ExecutorPhase.DRY_RUN, "proxmox_vm_restart", vm104(), Map.of());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("vm 104 (web-01) on pve-01 is running; reboot will restart it (clean shutdown"
                + " through ACPI or the guest agent, then start, waiting up to 180 s for the guest); snapshot " + SNAPSHOT
                + " is taken first, so a failed verify can roll back to it");
        assertThat(result.output()).contains("GET /nodes/pve-01/qemu/104/status/current", "\"status\":\"running\"");
        assertThat(requests()).containsExactly("GET /api2/json/nodes/pve-01/qemu/104/status/current ");
        assertAuthorizedWithToken();
    }

    @Test
    void dryRunOfAContainerShutdownSaysThereIsNothingToDoWhenItIsStopped() {
        stubStatus("/nodes/pve-02/lxc/105", "stopped", "db-01");
        ExecutorResult result = run(ExecutorPhase.DRY_RUN, "proxmox_ct_shutdown", ct105(), Map.of());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("ct 105 (db-01) on pve-02 is stopped; it is already stopped: shutdown has nothing to do");
        assertThat(requests()).containsExactly("GET /api2/json/nodes/pve-02/lxc/105/status/current ");
    }

    @Test
    void dryRunOfASnapshotRollbackLooksForTheSnapshot() {
        stubStatus("/nodes/pve-01/qemu/104", "running", "web-01");
        proxmox.stubFor(get(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/snapshot")).willReturn(okJson("""
                {"data":[{"name":"weekly","snaptime":1731000000,"description":""},
                         {"name":"current","running":1,"digest":"abc","description":"You are here!"}]}""")));
        ExecutorResult result = run(ExecutorPhase.DRY_RUN, "proxmox_snapshot_rollback",
                Map.of("node", "pve-01", "vmid", 104, "type", "qemu", "snapname", "before_upgrade"), Map.of());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("vm 104 (web-01) on pve-01 is running; rollback will return its disks and"
                + " configuration to snapshot before_upgrade, discarding every change since (the running guest is stopped"
                + " for it); but there is no snapshot before_upgrade (it has weekly): the rollback would fail");
        assertThat(requests()).containsExactly("GET /api2/json/nodes/pve-01/qemu/104/status/current ",
                "GET /api2/json/nodes/pve-01/qemu/104/snapshot ");
    }

    // --- PREPARE ---------------------------------------------------------------------------------------

    @Test
    void prepareTakesTheRollbackSnapshotAndWaitsForItsTask() {
        String upid = "UPID:pve-01:0003A600:0B6E5F00:6735B1C0:qmsnapshot:104:aiops@pve!hub:";
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/snapshot")).willReturn(okJson(upidAnswer(upid))));
        stubTask(upid, "OK");
        ExecutorResult result = run(ExecutorPhase.PREPARE, "proxmox_vm_restart", vm104(), Map.of());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("snapshot " + SNAPSHOT + " of vm 104 on pve-01 done (task " + upid + ")");
        assertThat(result.state()).containsEntry("snapshot", SNAPSHOT).containsEntry("upid", upid);
        assertThat(requests()).containsExactly(
                "POST /api2/json/nodes/pve-01/qemu/104/snapshot snapname=" + SNAPSHOT
                        + "&description=taken+by+aiops-hub+before+proxmox_vm_restart+%28run+" + RUN_ID + "%29",
                "GET " + taskPath(upid) + " ",
                "GET " + taskPath(upid) + " ");
        assertThat(proxmox.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Content-Type"))
                .isEqualTo("application/x-www-form-urlencoded");
        assertAuthorizedWithToken();
    }

    @Test
    void prepareHasNothingToDoWithoutARollback() {
        ExecutorResult result = run(ExecutorPhase.PREPARE, "proxmox_vm_start", vm104(), Map.of());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("nothing to prepare: proxmox_vm_start declares no rollback");
        assertThat(result.state()).isEmpty();
        assertThat(requests()).isEmpty();
    }

    // --- EXECUTE ---------------------------------------------------------------------------------------

    @Test
    void executeRebootsTheVmAndPollsItsTaskUntilItStopsWithOk() {
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/reboot")).willReturn(okJson(upidAnswer(VM_UPID))));
        stubTask(VM_UPID, "OK");
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_vm_restart", vm104(), Map.of());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("reboot of vm 104 on pve-01 done (task " + VM_UPID + ")");
        assertThat(result.state()).containsEntry("upid", VM_UPID);
        assertThat(result.output()).contains("task " + VM_UPID + ": stopped, exit status OK after 2 poll(s)");
        assertThat(requests()).containsExactly(
                "POST /api2/json/nodes/pve-01/qemu/104/status/reboot timeout=180",
                "GET /api2/json/nodes/pve-01/tasks/UPID%3Apve-01%3A0003A5C2%3A0B6E5E44%3A6735B1C2%3Aqmreboot%3A104%3Aaiops%40pve%21hub%3A/status ",
                "GET /api2/json/nodes/pve-01/tasks/UPID%3Apve-01%3A0003A5C2%3A0B6E5E44%3A6735B1C2%3Aqmreboot%3A104%3Aaiops%40pve%21hub%3A/status ");
        assertAuthorizedWithToken();
    }

    @Test
    void executeShutsTheContainerDownWithTimeoutAndForceStopAndAsksTheNodeTheUpidNames() {
        // The guest is addressed on pve-01, but the task runs on pve-02 (the UPID says so): its status lives there.
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/lxc/105/status/shutdown")).willReturn(okJson(upidAnswer(CT_UPID))));
        stubTask(CT_UPID, "OK");
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_ct_shutdown",
                Map.of("node", "pve-01", "vmid", 105), Map.of());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("shutdown of ct 105 on pve-01 done (task " + CT_UPID + ")");
        assertThat(requests()).containsExactly(
                "POST /api2/json/nodes/pve-01/lxc/105/status/shutdown forceStop=1&timeout=120",
                "GET " + taskPath(CT_UPID) + " ",
                "GET " + taskPath(CT_UPID) + " ");
        assertThat(taskPath(CT_UPID)).startsWith("/api2/json/nodes/pve-02/tasks/UPID%3Apve-02%3A");
    }

    @Test
    void startsRebootsAndStopsQemuAndLxcGuestsOnTheirPaths() {
        record Case(String action, Map<String, Object> parameters, String path) { }
        List<Case> cases = List.of(
                new Case("proxmox_vm_start", vm104(), "/nodes/pve-01/qemu/104/status/start"),
                new Case("proxmox_ct_start", ct105(), "/nodes/pve-02/lxc/105/status/start"),
                new Case("proxmox_ct_reboot", ct105(), "/nodes/pve-02/lxc/105/status/reboot"));
        for (Case c : cases) {
            proxmox.resetAll();
            String upid = "UPID:pve-02:00000001:00000002:00000003:task:" + c.parameters().get("vmid") + ":aiops@pve!hub:";
            proxmox.stubFor(post(urlEqualTo("/api2/json" + c.path())).willReturn(okJson(upidAnswer(upid))));
            stubTask(upid, "OK");
            ExecutorResult result = run(ExecutorPhase.EXECUTE, c.action(), c.parameters(), Map.of());
            assertThat(result.succeeded()).as(c.action() + ": " + result.summary()).isTrue();
            assertThat(requests()).as(c.action()).first().asString().startsWith("POST /api2/json" + c.path());
        }
    }

    @Test
    void aTaskThatStopsWithAnErrorExitStatusFailsAndSaysWhy() {
        String exit = "command 'lxc-start -F -n 105' failed: exit code 1";
        String upid = "UPID:pve-02:00041F0B:0B6E6002:6735B1D1:vzstart:105:aiops@pve!hub:";
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-02/lxc/105/status/start")).willReturn(okJson(upidAnswer(upid))));
        stubTask(upid, exit);
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_ct_start", ct105(), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("start of ct 105 on pve-02 failed: " + exit + " (task " + upid + ")");
    }

    @Test
    void warningsAreStillSuccess() {
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/reboot")).willReturn(okJson(upidAnswer(VM_UPID))));
        stubTask(VM_UPID, "WARNINGS: 2");
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_vm_restart", vm104(), Map.of());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("reboot of vm 104 on pve-01 done with warnings: 2 (task " + VM_UPID + ")");
    }

    @Test
    void aTaskThatNeverStopsIsATimeoutFailureWithinTheRequestsTimeout() {
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/reboot")).willReturn(okJson(upidAnswer(VM_UPID))));
        proxmox.stubFor(get(urlEqualTo(taskPath(VM_UPID))).willReturn(okJson(taskAnswer(VM_UPID, "running", null))));
        long started = System.nanoTime();
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_vm_restart", vm104(), Map.of(),
                Duration.ofMillis(1500));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("reboot of vm 104 on pve-01 timed out: task " + VM_UPID
                + " had not stopped within 1500ms; it was not cancelled and may still be running on pve-01");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(4));
        assertThat(requests()).hasSizeGreaterThan(3).last().asString().startsWith("GET " + taskPath(VM_UPID));
    }

    @Test
    void theStatusReadAndTheSnapshotListChangeNothing() {
        stubStatus("/nodes/pve-02/lxc/105", "running", "db-01");
        ExecutorResult status = run(ExecutorPhase.EXECUTE, "proxmox_vm_status",
                Map.of("node", "pve-02", "vmid", 105, "type", "lxc"), Map.of());
        assertThat(status.succeeded()).isTrue();
        assertThat(status.summary()).isEqualTo("ct 105 (db-01) on pve-02 is running");

        proxmox.stubFor(get(urlEqualTo("/api2/json/nodes/pve-02/lxc/105/snapshot")).willReturn(okJson("""
                {"data":[{"name":"nightly","snaptime":1731000000},{"name":"current","description":"You are here!"}]}""")));
        ExecutorResult list = run(ExecutorPhase.EXECUTE, "proxmox_snapshot_list",
                Map.of("node", "pve-02", "vmid", 105, "type", "lxc"), Map.of());
        assertThat(list.summary()).isEqualTo("ct 105 on pve-02 has snapshots nightly");
        assertThat(requests()).containsExactly("GET /api2/json/nodes/pve-02/lxc/105/status/current ",
                "GET /api2/json/nodes/pve-02/lxc/105/snapshot ");
    }

    @Test
    void snapshotCreateAndRollbackActionsUseTheNamedSnapshot() {
        String create = "UPID:pve-02:00000010:00000011:00000012:vzsnapshot:105:aiops@pve!hub:";
        String rollback = "UPID:pve-02:00000020:00000021:00000022:vzrollback:105:aiops@pve!hub:";
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-02/lxc/105/snapshot")).willReturn(okJson(upidAnswer(create))));
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-02/lxc/105/snapshot/before-upgrade/rollback"))
                .willReturn(okJson(upidAnswer(rollback))));
        stubTask(create, "OK");
        stubTask(rollback, "OK");
        Map<String, Object> parameters = Map.of("node", "pve-02", "vmid", 105, "type", "lxc", "snapname", "before-upgrade");

        ExecutorResult created = run(ExecutorPhase.EXECUTE, "proxmox_snapshot_create", parameters, Map.of());
        ExecutorResult rolledBack = run(ExecutorPhase.EXECUTE, "proxmox_snapshot_rollback", parameters, Map.of());

        assertThat(created.summary()).isEqualTo("snapshot before-upgrade of ct 105 on pve-02 done (task " + create + ")");
        assertThat(rolledBack.summary()).isEqualTo("rollback of ct 105 on pve-02 to snapshot before-upgrade done (task " + rollback + ")");
        assertThat(requests()).filteredOn(r -> r.startsWith("POST")).containsExactly(
                "POST /api2/json/nodes/pve-02/lxc/105/snapshot snapname=before-upgrade&description=taken+by+aiops-hub+%28run+" + RUN_ID + "%29",
                "POST /api2/json/nodes/pve-02/lxc/105/snapshot/before-upgrade/rollback ");
    }

    // --- CHECK -----------------------------------------------------------------------------------------

    @Test
    void checkComparesTheCurrentStatusWithTheCatalogs() {
        stubStatus("/nodes/pve-01/qemu/104", "running", "web-01");
        ExecutorResult holds = run(ExecutorPhase.CHECK, "proxmox_vm_restart", vm104(), Map.of());
        ExecutorResult fails = run(ExecutorPhase.CHECK, "proxmox_vm_stop", vm104(), Map.of());

        assertThat(holds.succeeded()).isTrue();
        assertThat(holds.summary()).isEqualTo("vm 104 (web-01) on pve-01 is running (expected running)");
        assertThat(fails.succeeded()).isFalse();
        assertThat(fails.summary()).isEqualTo("vm 104 (web-01) on pve-01 is running (expected stopped)");
        assertThat(requests()).containsOnly("GET /api2/json/nodes/pve-01/qemu/104/status/current ").hasSize(2);
    }

    @Test
    void checkOfAnActionWithoutACheckFailsWithoutCallingProxmox() {
        ExecutorResult result = run(ExecutorPhase.CHECK, "proxmox_snapshot_create",
                Map.of("node", "pve-01", "vmid", 104, "type", "qemu", "snapname", "x1"), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("this action declares no check (proxmox_snapshot_create has no verify.check)");
        assertThat(requests()).isEmpty();
    }

    // --- ROLLBACK --------------------------------------------------------------------------------------

    @Test
    void rollbackReturnsToTheSnapshotPrepareTookAndWaitsForTheTask() {
        String upid = "UPID:pve-01:0003A700:0B6E6100:6735B2C0:qmrollback:104:aiops@pve!hub:";
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/snapshot/" + SNAPSHOT + "/rollback"))
                .willReturn(okJson(upidAnswer(upid))));
        stubTask(upid, "OK");
        ExecutorResult result = run(ExecutorPhase.ROLLBACK, "proxmox_vm_restart", vm104(),
                Map.of("snapshot", SNAPSHOT, "upid", VM_UPID));

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("rollback of vm 104 on pve-01 to snapshot " + SNAPSHOT + " done (task " + upid + ")");
        assertThat(requests()).containsExactly(
                "POST /api2/json/nodes/pve-01/qemu/104/snapshot/" + SNAPSHOT + "/rollback start=1",
                "GET " + taskPath(upid) + " ",
                "GET " + taskPath(upid) + " ");
        assertAuthorizedWithToken();
    }

    @Test
    void rollbackNeedsADeclaredRollbackAndTheSnapshotName() {
        ExecutorResult undeclared = run(ExecutorPhase.ROLLBACK, "proxmox_vm_start", vm104(), Map.of("snapshot", SNAPSHOT));
        ExecutorResult noSnapshot = run(ExecutorPhase.ROLLBACK, "proxmox_ct_reboot", ct105(), Map.of());
        ExecutorResult badName = run(ExecutorPhase.ROLLBACK, "proxmox_ct_reboot", ct105(), Map.of("snapshot", "../../x"));

        assertThat(undeclared.succeeded()).isFalse();
        assertThat(undeclared.summary()).isEqualTo("this action declares no rollback (proxmox_vm_start)");
        assertThat(noSnapshot.succeeded()).isFalse();
        assertThat(noSnapshot.summary()).isEqualTo("no snapshot of ct 105 on pve-02 was taken before the action (state has"
                + " no 'snapshot'): nothing to roll back to");
        assertThat(badName.succeeded()).isFalse();
        assertThat(badName.summary()).startsWith("cannot roll back: state.snapshot '../../x' is not a snapshot name");
        assertThat(requests()).isEmpty();
    }

    // --- failures of the API and the connection ----------------------------------------------------------

    @Test
    void notConfiguredEveryPhaseSaysWhatToSet() throws Exception {
        ProxmoxProperties empty = new ProxmoxProperties();
        for (ExecutorPhase phase : ExecutorPhase.values()) {
            ExecutorResult result = runWith(empty, phase, "proxmox_vm_restart", vm104(), Map.of("snapshot", SNAPSHOT));
            assertThat(result.succeeded()).as(phase.name()).isFalse();
            assertThat(result.summary()).as(phase.name()).isEqualTo("proxmox executor is not configured: set"
                    + " aiops.remediation.proxmox.url, aiops.remediation.proxmox.token-id, aiops.remediation.proxmox.token-secret");
        }
        assertThat(requests()).isEmpty();
    }

    @Test
    void anUntrustedCertificateFailsWithAClearTlsMessage() throws Exception {
        ProxmoxProperties noCa = configured();
        noCa.setCaFile("");
        ExecutorResult result = runWith(noCa, ExecutorPhase.DRY_RUN, "proxmox_vm_restart", vm104(), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("dry run of reboot for vm 104 on pve-01 failed: TLS: the certificate of"
                + " localhost:" + proxmox.httpsPort() + " is not trusted (no trusted CA signed it); set"
                + " aiops.remediation.proxmox.ca-file to the cluster's CA certificate (PEM, /etc/pve/pve-root-ca.pem)");
        assertThat(requests()).isEmpty();
    }

    @Test
    void aRefusedTokenAndApiErrorsAreFailuresAnOperatorCanRead() {
        proxmox.stubFor(get(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/current"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":null,\"message\":\"authentication failure\\n\"}")));
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/reboot"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":null,\"message\":\"VM 104 not running\\n\"}")));
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/start"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":null,\"message\":\"Permission check failed (/vms/104, VM.PowerMgmt)\\n\"}")));

        ExecutorResult refused = run(ExecutorPhase.CHECK, "proxmox_vm_restart", vm104(), Map.of());
        ExecutorResult notRunning = run(ExecutorPhase.EXECUTE, "proxmox_vm_restart", vm104(), Map.of());
        ExecutorResult forbidden = run(ExecutorPhase.EXECUTE, "proxmox_vm_start", vm104(), Map.of());

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.summary()).isEqualTo("status check of vm 104 on pve-01 failed: Proxmox refused the API token"
                + " (HTTP 401: authentication failure); check aiops.remediation.proxmox.token-id (" + TOKEN_ID + ") and token-secret");
        assertThat(notRunning.succeeded()).isFalse();
        assertThat(notRunning.summary()).isEqualTo("reboot of vm 104 on pve-01 failed: Proxmox answered HTTP 500 to"
                + " POST /nodes/pve-01/qemu/104/status/reboot: VM 104 not running");
        assertThat(forbidden.summary()).isEqualTo("start of vm 104 on pve-01 failed: the API token lacks a permission for"
                + " POST /nodes/pve-01/qemu/104/status/start (HTTP 403: Permission check failed (/vms/104, VM.PowerMgmt))");
    }

    @Test
    void anUnreachableApiIsAFailureNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ProxmoxProperties unreachable = configured();
        unreachable.setUrl("https://localhost:" + closedPort);
        ExecutorResult result = runWith(unreachable, ExecutorPhase.DRY_RUN, "proxmox_ct_reboot", ct105(), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).startsWith("dry run of reboot for ct 105 on pve-02 failed: cannot connect to localhost:" + closedPort);
    }

    /** The catalog schema checks parameters before; the executor checks again what goes into a URL path. */
    @Test
    void parametersThatWouldBendTheApiPathAreRefusedBeforeAnyCall() {
        ExecutorResult node = run(ExecutorPhase.EXECUTE, "proxmox_vm_start", Map.of("node", "pve-01/../../access", "vmid", 104), Map.of());
        ExecutorResult type = run(ExecutorPhase.DRY_RUN, "proxmox_vm_status", Map.of("node", "pve-01", "vmid", 104, "type", "openvz"), Map.of());
        ExecutorResult snapshot = run(ExecutorPhase.EXECUTE, "proxmox_snapshot_rollback",
                Map.of("node", "pve-01", "vmid", 104, "type", "qemu", "snapname", "x/../../y"), Map.of());

        assertThat(node.summary()).isEqualTo("action proxmox_vm_start cannot run: run.node 'pve-01/../../access' is not a Proxmox node name");
        assertThat(type.summary()).isEqualTo("action proxmox_vm_status cannot run: run.type 'openvz' is not qemu or lxc");
        assertThat(snapshot.summary()).startsWith("action proxmox_snapshot_rollback cannot run: run.snapname 'x/../../y' is not a snapshot name");
        assertThat(List.of(node, type, snapshot)).noneMatch(ExecutorResult::succeeded);
        assertThat(requests()).isEmpty();
    }

    @Test
    void anAnswerThatIsNoTaskIdIsAFailure() {
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/start")).willReturn(okJson("{\"data\":42}")));
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_vm_start", vm104(), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("start of vm 104 on pve-01 failed: Proxmox answered '42' where a task id"
                + " (UPID:node:...) was expected");
    }

    /** Should a proxy or a Proxmox bug echo the Authorization header, the secret is still masked. */
    @Test
    void anAnswerEchoingTheTokenDoesNotLeakTheSecret() {
        proxmox.stubFor(get(urlEqualTo("/api2/json/nodes/pve-01/qemu/104/status/current"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":null,\"message\":\"bad header {{request.headers.Authorization}}\"}")
                        .withTransformers("response-template")));
        ExecutorResult result = run(ExecutorPhase.DRY_RUN, "proxmox_vm_restart", vm104(), Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("bad header PVEAPIToken=" + TOKEN_ID + "=[REDACTED]");
    }

    @Test
    void aCallThatHangsPastTheTimeoutIsAFailureThatSaysTheTaskMayHaveStarted() {
        proxmox.stubFor(post(urlEqualTo("/api2/json/nodes/pve-02/lxc/105/status/reboot"))
                .willReturn(okJson(upidAnswer(CT_UPID)).withFixedDelay(5000)));
        long started = System.nanoTime();
        ExecutorResult result = run(ExecutorPhase.EXECUTE, "proxmox_ct_reboot", ct105(), Map.of(), Duration.ofSeconds(1));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("reboot of ct 105 on pve-02 failed: the phase's time limit passed while"
                + " waiting for the answer to POST /nodes/pve-02/lxc/105/status/reboot (it may have started anyway: look at"
                + " the task list of pve-02)");
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBodyThatIsNoRequestIsAnsweredNotThrown() {
        ExecutorResult result = send(camel, "reboot vm 104 please");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).startsWith("proxmox executor failed: ");
        assertThat(requests()).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private ExecutorResult run(ExecutorPhase phase, String action, Map<String, Object> parameters,
                               Map<String, String> state) {
        return run(phase, action, parameters, state, Duration.ofSeconds(10));
    }

    private ExecutorResult run(ExecutorPhase phase, String action, Map<String, Object> parameters,
                               Map<String, String> state, Duration timeout) {
        return send(camel, new ExecutorRequest(RUN_ID, phase, CATALOG.get(action).orElseThrow(), parameters, state, timeout));
    }

    /** One request to an executor with other settings than {@link #configured()}. */
    private ExecutorResult runWith(ProxmoxProperties properties, ExecutorPhase phase, String action,
                                   Map<String, Object> parameters, Map<String, String> state) throws Exception {
        try (DefaultCamelContext other = executor(properties)) {
            return send(other, new ExecutorRequest(RUN_ID, phase, CATALOG.get(action).orElseThrow(), parameters, state,
                    Duration.ofSeconds(10)));
        }
    }

    private ExecutorResult send(DefaultCamelContext context, Object body) {
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            ExecutorResult result = producer.requestBody("direct:executor-proxmox", body, ExecutorResult.class);
            results.add(result);
            return result;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The route file with the stages bean, as in the hub. */
    private static DefaultCamelContext executor(ProxmoxProperties properties) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("proxmoxSteps", new ProxmoxSteps(new ProxmoxApi(properties, Clock.systemUTC()), Clock.systemUTC()));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/remediation-executor-proxmox.yaml"));
        context.start();
        return context;
    }

    private static ProxmoxProperties configured() {
        ProxmoxProperties properties = new ProxmoxProperties();
        properties.setUrl("https://localhost:" + proxmox.httpsPort());
        properties.setTokenId(TOKEN_ID);
        properties.setTokenSecret(SECRET);
        properties.setCaFile(certificate.pem().toString());
        properties.setPollInterval(Duration.ofMillis(50));
        return properties;
    }

    private static Map<String, Object> vm104() {
        return Map.of("node", "pve-01", "vmid", 104);
    }

    private static Map<String, Object> ct105() {
        return Map.of("node", "pve-02", "vmid", 105);
    }

    private static void stubStatus(String guestPath, String status, String name) {
        proxmox.stubFor(get(urlEqualTo("/api2/json" + guestPath + "/status/current")).willReturn(okJson(
                "{\"data\":{\"status\":\"" + status + "\",\"name\":\"" + name + "\",\"vmid\":" + guestPath.substring(guestPath.lastIndexOf('/') + 1)
                        + ",\"uptime\":" + ("running".equals(status) ? 86400 : 0) + ",\"cpus\":2,\"maxmem\":4294967296}}")));
    }

    /** The task is running at the first poll and stopped with {@code exitStatus} at the second. */
    private static void stubTask(String upid, String exitStatus) {
        proxmox.stubFor(get(urlEqualTo(taskPath(upid))).inScenario(upid).whenScenarioStateIs(STARTED)
                .willReturn(okJson(taskAnswer(upid, "running", null))).willSetStateTo("stopped"));
        proxmox.stubFor(get(urlEqualTo(taskPath(upid))).inScenario(upid).whenScenarioStateIs("stopped")
                .willReturn(okJson(taskAnswer(upid, "stopped", exitStatus))));
    }

    private static String taskPath(String upid) {
        String node = upid.split(":")[1];
        return "/api2/json/nodes/" + node + "/tasks/" + java.net.URLEncoder.encode(upid, java.nio.charset.StandardCharsets.UTF_8) + "/status";
    }

    private static String upidAnswer(String upid) {
        return "{\"data\":\"" + upid + "\"}";
    }

    private static String taskAnswer(String upid, String status, String exitStatus) {
        String[] f = upid.split(":");
        return "{\"data\":{\"upid\":\"" + upid + "\",\"node\":\"" + f[1] + "\",\"pid\":" + Long.parseLong(f[2], 16)
                + ",\"pstart\":" + Long.parseLong(f[3], 16) + ",\"starttime\":" + Long.parseLong(f[4], 16)
                + ",\"type\":\"" + f[5] + "\",\"id\":\"" + f[6] + "\",\"user\":\"aiops@pve!hub\",\"status\":\"" + status + "\""
                + (exitStatus == null ? "" : ",\"exitstatus\":\"" + exitStatus + "\"") + "}}";
    }

    /** Each request as "METHOD url body", in the order they arrived. */
    private static List<String> requests() {
        return proxmox.findAll(anyRequestedFor(anyUrl())).stream()
                .map(r -> r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString())
                .toList();
    }

    private static void assertAuthorizedWithToken() {
        List<LoggedRequest> all = proxmox.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).isNotEmpty().allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("PVEAPIToken=" + TOKEN_ID + "=" + SECRET));
    }
}
