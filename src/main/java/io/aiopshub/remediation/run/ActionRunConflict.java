package io.aiopshub.remediation.run;

/** A request the run's state or the policy does not allow now (409): the run is in another state, a breaker is open. */
public class ActionRunConflict extends RuntimeException {

    private final String field;

    public ActionRunConflict(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
