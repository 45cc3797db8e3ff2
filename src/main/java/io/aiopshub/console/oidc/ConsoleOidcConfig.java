package io.aiopshub.console.oidc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.AbstractServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Wires the OpenID login only when {@code aiops.console.oidc.issuer-uri} is set; otherwise nothing of it
 * exists (no bean, no request to a provider). A setting that cannot work stops the start, naming it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcConfigured.class)
public class ConsoleOidcConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOidcConfig.class);

    @Bean
    ConsoleOidc consoleOidc(ConsoleOidcProperties settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("OpenID login of the console: " + String.join("; ", problems));
        }
        return new ConsoleOidc(settings);
    }

    /**
     * The provider sends the person back with a cross-site redirect, on which browsers do not send a
     * SameSite=Strict cookie: the session that holds the login's state and nonce would be lost. Lax cookies
     * go along on such top-level GETs but still not on cross-site POSTs, and every form keeps its CSRF token.
     * Runs after Spring Boot's own customizer, which applies server.servlet.session.cookie.same-site.
     */
    @Bean
    WebServerFactoryCustomizer<AbstractServletWebServerFactory> laxSessionCookieForOidc() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(AbstractServletWebServerFactory factory) {
                LOG.info("OpenID login of the console is on: the session cookie is SameSite=Lax");
                factory.getSession().getCookie().setSameSite(SameSite.LAX);
            }
        };
    }

    static List<String> problems(ConsoleOidcProperties settings) {
        List<String> problems = new ArrayList<>();
        String scheme = scheme(settings.getIssuerUri());
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            problems.add("aiops.console.oidc.issuer-uri: must be an http(s) URL such as https://sso.example.com/realms/ops");
        }
        if (!StringUtils.hasText(settings.getClientId())) {
            problems.add("aiops.console.oidc.client-id: is required when issuer-uri is set");
        }
        if (!StringUtils.hasText(settings.getIdentityClaim())) {
            problems.add("aiops.console.oidc.identity-claim: must name a claim");
        }
        if (!settings.getScopes().contains("openid")) {
            problems.add("aiops.console.oidc.scopes: must contain openid");
        }
        if (settings.getAllowedUsers().isEmpty() && settings.getAllowedGroups().isEmpty()) {
            problems.add("aiops.console.oidc.allowed-users / allowed-groups: list who may sign in "
                    + "(allowed-users=* lets every person of the provider in)");
        }
        return problems;
    }

    private static String scheme(String uri) {
        try {
            URI parsed = URI.create(uri.trim());
            return parsed.getHost() == null ? null : parsed.getScheme();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
