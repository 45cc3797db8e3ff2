package io.aiopshub.remediation.ssh;

import java.util.Map;

import io.aiopshub.remediation.executor.ExecutorResult;

/**
 * What a finished camel-ssh call means, in words for the timeline. Exit 0 is success; 124 is the exit of
 * {@code timeout N} when it ended the command; no exit value means the session ended first.
 */
final class SshOutcomes {

    static final int TIMEOUT_EXIT = 124;
    private static final int STDERR_IN_SUMMARY = 200;

    ExecutorResult answered(SshCall call, HostKeyVerdict hostKey, boolean expired, Integer exit, String stdout, String stderr) {
        String output = output(call, hostKey, exit, stdout, stderr);
        String what = call.purpose() + " `" + call.command() + "` on " + call.destination();
        if (expired) {
            return result(false, timedOut(call), output, call, hostKey);
        }
        if (exit == null) {
            return result(false, what + " ended without an exit status (the connection was lost)", output, call, hostKey);
        }
        if (exit == TIMEOUT_EXIT) {
            return result(false, what + " timed out after " + call.timeoutSeconds() + "s (ended by timeout, exit 124)",
                    output, call, hostKey);
        }
        boolean check = "verify check".equals(call.purpose());
        if (exit == 0) {
            return result(true, what + (check ? " holds" : " succeeded") + " (exit 0)", output, call, hostKey);
        }
        return result(false, what + (check ? " does not hold" : " failed") + " (exit " + exit + ")" + firstLine(stderr),
                output, call, hostKey);
    }

    ExecutorResult thrown(SshCall call, HostKeyVerdict hostKey, boolean expired, Throwable error) {
        String reason = HostKeyProbe.reason(error);
        String output = output(call, hostKey, null, "", "") + "error: " + reason + "\n";
        if (expired) {
            return result(false, timedOut(call), output, call, hostKey);
        }
        String what = call.purpose() + " `" + call.command() + "` on " + call.destination();
        if (reason.startsWith("Failed to authenticate")) {
            // camel-ssh says this for a refused key and for a key exchange that failed after the pre-flight
            return result(false, what + " was not run: login refused for " + call.user() + "@" + call.host()
                    + " (the host did not accept the configured private key, or closed the session during the key exchange)",
                    output, call, hostKey);
        }
        return result(false, what + " was not run or did not finish: " + reason, output, call, hostKey);
    }

    private static String timedOut(SshCall call) {
        return call.purpose() + " `" + call.command() + "` on " + call.destination() + " timed out after "
                + call.timeoutSeconds() + "s: the host stopped answering, the hub closed the session (the command may still be running)";
    }

    private static ExecutorResult result(boolean succeeded, String summary, String output, SshCall call, HostKeyVerdict hostKey) {
        Map<String, String> state = hostKey == null ? Map.of() : Map.of(call.hostKeyStateKey(), hostKey.presentedFingerprint());
        return new ExecutorResult(succeeded, summary, output, state);
    }

    private static String output(SshCall call, HostKeyVerdict hostKey, Integer exit, String stdout, String stderr) {
        StringBuilder out = new StringBuilder("$ ").append(call.command()).append("\non ").append(call.destination()).append('\n');
        if (hostKey != null) {
            out.append(hostKey.sentence()).append('\n');
        }
        if (exit != null) {
            out.append("exit ").append(exit).append('\n');
        }
        if (stdout != null && !stdout.isEmpty()) {
            out.append("--- stdout\n").append(stdout).append(stdout.endsWith("\n") ? "" : "\n");
        }
        if (stderr != null && !stderr.isEmpty()) {
            out.append("--- stderr\n").append(stderr).append(stderr.endsWith("\n") ? "" : "\n");
        }
        return out.toString();
    }

    private static String firstLine(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        String line = stderr.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > STDERR_IN_SUMMARY ? line.substring(0, STDERR_IN_SUMMARY) + "..." : line);
    }
}
