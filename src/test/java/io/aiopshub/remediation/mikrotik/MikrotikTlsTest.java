package io.aiopshub.remediation.mikrotik;

import static io.aiopshub.remediation.executor.ExecutorPhase.EXECUTE;
import static io.aiopshub.remediation.mikrotik.MikrotikAddressListTest.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aiopshub.remediation.executor.ExecutorResult;

/** API-SSL: the router's self-signed certificate trusted through the ca-file option, and nothing else. */
class MikrotikTlsTest {

    static MikrotikRoute route;
    static TestCertificates routerCertificate;

    @TempDir
    Path dir;
    FakeRouterOs router;

    @BeforeAll
    static void start() throws Exception {
        route = new MikrotikRoute();
        routerCertificate = TestCertificates.forLoopback();
    }

    @AfterAll
    static void stop() {
        route.close();
    }

    @BeforeEach
    void startRouter() throws Exception {
        router = FakeRouterOs.tls(routerCertificate.serverContext());
        route.plainTo(router);
        route.properties.setTls(true);
        route.properties.setCaFile(routerCertificate.writePem(dir).toString());
    }

    @AfterEach
    void stopRouter() throws Exception {
        router.close();
    }

    @Test
    void tlsIsTheDefaultOnPort8729AndPlainNeedsSayingSo() {
        MikrotikProperties defaults = new MikrotikProperties();
        assertThat(defaults.isTls()).isTrue();
        assertThat(defaults.effectivePort()).isEqualTo(8729);
        defaults.setTls(false);
        assertThat(defaults.effectivePort()).isEqualTo(8728);
        defaults.setPort(18728);
        assertThat(defaults.effectivePort()).isEqualTo(18728);
    }

    @Test
    void theRoutersOwnCertificateInTheCaFileIsTrusted() {
        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(router.received).containsExactly(LOGIN, List.of("/system/resource/print", ".tag=2"));
    }

    @Test
    void aCertificateNotInTheCaFileIsRefusedBeforeTheLogin() throws Exception {
        route.properties.setCaFile(TestCertificates.forLoopback().writePem(dir).toString());

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).startsWith("TLS certificate of 127.0.0.1:" + router.port()
                + " is not accepted (trusted: aiops.remediation.mikrotik.ca-file " + route.properties.getCaFile() + "):");
        assertThat(router.received).isEmpty();
    }

    @Test
    void withoutCaFileOnlyTheJvmTrustStoreCountsSoASelfSignedRouterIsRefused() {
        route.properties.setCaFile("");

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("the JVM's default trust store (aiops.remediation.mikrotik.ca-file is not set)");
        assertThat(router.received).isEmpty();
    }

    @Test
    void theCertificateMustNameTheHostUnlessHostnameVerificationIsOff() throws Exception {
        TestCertificates otherName = TestCertificates.selfSigned("router.example", new GeneralName(GeneralName.dNSName, "router.example"));
        router.close();
        router = FakeRouterOs.tls(otherName.serverContext());
        route.properties.setPort(router.port());
        route.properties.setCaFile(otherName.writePem(dir).toString());

        ExecutorResult refused = route.call("mikrotik_resources", EXECUTE, Map.of());
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.summary()).contains("is not accepted").contains("127.0.0.1");
        assertThat(router.received).isEmpty();

        route.properties.setVerifyHostname(false);
        ExecutorResult pinned = route.call("mikrotik_resources", EXECUTE, Map.of());
        assertThat(pinned.succeeded()).as(pinned.summary()).isTrue();
    }

    @Test
    void anUnreadableCaFileIsAFailureNamingTheSetting() {
        route.properties.setCaFile(dir.resolve("missing.pem").toString());

        ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).startsWith("cannot use aiops.remediation.mikrotik.ca-file " + dir.resolve("missing.pem"));
    }

    @Test
    void aTlsRouterThatNeverFinishesTheHandshakeTimesOut() throws Exception {
        route.properties.setConnectTimeout(Duration.ofSeconds(1));
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            route.properties.setPort(mute.getLocalPort());
            long start = System.nanoTime();

            ExecutorResult result = route.call("mikrotik_resources", EXECUTE, Map.of());

            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).isEqualTo("no connection to 127.0.0.1:" + mute.getLocalPort()
                    + " within 1s (TCP and TLS handshake)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        }
    }
}
