package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Which subsystem carries an action out; each has a route {@code direct:executor-<name>} in {@code routes/}. */
public enum Executor {
    @JsonProperty("ansible") ANSIBLE,
    @JsonProperty("ssh") SSH,
    @JsonProperty("proxmox") PROXMOX,
    @JsonProperty("mikrotik") MIKROTIK;

    /** The name used in the catalog, the configuration ({@code aiops.remediation.<name>}) and the route. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String endpoint() {
        return "direct:executor-" + id();
    }
}
