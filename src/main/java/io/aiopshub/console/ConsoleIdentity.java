package io.aiopshub.console;

import java.security.Principal;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

import io.aiopshub.remediation.policy.Identity;

/**
 * Who a console session is, as the remediation policy names people: {@code api:<token name>} for a token
 * login, {@code oidc:<name>} for a person the OpenID provider signed in. The two doors never share a name:
 * a token called dana is not the provider's dana.
 */
public final class ConsoleIdentity {

    private ConsoleIdentity() { }

    /** The identity decisions are recorded under and checked against the policy. */
    public static String approver(Principal person) {
        return (signedInThroughProvider(person) ? Identity.OIDC : Identity.API) + ":" + person.getName();
    }

    /**
     * The name shown in the header and kept as a silence's creator: the token's name as before, the full
     * {@code oidc:} identity for the provider's people (what to write into the policy).
     */
    public static String shown(Principal person) {
        return signedInThroughProvider(person) ? approver(person) : person.getName();
    }

    private static boolean signedInThroughProvider(Principal person) {
        return person instanceof OAuth2AuthenticationToken;
    }
}
