package io.aiopshub.rca.rules;

import io.aiopshub.regex.UserRegex;

/**
 * A backend many services call (config/analyst-rules.yaml, {@code backends}): how its errors read in a
 * caller's log ({@code match}: client library names, its own error texts) and how services that are this
 * backend are usually named ({@code services}).
 */
public record Backend(String id, UserRegex services, UserRegex match) { }
