package io.aiopshub.chat.command;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.aiopshub.chat.ChatAnswer;
import io.aiopshub.chat.ChatUser;
import io.aiopshub.chat.question.QuestionAnswerer;

/**
 * Carries out a parsed command for a chat user on the hub's services. Commands that need the action runner go
 * to the {@link RemediationCommands} bean, or answer "not available yet" while there is none; a message that
 * is not a command is a question for the {@link QuestionAnswerer}.
 */
@Component
public class CommandExecutor {

    private final IncidentCommands incidents;
    private final SilenceCommands silences;
    private final StatusCommand status;
    private final RunbookCommand runbooks;
    private final AnalyzeCommand analyze;
    private final ObjectProvider<RemediationCommands> remediation;
    private final QuestionAnswerer questions;

    public CommandExecutor(IncidentCommands incidents, SilenceCommands silences, StatusCommand status,
                           RunbookCommand runbooks, AnalyzeCommand analyze, ObjectProvider<RemediationCommands> remediation,
                           QuestionAnswerer questions) {
        this.incidents = incidents;
        this.silences = silences;
        this.status = status;
        this.runbooks = runbooks;
        this.analyze = analyze;
        this.remediation = remediation;
        this.questions = questions;
    }

    public ChatAnswer execute(ChatUser user, ChatCommand command) {
        RemediationCommands runner = remediation.getIfUnique(() -> RemediationCommands.UNAVAILABLE);
        if (command instanceof ChatCommand.Help help) {
            return ChatAnswer.reply(HelpText.of(help.topic()));
        } else if (command instanceof ChatCommand.Status) {
            return status.status();
        } else if (command instanceof ChatCommand.Incidents list) {
            return incidents.list(list);
        } else if (command instanceof ChatCommand.ShowIncident show) {
            return incidents.show(show);
        } else if (command instanceof ChatCommand.Ack ack) {
            return incidents.acknowledge(user, ack);
        } else if (command instanceof ChatCommand.Silence silence) {
            return silences.silence(user, silence);
        } else if (command instanceof ChatCommand.Unsilence unsilence) {
            return silences.unsilence(user, unsilence);
        } else if (command instanceof ChatCommand.Analyze analysis) {
            return analyze.analyze(analysis);
        } else if (command instanceof ChatCommand.Runbook runbook) {
            return runbooks.search(runbook);
        } else if (command instanceof ChatCommand.Actions actions) {
            return runner.actions(user, actions.incidentId());
        } else if (command instanceof ChatCommand.Run run) {
            return runner.run(user, run.action(), run.parameters());
        } else if (command instanceof ChatCommand.Approve approve) {
            return runner.approve(user, approve.runId());
        } else if (command instanceof ChatCommand.Reject reject) {
            return runner.reject(user, reject.runId(), reject.reason());
        } else if (command instanceof ChatCommand.Question question) {
            return questions.answer(user, question.text());
        }
        throw new IllegalStateException("no executor for " + command.getClass().getSimpleName());
    }
}
