package io.aiopshub.remediation.mikrotik;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aiopshub.incident.Durations;

/** {@code /system/resource/print} (read-only) and {@code /system/reboot}, and the uptime check after a reboot. */
final class SystemOperations {

    static final String UPTIME_BEFORE = "uptime_before";

    MikrotikOutcome preview(RouterOsConnection c, MikrotikStep step) {
        Map<String, String> resources = resources(c);
        List<String> details = new ArrayList<>(lines(resources));
        if (step.type() == MikrotikOperationType.REBOOT) {
            details.add("would send: /system/reboot");
            return MikrotikOutcome.success("would reboot " + overview(resources), details);
        }
        return MikrotikOutcome.success("read-only; now: " + overview(resources), details);
    }

    MikrotikOutcome read(RouterOsConnection c) {
        Map<String, String> resources = resources(c);
        return MikrotikOutcome.success(overview(resources), lines(resources));
    }

    MikrotikOutcome reboot(RouterOsConnection c) {
        Map<String, String> resources = resources(c);
        List<String> details = new ArrayList<>(lines(resources));
        details.add("sent: /system/reboot");
        Map<String, String> state = Map.of(UPTIME_BEFORE, resources.getOrDefault("uptime", ""));
        try {
            RouterOsReply reply = c.call(RouterOsCommand.of("/system/reboot"));
            if (reply.failed()) {
                return MikrotikOutcome.failure("RouterOS refused to reboot: " + reply.trap(), details);
            }
            return MikrotikOutcome.success("reboot of " + overview(resources) + " accepted", details).withState(state);
        } catch (RouterOsClosedException e) {
            // Routers that restart at once drop the session before their !done.
            return MikrotikOutcome.success("reboot of " + overview(resources) + " requested; the router closed the session",
                    details).withState(state);
        }
    }

    MikrotikOutcome checkUptime(RouterOsConnection c, MikrotikStep step) {
        Duration max = Durations.parse(step.value("max"));
        Map<String, String> resources = resources(c);
        String text = resources.getOrDefault("uptime", "");
        Duration uptime;
        try {
            uptime = RouterOsDurations.parse(text);
        } catch (IllegalArgumentException e) {
            return MikrotikOutcome.failure("cannot read the router's uptime '" + text + "'", lines(resources));
        }
        return uptime.compareTo(max) < 0
                ? MikrotikOutcome.success("router is up again since " + text + " (less than " + step.value("max") + ")", lines(resources))
                : MikrotikOutcome.failure("router has been up " + text + ", not less than " + step.value("max") + ": no restart seen",
                        lines(resources));
    }

    private static Map<String, String> resources(RouterOsConnection c) {
        List<Map<String, String>> rows = c.call(RouterOsCommand.of("/system/resource/print")).orFail("to read /system/resource").rows();
        if (rows.isEmpty()) {
            throw new RouterOsException(c.peer() + " returned no /system/resource row");
        }
        return rows.get(0);
    }

    private static String overview(Map<String, String> r) {
        return r.getOrDefault("board-name", "router") + " (RouterOS " + r.getOrDefault("version", "?")
                + ", uptime " + r.getOrDefault("uptime", "?") + ", CPU " + r.getOrDefault("cpu-load", "?") + "%"
                + ", free memory " + mebibytes(r.get("free-memory")) + " of " + mebibytes(r.get("total-memory")) + ")";
    }

    private static String mebibytes(String bytes) {
        try {
            return Long.parseLong(bytes) / (1024 * 1024) + " MiB";
        } catch (NumberFormatException e) {
            return bytes == null ? "?" : bytes;
        }
    }

    private static List<String> lines(Map<String, String> r) {
        List<String> lines = new ArrayList<>();
        r.forEach((k, v) -> lines.add(k + ": " + v));
        return lines;
    }
}
