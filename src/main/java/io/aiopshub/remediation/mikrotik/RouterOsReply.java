package io.aiopshub.remediation.mikrotik;

import java.util.List;
import java.util.Map;

/**
 * The router's whole answer to one command, up to its {@code !done}.
 *
 * @param rows  the {@code !re} sentences as property maps, in order (none after {@code !empty})
 * @param done  the attributes of {@code !done}, e.g. {@code ret} = the id of an added item
 * @param trap  the {@code =message=} of a {@code !trap} (the command failed), or null
 */
public record RouterOsReply(List<Map<String, String>> rows, Map<String, String> done, String trap) {

    public RouterOsReply {
        rows = List.copyOf(rows);
        done = Map.copyOf(done);
    }

    public boolean failed() {
        return trap != null;
    }

    /** This reply, or a {@link RouterOsException} saying the router refused {@code what} when it trapped. */
    public RouterOsReply orFail(String what) {
        if (trap != null) {
            throw new RouterOsException("RouterOS refused " + what + ": " + trap);
        }
        return this;
    }
}
