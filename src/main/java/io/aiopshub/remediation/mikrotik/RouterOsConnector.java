package io.aiopshub.remediation.mikrotik;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import org.springframework.stereotype.Component;

/**
 * Opens a logged-in API session to the configured router: TCP connect, TLS handshake (unless
 * {@code tls: false}), login, each bounded by the call's deadline. A fresh session per call: a session
 * that timed out is never reused.
 */
@Component
public class RouterOsConnector {

    private final MikrotikProperties properties;
    private final RouterOsTls tls;

    public RouterOsConnector(MikrotikProperties properties) {
        this.properties = properties;
        this.tls = new RouterOsTls(properties);
    }

    public RouterOsConnection open(Deadline deadline) {
        String host = properties.getHost();
        int port = properties.effectivePort();
        String peer = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), deadline.millisWithin(properties.getConnectTimeout()));
            if (properties.isTls()) {
                socket = tls.wrap(socket, host, port, deadline.millisWithin(properties.getConnectTimeout()));
            }
            RouterOsConnection connection = new RouterOsConnection(socket, peer, deadline, properties.getReadTimeout());
            connection.login(properties.getUsername(), properties.getPassword());
            return connection;
        } catch (RouterOsException e) {
            closeQuietly(socket);
            throw e;
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new RouterOsException("unknown host " + host + " (aiops.remediation.mikrotik.host)", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new RouterOsException(deadline.passed()
                    ? "the action's time limit of " + RouterOsConnection.human(deadline.total()) + " passed connecting to " + peer
                    : "no connection to " + peer + " within " + RouterOsConnection.human(properties.getConnectTimeout())
                    + (properties.isTls() ? " (TCP and TLS handshake)" : ""), e);
        } catch (ConnectException | NoRouteToHostException e) {
            closeQuietly(socket);
            throw new RouterOsException("cannot connect to " + peer + ": " + e.getMessage()
                    + (properties.isTls() ? " (is the api-ssl service enabled on the router?)" : ""), e);
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new RouterOsException(tls.describe(e, peer), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RouterOsException("connection to " + peer + " failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to release on a socket that failed to open.
        }
    }
}
