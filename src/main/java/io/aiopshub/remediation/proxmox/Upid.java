package io.aiopshub.remediation.proxmox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task id as Proxmox returns it for every change, {@code UPID:node:pid:pstart:starttime:type:id:user:}. The
 * task can only be asked about on the node that runs it, which is the second field.
 */
record Upid(String value, String node) {

    private static final Pattern UPID = Pattern.compile("UPID:([A-Za-z0-9][A-Za-z0-9.-]{0,62}):[!-~]{1,400}");

    static Upid parse(String text) {
        Matcher m = text == null ? null : UPID.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Proxmox answered '" + shorten(text) + "' where a task id (UPID:node:...) was expected");
        }
        return new Upid(text, m.group(1));
    }

    /** {@code GET} path of the task's status; the UPID's colons, at signs and bangs are URL-encoded. */
    String statusPath() {
        return "/nodes/" + node + "/tasks/" + ApiCall.encode(value) + "/status";
    }

    private static String shorten(String text) {
        return text == null ? "nothing" : text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    @Override
    public String toString() {
        return value;
    }
}
