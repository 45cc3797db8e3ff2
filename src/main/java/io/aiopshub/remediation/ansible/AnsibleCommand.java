package io.aiopshub.remediation.ansible;

import java.time.Duration;
import java.util.List;

/**
 * A command for camel-exec: the executable and its arguments, word for word (no shell).
 *
 * @param limit       how long the command may run; {@code timeout} stops it then
 * @param execTimeout camel-exec's own timeout, a backstop past {@code limit} plus the kill grace
 */
record AnsibleCommand(String executable, List<String> args, Duration limit, Duration execTimeout) {

    AnsibleCommand {
        args = List.copyOf(args);
    }
}
