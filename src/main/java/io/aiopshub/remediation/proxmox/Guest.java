package io.aiopshub.remediation.proxmox;

/**
 * One Proxmox VE guest: a virtual machine ({@code qemu}) or a container ({@code lxc}). The fields were checked
 * by {@link ProxmoxRun} before they go into an API path.
 */
record Guest(String node, String type, long vmid) {

    static final String QEMU = "qemu";
    static final String LXC = "lxc";

    /** API path of the guest below {@code /api2/json}. */
    String path() {
        return "/nodes/" + node + "/" + type + "/" + vmid;
    }

    /** "vm 104 on pve-01" or "ct 105 on pve-01". */
    String label() {
        return (QEMU.equals(type) ? "vm " : "ct ") + vmid + " on " + node;
    }

    /** The label with the guest's name when Proxmox told it: "vm 104 (web-01) on pve-01". */
    String label(String name) {
        return name == null || name.isBlank()
                ? label()
                : (QEMU.equals(type) ? "vm " : "ct ") + vmid + " (" + name + ") on " + node;
    }
}
