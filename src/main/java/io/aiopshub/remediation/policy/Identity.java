package io.aiopshub.remediation.policy;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who approves or proposes a run, as the policy names them: {@code <kind>:<id>}. Kinds: {@code api} (an API
 * token's name; the prefix may be left out, so a bare token name is an {@code api} identity),
 * {@code telegram} (a numeric user id), {@code slack} (a member id such as {@code U024BE7LH}) and {@code oidc} (a
 * person signed in to the console through the OpenID provider, by the configured claim). Token names
 * cannot contain a colon, so the prefix is never ambiguous. Two spellings of one identity
 * ({@code alice}, {@code api:alice}) have the same {@link #canonical} form.
 */
public record Identity(String kind, String id) {

    public static final String API = "api";
    public static final String TELEGRAM = "telegram";
    public static final String SLACK = "slack";
    public static final String OIDC = "oidc";

    /** The id grammar per kind; API token names as {@code aiops.security.api-tokens} accepts them. */
    private static final Map<String, Pattern> IDS = Map.of(
            API, Pattern.compile("[A-Za-z0-9_.@-]{1,64}"),
            TELEGRAM, Pattern.compile("[1-9][0-9]{0,19}"),
            SLACK, Pattern.compile("[A-Z0-9]{1,64}"),
            // Usernames and e-mail addresses as providers send them (letters of any script), never a colon.
            OIDC, Pattern.compile("[\\p{L}\\p{N}_.@+-]{1,128}"));

    private static final Map<String, String> EXPECTED = Map.of(
            API, "an API token name ([A-Za-z0-9_.@-], at most 64 characters)",
            TELEGRAM, "a Telegram user id (a number)",
            SLACK, "a Slack member id (capital letters and digits, e.g. U024BE7LH)",
            OIDC, "an OpenID user name (letters, digits, _ . @ + -, at most 128 characters)");

    /** The identity {@code text} names, or why it names none. */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(null, "is empty");
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? API : text.substring(0, colon);
        String id = colon < 0 ? text : text.substring(colon + 1);
        Pattern grammar = IDS.get(kind);
        if (grammar == null) {
            return new Parsed(null, "'" + text + "' has unknown kind '" + kind + "'; use api:<token name>, "
                    + "telegram:<user id>, slack:<member id> or oidc:<user name> (there is no wildcard)");
        }
        if (!grammar.matcher(id).matches()) {
            return new Parsed(null, "'" + text + "' is not " + EXPECTED.get(kind));
        }
        return new Parsed(new Identity(kind, id), null);
    }

    /**
     * The form two identities are compared in. Text that is no identity (a proposer such as
     * {@code analysis:llm}) stays as it is, so it can never equal a listed approver by accident.
     */
    public static String canonical(String text) {
        return Optional.ofNullable(parse(text).identity()).map(Identity::toString).orElse(text);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }

    /** A parse result: the identity, or the problem with the text. */
    public record Parsed(Identity identity, String problem) { }
}
