package io.aiopshub.remediation.ansible;

import java.time.Duration;
import java.time.Instant;

/**
 * A phase that needs Ansible, carried between the steps of the route (the exec calls replace the body).
 *
 * @param timeout  the request's timeout, for messages
 * @param deadline when that timeout ends; each command gets what is left
 */
record AnsibleJob(AnsibleInvocation invocation, Duration timeout, Instant deadline) {
}
