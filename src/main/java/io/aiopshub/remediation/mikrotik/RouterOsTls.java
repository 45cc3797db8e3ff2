package io.aiopshub.remediation.mikrotik;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * API-SSL: wraps a connected socket in TLS that trusts exactly the certificates of the configured PEM
 * file (RouterOS routers mostly present a self-signed certificate; that certificate is the file), or the
 * JVM's trust store when no file is set. There is no trust-all mode.
 */
final class RouterOsTls {

    private final MikrotikProperties properties;

    RouterOsTls(MikrotikProperties properties) {
        this.properties = properties;
    }

    /** Handshakes within {@code timeoutMillis}; a certificate that is not trusted or does not name the host fails. */
    SSLSocket wrap(Socket connected, String host, int port, int timeoutMillis) throws IOException {
        SSLSocket ssl = (SSLSocket) socketFactory().createSocket(connected, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (properties.isVerifyHostname()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        return ssl;
    }

    private SSLSocketFactory socketFactory() {
        String caFile = properties.getCaFile();
        if (caFile == null || caFile.isBlank()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : readCertificates(Path.of(caFile))) {
                trusted.setCertificateEntry("router-ca-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new RouterOsException("cannot use aiops.remediation.mikrotik.ca-file " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no PEM certificate in the file");
            }
            return certificates;
        }
    }

    /** Words for a failed handshake: the certificate problem when there is one. */
    String describe(SSLException e, String peer) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof CertificateException)) {
            cause = cause.getCause();
        }
        String trust = properties.getCaFile() == null || properties.getCaFile().isBlank()
                ? "the JVM's default trust store (aiops.remediation.mikrotik.ca-file is not set)"
                : "aiops.remediation.mikrotik.ca-file " + properties.getCaFile();
        if (cause != null) {
            return "TLS certificate of " + peer + " is not accepted (trusted: " + trust + "): " + cause.getMessage();
        }
        return "TLS handshake with " + peer + " failed: " + e.getMessage();
    }
}
