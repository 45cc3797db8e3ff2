package io.aiopshub.console;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.aiopshub.api.security.ApiTokens;

/**
 * Checks the token a person typed into the console's login form against the API tokens (digests compared
 * in constant time by {@link ApiTokens}). Only a full API token opens the console; a metrics-only token does
 * not. The session's principal is the token's name, never the token.
 */
public class ConsoleTokenAuthentication implements AuthenticationProvider {

    /** The authority every console session holds. */
    public static final String ROLE = "ROLE_CONSOLE";

    private final ApiTokens tokens;

    public ConsoleTokenAuthentication(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object presented = authentication.getCredentials();
        ApiTokens.Caller caller = tokens.authenticate(presented == null ? null : presented.toString())
                .filter(c -> c.role() == ApiTokens.Role.API)
                .orElseThrow(() -> new BadCredentialsException("unknown token"));
        return UsernamePasswordAuthenticationToken.authenticated(caller.name(), null,
                List.of(new SimpleGrantedAuthority(ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
