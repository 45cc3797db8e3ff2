package io.aiopshub.rca.rules;

import io.aiopshub.regex.UserRegex;

/**
 * How a change event counts (config/analyst-rules.yaml, {@code changes}): its type and summary are
 * searched; the first rule that fits gives the category a change of that kind stands for.
 */
public record ChangeRule(String id, UserRegex match, String category, double weight, String finding) { }
