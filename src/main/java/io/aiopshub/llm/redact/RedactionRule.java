package io.aiopshub.llm.redact;

/** One step of the redaction pipeline. */
interface RedactionRule {

    String apply(String text);
}
