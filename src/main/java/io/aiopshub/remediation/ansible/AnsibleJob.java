package io.aiopshub.remediation.ansible;

import java.time.Instant;

/** A phase that needs Ansible, carried between the steps of the route (the exec calls replace the body). */
record AnsibleJob(AnsibleInvocation invocation, Instant deadline) {
}
