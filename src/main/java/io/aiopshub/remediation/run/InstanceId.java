package io.aiopshub.remediation.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/**
 * This process among the hub instances sharing a database: the host name, the process id and a random
 * part, so two hubs on one host (or two application contexts in one JVM) never share an id. A run is held
 * by the instance whose compare-and-set moved it to {@code running}; a new process is a new instance and
 * never picks up the runs of the one before it.
 */
@Component
public class InstanceId {

    private final String id;

    public InstanceId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        this.id = host() + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 64 ? name.substring(0, 64) : name;
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
