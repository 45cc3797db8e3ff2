package io.aiopshub.console.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import io.aiopshub.console.ConsoleTokenAuthentication;
import io.aiopshub.remediation.policy.Identity;

/**
 * Turns a person the provider vouched for (signed ID token checked by Spring Security, user info merged in)
 * into a console session, or refuses them. The session's name is the configured claim's value (falling back
 * to {@code sub}), which must be usable as an {@code oidc:} identity in the remediation policy; only the
 * allowed users and members of the allowed groups get in, so a provider with many accounts (Google) does not
 * open the console to all of them.
 */
class ConsoleOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOidcUserService.class);

    private final OAuth2UserService<OidcUserRequest, OidcUser> provider;
    private final ConsoleOidcProperties settings;

    ConsoleOidcUserService(ConsoleOidcProperties settings) {
        this(new OidcUserService(), settings);
    }

    ConsoleOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> provider, ConsoleOidcProperties settings) {
        this.provider = provider;
        this.settings = settings;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = provider.loadUser(request);
        Map<String, Object> claims = person.getClaims();
        String claim = text(claims.get(settings.getIdentityClaim())) != null ? settings.getIdentityClaim() : IdTokenClaimNames.SUB;
        String name = text(claims.get(claim));
        if (name == null || Identity.parse(Identity.OIDC + ":" + name).identity() == null) {
            throw refused("invalid_identity", "the " + claim + " claim of subject " + person.getSubject()
                    + " cannot name an oidc: identity");
        }
        if (!allowed(name, claims.get(settings.getGroupsClaim()))) {
            throw refused("access_denied", "oidc:" + name + " is not among aiops.console.oidc.allowed-users "
                    + "nor a member of allowed-groups (claim " + settings.getGroupsClaim() + ")");
        }
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority(ConsoleTokenAuthentication.ROLE)),
                person.getIdToken(), person.getUserInfo(), claim);
    }

    private boolean allowed(String name, Object groups) {
        if (settings.getAllowedUsers().contains("*") || settings.getAllowedUsers().contains(name)) {
            return true;
        }
        if (groups instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).anyMatch(settings.getAllowedGroups()::contains);
        }
        return groups instanceof String one && settings.getAllowedGroups().contains(one);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** Logged because the person only sees "did not succeed": the operator needs the why. */
    private static OAuth2AuthenticationException refused(String code, String why) {
        LOG.warn("Console sign-in through the OpenID provider refused: {}", why);
        return new OAuth2AuthenticationException(new OAuth2Error(code, why, null), why);
    }
}
