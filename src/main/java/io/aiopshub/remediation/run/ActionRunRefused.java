package io.aiopshub.remediation.run;

/** The policy does not let this person make this decision (403); the attempt is on the run's history. */
public class ActionRunRefused extends RuntimeException {

    private final String field;

    public ActionRunRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
