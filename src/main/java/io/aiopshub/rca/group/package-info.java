/**
 * Incidents that belong together: the correlated group an incident is part of, the services that may be
 * its root (ranked from the topology, start times and learned dependencies), and the evidence gathered
 * for the group (log templates of the involved services, their dependencies and hosts; change events).
 * The correlation code fills a {@link io.aiopshub.rca.group.GroupContext}; the analysts read it.
 */
package io.aiopshub.rca.group;
