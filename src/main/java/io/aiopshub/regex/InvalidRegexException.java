package io.aiopshub.regex;

/** A user-supplied regex that cannot be used; the message says why, for a field-level error. */
public class InvalidRegexException extends IllegalArgumentException {

    public InvalidRegexException(String message) {
        super(message);
    }
}
