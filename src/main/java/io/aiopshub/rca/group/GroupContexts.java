package io.aiopshub.rca.group;

/** Loads the group context of an incident for analysis; {@link GroupContext#alone} when it has none. */
public interface GroupContexts {

    GroupContext forIncident(String incidentId);
}
