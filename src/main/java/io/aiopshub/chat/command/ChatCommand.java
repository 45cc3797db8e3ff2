package io.aiopshub.chat.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.aiopshub.incident.SilenceService.MatcherView;

/** One parsed chat command, whatever platform it came from. */
public sealed interface ChatCommand {

    /** {@code help [command]}; topic null: the whole list. */
    record Help(Verb topic) implements ChatCommand { }

    record Status() implements ChatCommand { }

    /** {@code incidents [service|severity]}: at most one of the two is set. */
    record Incidents(String service, String severity) implements ChatCommand { }

    /** {@code incident <id>}; ids may be the first characters of the full id. */
    record ShowIncident(String id) implements ChatCommand { }

    record Ack(String id, String comment) implements ChatCommand { }

    record Silence(List<MatcherView> matchers, Duration duration, String comment) implements ChatCommand {
        public Silence {
            matchers = List.copyOf(matchers);
        }
    }

    record Unsilence(String id) implements ChatCommand { }

    record Analyze(String service, Duration window) implements ChatCommand { }

    record Actions(String incidentId) implements ChatCommand { }

    /** {@code run <action> key=value…}: proposes a run; approval is still needed. Parameters in the order given. */
    record Run(String action, Map<String, String> parameters) implements ChatCommand {
        public Run {
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }
    }

    record Approve(String runId) implements ChatCommand { }

    record Reject(String runId, String reason) implements ChatCommand { }

    record Runbook(String words) implements ChatCommand { }

    /** Text that is not a command: a question in plain language. */
    record Question(String text) implements ChatCommand { }
}
