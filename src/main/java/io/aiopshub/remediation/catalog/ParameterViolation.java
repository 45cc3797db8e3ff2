package io.aiopshub.remediation.catalog;

/**
 * Why a parameter value does not fit its action's schema.
 *
 * @param parameter parameter name, or {@code "*"} for problems with the call as a whole (unknown action)
 */
public record ParameterViolation(String parameter, String message) {

    @Override
    public String toString() {
        return parameter + ": " + message;
    }
}
