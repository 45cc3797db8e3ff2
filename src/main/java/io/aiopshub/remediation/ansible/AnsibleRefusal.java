package io.aiopshub.remediation.ansible;

/**
 * A request the executor will not hand to Ansible (a bad playbook name, a pattern as limit, a playbook
 * that would really run under --check). The route answers it as a failed phase with this message;
 * it never leaves the executor as an exception.
 */
final class AnsibleRefusal extends RuntimeException {

    AnsibleRefusal(String message) {
        super(message, null, false, false);
    }
}
