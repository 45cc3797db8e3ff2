package io.aiopshub.console;

import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.List;
import java.util.stream.StreamSupport;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.api.ActionApi;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.run.ActionDecisions;
import io.aiopshub.remediation.run.ActionRunConflict;
import io.aiopshub.remediation.run.ActionRunNotFound;
import io.aiopshub.remediation.run.ActionRunRefused;
import io.aiopshub.remediation.run.DecisionRequest;

/**
 * Runs awaiting approval, and the person's decision on them. Approval goes through the same route as the
 * API's ({@code direct:remediation-approve}, which launches the run when the policy's approvals are
 * complete); the approver is the logged-in person ({@link ConsoleIdentity#approver}: {@code api:<token name>}
 * or {@code oidc:<name>}), never a form field.
 * A refusal by the policy is shown to the person and recorded in the run's history.
 */
@Controller
public class ApprovalsController {

    static final String CHANNEL = "console";
    static final int MAX_COMMENT_LENGTH = 1000;

    private final ActionApi actionApi;
    private final ActionDecisions decisions;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public ApprovalsController(ActionApi actionApi, ActionDecisions decisions, ProducerTemplate producer,
                               ObjectMapper json) {
        this.actionApi = actionApi;
        this.decisions = decisions;
        this.producer = producer;
        this.json = json;
    }

    @GetMapping("/console/approvals")
    String approvals(Model model) {
        JsonNode items = read(actionApi.list(null, "awaiting_approval", "0", "100")).path("items");
        List<JsonNode> runs = StreamSupport.stream(items.spliterator(), false)
                .map(run -> read(actionApi.get(run.path("id").asText()))).toList();
        model.addAttribute("runs", runs);
        return "console/approvals";
    }

    @PostMapping("/console/approvals/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(required = false) String comment, Principal person,
                   RedirectAttributes flash) {
        DecisionRequest decision = decision(id, comment, person);
        return decide(flash, "Approved", () -> {
            Exchange result = producer.request("direct:remediation-approve", e -> e.getIn().setBody(decision));
            if (result.getException() != null) {
                throw unwrapped(result.getException());
            }
        });
    }

    @PostMapping("/console/approvals/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(required = false) String comment, Principal person,
                  RedirectAttributes flash) {
        DecisionRequest decision = decision(id, comment, person);
        return decide(flash, "Rejected", () -> decisions.reject(decision));
    }

    private static DecisionRequest decision(String id, String comment, Principal person) {
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > MAX_COMMENT_LENGTH) {
            throw new PayloadValidationException("comment", "must be at most " + MAX_COMMENT_LENGTH + " characters");
        }
        return new DecisionRequest(id, ConsoleIdentity.approver(person), CHANNEL, text);
    }

    private static String decide(RedirectAttributes flash, String done, Runnable decision) {
        try {
            decision.run();
            flash.addFlashAttribute("notice", done + ".");
        } catch (ActionRunRefused | ActionRunConflict | ActionRunNotFound e) {
            flash.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/console/approvals";
    }

    private static RuntimeException unwrapped(Exception e) {
        Throwable cause = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
