package io.aiopshub.rca.group;

import java.util.List;

/**
 * A service that may be the root of a group, with the reasons it ranks where it does
 * ("started first", "checkout and cart depend on it", "shares host db-1 with ...").
 */
public record RootCandidate(String service, double score, List<String> reasons) {

    public RootCandidate {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
