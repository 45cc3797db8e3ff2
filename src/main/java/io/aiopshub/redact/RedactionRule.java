package io.aiopshub.redact;

/** One step of the redaction pipeline. */
interface RedactionRule {

    String apply(String text);
}
