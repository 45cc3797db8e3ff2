package io.aiopshub.llm.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which subsystem carries an action out. */
public enum Executor {
    @JsonProperty("ansible") ANSIBLE,
    @JsonProperty("ssh") SSH,
    @JsonProperty("proxmox") PROXMOX,
    @JsonProperty("mikrotik") MIKROTIK,
    @JsonProperty("shell") SHELL
}
