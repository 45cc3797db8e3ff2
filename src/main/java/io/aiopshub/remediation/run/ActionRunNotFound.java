package io.aiopshub.remediation.run;

/** No action run has this id (404). */
public class ActionRunNotFound extends RuntimeException {

    public ActionRunNotFound(String id) {
        super("no action run " + id);
    }
}
