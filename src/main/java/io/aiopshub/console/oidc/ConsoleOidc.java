package io.aiopshub.console.oidc;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.util.StringUtils;

/**
 * The console's OpenID login, present only when an issuer is configured. Everything stays under
 * {@code /console/} (the console chain's path): the link {@value #AUTHORIZATION_BASE}/{@value #REGISTRATION}
 * sends the person to the provider, which returns them to {@value #CALLBACK_BASE}/{@value #REGISTRATION}.
 * The provider's discovery document is read at the first sign-in, not at start: a provider that is down
 * neither slows nor stops the hub, and the token login keeps working. PKCE is asked for although the hub
 * is a confidential client (a provider that does not know it ignores it).
 */
public class ConsoleOidc {

    public static final String REGISTRATION = "oidc";
    static final String AUTHORIZATION_BASE = "/console/oauth2/authorization";
    static final String CALLBACK_BASE = "/console/login/oauth2/code";
    static final String FAILURE_URL = "/console/login?oidcerror";
    /** Where the console's own logout goes (ApiSecurityConfig), and where the provider sends people back to. */
    static final String LOGGED_OUT = "/console/login?logout";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOidc.class);

    private final ConsoleOidcProperties settings;
    private final ClientRegistrationRepository registrations;

    ConsoleOidc(ConsoleOidcProperties settings) {
        this.settings = settings;
        this.registrations = new SupplierClientRegistrationRepository(
                () -> new InMemoryClientRegistrationRepository(discover(settings)));
    }

    /** "Sign in with ..." names this. */
    public String providerName() {
        return StringUtils.hasText(settings.getProviderName()) ? settings.getProviderName()
                : URI.create(settings.getIssuerUri()).getHost();
    }

    /** Where the login page's link points. */
    public String signInPath() {
        return AUTHORIZATION_BASE + "/" + REGISTRATION;
    }

    /** Adds the OpenID login beside the console chain's token form. */
    public void apply(HttpSecurity http) throws Exception {
        http.oauth2Login(login -> login
                .loginPage("/console/login")
                .clientRegistrationRepository(registrations)
                // The provider's tokens live as long as the session and no longer (not in a hub-wide map).
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION_BASE))
                .withObjectPostProcessor(unreachableProviderGoesBackToLogin())
                .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK_BASE + "/*"))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new ConsoleOidcUserService(settings)))
                .defaultSuccessUrl("/console/incidents", true)
                .failureUrl(FAILURE_URL)
                .permitAll());
        if (settings.isLogoutAtProvider()) {
            http.logout(logout -> logout.logoutSuccessHandler(logoutAtProvider()));
        }
    }

    /**
     * After the console session ended: a person who signed in through the provider is sent to its
     * end_session_endpoint (with their ID token as hint) and comes back to the login page. Sessions opened
     * with a token, and providers that announce no such endpoint, go to the login page directly.
     */
    private OidcClientInitiatedLogoutSuccessHandler logoutAtProvider() {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}" + LOGGED_OUT);
        handler.setDefaultTargetUrl(LOGGED_OUT);
        return handler;
    }

    /** By default an unreadable discovery document is a bare 500; the person gets the login page instead. */
    private static ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter> unreachableProviderGoesBackToLogin() {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler((request, response, e) -> {
                    LOG.warn("OpenID sign-in could not start: {}", e.getMessage());
                    response.sendRedirect(request.getContextPath() + FAILURE_URL);
                });
                return filter;
            }
        };
    }

    private static ClientRegistration discover(ConsoleOidcProperties settings) {
        return ClientRegistrations.fromOidcIssuerLocation(settings.getIssuerUri())
                .registrationId(REGISTRATION)
                .clientId(settings.getClientId())
                .clientSecret(settings.getClientSecret())
                .scope(settings.getScopes())
                .redirectUri("{baseUrl}" + CALLBACK_BASE + "/{registrationId}")
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }
}
