package io.aiopshub.chat.command;

import java.util.Locale;
import java.util.Optional;

/** The command words, with their usage as {@code help} shows it. */
public enum Verb {
    HELP("help [command]", "these commands, or how to use one"),
    STATUS("status", "hub health, open incidents by severity, open breakers, pending approvals"),
    INCIDENTS("incidents [service|severity]", "open incidents, newest first"),
    INCIDENT("incident <id>", "one incident: summary, analysis, latest timeline"),
    ACK("ack <id> [comment]", "acknowledge an incident"),
    SILENCE("silence <matchers> <duration> [comment]",
            "mute matching alerts, e.g. silence service=\"api\",alertname=~\"Disk.*\" 2h disk swap"),
    UNSILENCE("unsilence <id>", "end a silence now"),
    ANALYZE("analyze <service> [window]", "analyse a service's recent alerts and logs (window default 1h)"),
    ACTIONS("actions <incident>", "the catalog actions for an incident"),
    RUN("run <action> key=value…", "propose a run of a catalog action (approval still needed)"),
    APPROVE("approve <run>", "approve a proposed run"),
    REJECT("reject <run> [reason]", "reject a proposed run"),
    RUNBOOK("runbook <words>", "search the runbooks");

    private final String usage;
    private final String description;

    Verb(String usage, String description) {
        this.usage = usage;
        this.description = description;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String usage() {
        return usage;
    }

    public String description() {
        return description;
    }

    public static Optional<Verb> of(String word) {
        for (Verb verb : values()) {
            if (verb.word().equalsIgnoreCase(word)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
