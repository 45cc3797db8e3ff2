package io.aiopshub.rca.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiopshub.remediation.catalog.ActionCatalog;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisOutputParserTest {

    private static final String VALID = """
            {
              "summary": "nginx on web-01 is crash-looping after the 10:20 deploy",
              "root_cause": "The new nginx.conf references a missing TLS certificate, so the service exits on start.",
              "root_service": "nginx",
              "category": "configuration",
              "severity": "high",
              "confidence": 0.82,
              "evidence": [
                {"kind": "template", "ref": "T17", "detail": "'cannot load certificate' appears 48 times since 10:20"},
                {"kind": "alert", "ref": "fp:8f14e45fceea167a", "detail": "NginxDown firing on web-01"},
                {"kind": "metric", "ref": "node_systemd_unit_state{name=\\"nginx.service\\"}", "detail": "flaps between failed and activating"}
              ],
              "suggested_actions": [
                {"action_id": "restart_service", "parameters": {"host": "web-01", "service": "nginx"}, "reason": "after restoring the certificate"}
              ]
            }
            """;

    private final AnalysisOutputParser parser = new AnalysisOutputParser(ActionCatalog.load(Path.of("playbooks/catalog.yaml")));

    @Test
    void parsesValidOutput() {
        ParseOutcome.Success success = success(parser.parse(VALID));
        AnalysisResult r = success.result();
        assertThat(r.summary()).isEqualTo("nginx on web-01 is crash-looping after the 10:20 deploy");
        assertThat(r.rootCause()).startsWith("The new nginx.conf");
        assertThat(r.severity()).isEqualTo("high");
        assertThat(r.confidence()).isEqualTo(0.82);
        assertThat(r.evidence()).extracting(Evidence::kind).containsExactly("template", "alert", "metric");
        assertThat(r.evidence().get(2).ref()).isEqualTo("node_systemd_unit_state{name=\"nginx.service\"}");
        assertThat(r.suggestedActions()).containsExactly(
                new SuggestedAction("restart_service", Map.of("host", "web-01", "service", "nginx"), "after restoring the certificate"));
        assertThat(success.droppedActions()).isEmpty();
    }

    @Test
    void parsesFencedOutput() {
        String reply = "```json\n" + VALID + "```\n";
        assertThat(success(parser.parse(reply)).result().severity()).isEqualTo("high");
    }

    @Test
    void parsesJsonAfterProseAndBeforeMoreProse() {
        String reply = "Sure! Looking at the {template} counts, here is my analysis:\n\n" + VALID
                + "\nLet me know if you need {more} detail.";
        assertThat(success(parser.parse(reply)).result().confidence()).isEqualTo(0.82);
    }

    @Test
    void fenceWithoutObjectDoesNotHideTheAnswer() {
        String reply = "Run this first:\n```bash\nsystemctl status nginx\n```\nThen:\n" + VALID;
        assertThat(parser.parse(reply).isSuccess()).isTrue();
    }

    @Test
    void reportsMissingField() {
        String reply = VALID.replace("\"root_cause\": \"The new nginx.conf references a missing TLS certificate, so the service exits on start.\",", "");
        assertThat(failure(parser.parse(reply)).problems()).containsExactly("root_cause: required field is missing");
    }

    @Test
    void reportsWrongTypes() {
        String reply = VALID.replace("\"confidence\": 0.82", "\"confidence\": \"0.82\"")
                .replace("\"summary\": \"nginx on web-01 is crash-looping after the 10:20 deploy\"", "\"summary\": 42");
        assertThat(failure(parser.parse(reply)).problems()).containsExactly(
                "summary: expected a string, got number 42",
                "confidence: expected a number between 0 and 1, got string \"0.82\"");
    }

    @Test
    void reportsConfidenceOutOfRange() {
        String reply = VALID.replace("\"confidence\": 0.82", "\"confidence\": 1.7");
        assertThat(failure(parser.parse(reply)).problems()).containsExactly("confidence: must be between 0 and 1, got 1.7");
    }

    @Test
    void reportsBadSeverityAndEvidenceKind() {
        String reply = VALID.replace("\"severity\": \"high\"", "\"severity\": \"urgent\"")
                .replace("\"kind\": \"template\"", "\"kind\": \"log\"");
        assertThat(failure(parser.parse(reply)).problems()).containsExactly(
                "severity: must be one of critical, high, warning, info, got \"urgent\"",
                "evidence[0].kind: must be one of template, metric, alert, change, got \"log\"");
    }

    @Test
    void forgivesCaseOfEnumValues() {
        String reply = VALID.replace("\"severity\": \"high\"", "\"severity\": \"High\"")
                .replace("\"kind\": \"alert\"", "\"kind\": \"ALERT\"");
        AnalysisResult r = success(parser.parse(reply)).result();
        assertThat(r.severity()).isEqualTo("high");
        assertThat(r.evidence().get(1).kind()).isEqualTo("alert");
    }

    @Test
    void categoryAndRootServiceAreRequiredAndValidated() {
        ParseOutcome.Success ok = success(parser.parse(VALID.replace("\"configuration\"", "\"Security\""), java.util.List.of("nginx", "web-01")));
        assertThat(ok.result().category()).isEqualTo("security");
        assertThat(ok.result().rootService()).isEqualTo("nginx");
        assertThat(success(parser.parse(VALID.replace("\"root_service\": \"nginx\"", "\"root_service\": \"NGINX \""),
                java.util.List.of("nginx"))).result().rootService()).as("the known spelling is kept").isEqualTo("nginx");
        String bad = VALID.replace("\"category\": \"configuration\"", "\"category\": \"network\"")
                .replace("\"root_service\": \"nginx\"", "\"root_service\": \"the database\"");
        assertThat(failure(parser.parse(bad, java.util.List.of("nginx", "web-01"))).problems()).containsExactly(
                "root_service: must be one of the services in the input (nginx, web-01), got \"the database\"",
                "category: must be one of availability, resources, application, dependency, performance, configuration, "
                        + "security, unknown, got \"network\"");
        String missing = VALID.replace("\"root_service\": \"nginx\",", "").replace("\"category\": \"configuration\",", "");
        assertThat(failure(parser.parse(missing)).problems()).containsExactly(
                "root_service: required field is missing", "category: required field is missing");
    }

    @Test
    void reportsStructuralProblemsInArrays() {
        String reply = """
                {"summary": "s", "root_cause": "r", "root_service": "api", "category": "unknown", "severity": "info", "confidence": 0,
                 "evidence": [{"kind": "metric", "detail": "d"}, "T1"],
                 "suggested_actions": {"action_id": "restart_service"}}
                """;
        assertThat(failure(parser.parse(reply)).problems()).containsExactly(
                "evidence[0].ref: required field is missing",
                "evidence[1]: expected an object, got string \"T1\"",
                "suggested_actions: expected an array, got an object");
    }

    @Test
    void dropsAndReportsUnknownActionId() {
        String reply = VALID.replace(
                "{\"action_id\": \"restart_service\"",
                "{\"action_id\": \"reboot_datacenter\", \"parameters\": {}, \"reason\": \"why not\"},\n    {\"action_id\": \"restart_service\"");
        ParseOutcome.Success success = success(parser.parse(reply));
        assertThat(success.result().suggestedActions()).extracting(SuggestedAction::actionId).containsExactly("restart_service");
        assertThat(success.droppedActions()).containsExactly(
                new DroppedAction(0, "reboot_datacenter", "unknown action id (not in the action catalog)"));
    }

    @Test
    void dropsAndReportsActionWithBadParameters() {
        String reply = VALID.replace(
                "{\"action_id\": \"restart_service\"",
                "{\"action_id\": \"proxmox_vm_restart\", \"parameters\": {\"node\": \"pve-01\", \"vmid\": \"104\"}, \"reason\": \"vm hung\"},\n"
                        + "    {\"action_id\": \"cleanup_disk\", \"parameters\": {\"path\": \"/var/log\"}, \"reason\": \"disk full\"},\n"
                        + "    {\"action_id\": \"restart_service\"");
        ParseOutcome.Success success = success(parser.parse(reply));
        assertThat(success.result().suggestedActions()).extracting(SuggestedAction::actionId).containsExactly("restart_service");
        assertThat(success.droppedActions()).containsExactly(
                new DroppedAction(0, "proxmox_vm_restart", "invalid parameters: vmid: expected integer, got string \"104\""),
                new DroppedAction(1, "cleanup_disk",
                        "invalid parameters: host: required parameter is missing; older_than_days: required parameter is missing"));
    }

    @Test
    void missingParametersObjectMeansNoParameters() {
        String reply = VALID.replace("\"parameters\": {\"host\": \"web-01\", \"service\": \"nginx\"}, ", "");
        ParseOutcome.Success success = success(parser.parse(reply));
        assertThat(success.result().suggestedActions()).isEmpty();
        assertThat(success.droppedActions()).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("host: required parameter is missing"));
    }

    @Test
    void reportsTruncatedJsonInsideString() {
        String reply = "```json\n" + VALID.substring(0, VALID.indexOf("missing TLS"));
        assertThat(failure(parser.parse(reply)).problems()).containsExactly(
                "the output is truncated: the JSON object is not complete (it ends inside a string value); return the whole object");
    }

    @Test
    void reportsTruncatedJsonBetweenValues() {
        String reply = VALID.substring(0, VALID.indexOf("\"parameters\""));
        assertThat(failure(parser.parse(reply)).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("the output is truncated").contains("3 unclosed brackets"));
    }

    @Test
    void objectWithoutAnswerFieldsIsReportedByItsMissingFields() {
        assertThat(failure(parser.parse("Result: {\"analysis\": \"db is down\"}")).problems())
                .contains("summary: required field is missing", "suggested_actions: required field is missing (use [] if there is nothing to list)");
    }

    @Test
    void reportsInvalidJsonWithLocation() {
        String reply = "{'summary': 'single quotes are not JSON'}";
        assertThat(failure(parser.parse(reply)).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("the output is not valid JSON:").contains("line 1"));
    }

    @Test
    void syntaxErrorInAnswerIsNotHiddenByItsValidNestedObjects() {
        String reply = VALID.replace("\"severity\": \"high\",", "\"severity\": \"high\"");
        assertThat(failure(parser.parse(reply)).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("the output is not valid JSON:"));
    }

    @Test
    void toleratesTrailingCommas() {
        String reply = VALID.replace("\"reason\": \"after restoring the certificate\"}", "\"reason\": \"after restoring the certificate\"},");
        assertThat(parser.parse(reply).isSuccess()).isTrue();
    }

    @Test
    void reportsEmptyOrJsonlessOutput() {
        assertThat(failure(parser.parse("")).problems()).containsExactly("the output is empty; expected a JSON object");
        assertThat(failure(parser.parse(null)).problems()).containsExactly("the output is empty; expected a JSON object");
        assertThat(failure(parser.parse("I cannot determine the root cause.")).problems())
                .containsExactly("no JSON object found in the output");
    }

    @Test
    void repairInstructionsQuoteEveryProblem() {
        String reply = VALID.replace("\"confidence\": 0.82", "\"confidence\": 1.7").replace("\"severity\": \"high\",", "");
        ParseOutcome.Failure failure = failure(parser.parse(reply));
        assertThat(failure.repairInstructions())
                .contains("- severity: required field is missing\n")
                .contains("- confidence: must be between 0 and 1, got 1.7\n")
                .endsWith("without any other text.");
    }

    private static ParseOutcome.Success success(ParseOutcome outcome) {
        assertThat(outcome).as("expected success but got %s", outcome).isInstanceOf(ParseOutcome.Success.class);
        return (ParseOutcome.Success) outcome;
    }

    private static ParseOutcome.Failure failure(ParseOutcome outcome) {
        assertThat(outcome).as("expected failure but got %s", outcome).isInstanceOf(ParseOutcome.Failure.class);
        return (ParseOutcome.Failure) outcome;
    }
}
