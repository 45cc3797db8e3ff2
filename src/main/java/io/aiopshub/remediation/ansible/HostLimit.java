package io.aiopshub.remediation.ansible;

import java.util.regex.Pattern;

/**
 * The one host a run is limited to. {@code --limit} takes host patterns ({@code web*}, {@code all:!db},
 * {@code ~regex}, {@code @file}, {@code a,b}); the executor accepts only the exact name of one host of
 * the inventory.
 */
final class HostLimit {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,252}");
    private static final String PATTERN_CHARACTERS = ":!*~@,&[]?^$|()\\ ";

    private HostLimit() {
    }

    /** Why {@code limit} is not a plain host name, or {@code null}. */
    static String syntaxProblem(String limit) {
        if (limit == null || limit.isBlank()) {
            return "the limit is empty: a run needs the exact name of one inventory host";
        }
        for (char c : limit.toCharArray()) {
            if (PATTERN_CHARACTERS.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                return "limit '" + limit + "' is a host pattern (it contains '" + c
                        + "'): only the exact name of one inventory host is allowed";
            }
        }
        if (!HOST.matcher(limit).matches()) {
            return "limit '" + limit + "' is not a host name (letters, digits, '.', '_', '-'; at most 253)";
        }
        return null;
    }

    /** Why {@code limit} does not name exactly one host of {@code inventory}, or {@code null}. */
    static String problem(String limit, InventoryHosts inventory) {
        String syntax = syntaxProblem(limit);
        if (syntax != null) {
            return syntax;
        }
        if (inventory.hosts().contains(limit)) {
            return null;
        }
        if (inventory.groups().contains(limit)) {
            return "limit '" + limit + "' is a group of the inventory, not a host: a run is limited to one host";
        }
        return "host '" + limit + "' is not in the inventory";
    }
}
