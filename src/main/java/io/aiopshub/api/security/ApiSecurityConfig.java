package io.aiopshub.api.security;

import java.util.LinkedHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.aiopshub.config.HubProperties;
import io.aiopshub.console.ConsoleTokenAuthentication;
import io.aiopshub.console.oidc.ConsoleOidc;
import io.aiopshub.console.IncidentEventsController;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

/**
 * The one security configuration. {@link #consoleSecurityFilterChain} takes {@code /console/**}; the
 * other chain is in front of every other HTTP path: the API, actuator, static files and anything a
 * later route adds. Spring Security's firewall first rejects paths that are not in canonical form
 * (encoded separators, {@code ;} parameters, {@code //}, dot segments), so the path that is checked is
 * the path that is served. Then: a bearer token names the caller; only the allow-list below is open
 * without one; signed paths ({@link SignedRequestVerifier}, e.g. Slack's callbacks) take only their
 * signature; everything else needs an API token, and the metrics endpoint also takes a metrics-only
 * token. Bodies are bounded after authorisation, on every path (for signed paths, before their
 * signature is checked over them).
 */
@Configuration
public class ApiSecurityConfig {

    /** Reachable without a token: status-only health (details need a token) and the API description. */
    static final String[] PUBLIC_GET = {
        "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/api/openapi.yaml"
    };

    /**
     * The console ({@code /console/**}), the only place with sessions: a person logs in with an API token
     * typed into a form, gets a new session id (fixation protection) holding the token's name, and every
     * form carries Spring Security's CSRF token. When configured, {@link ConsoleOidc} adds a sign-in through
     * an OpenID provider beside the token form. The API below stays stateless and cookie-free.
     */
    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, ApiTokens tokens,
                                                   ObjectProvider<ConsoleOidc> oidc) throws Exception {
        http
            .securityMatcher("/console/**")
            .authenticationProvider(new ConsoleTokenAuthentication(tokens))
            .sessionManagement(sessions -> sessions
                .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                .sessionFixation(fixation -> fixation.changeSessionId()))
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(form -> form
                .loginPage("/console/login")
                .passwordParameter("token")
                .defaultSuccessUrl("/console/incidents", true)
                .failureUrl("/console/login?error")
                .permitAll())
            .logout(logout -> logout
                .logoutUrl("/console/logout")
                .logoutSuccessUrl("/console/login?logout")
                .deleteCookies("JSESSIONID"))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "frame-ancestors 'none'; form-action 'self'")))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(consoleEntryPoint()))
            .authorizeHttpRequests(rules -> rules
                // ERROR renders, and ASYNC ends (a live stream completing), a request that was already authorised;
                // re-checking an ASYNC dispatch after a logout would only fail on a committed response.
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                .requestMatchers(HttpMethod.GET, "/console/assets/**", "/console/webjars/**").permitAll()
                .anyRequest().hasAuthority(ConsoleTokenAuthentication.ROLE));
        ConsoleOidc provider = oidc.getIfAvailable();
        if (provider != null) {
            provider.apply(http);
        }
        return http.build();
    }

    /**
     * Without a session, pages redirect to the login form; the live event stream and htmx's fragment requests
     * answer 401 instead, since neither an EventSource nor a swapped table fragment can show a login page.
     */
    private static AuthenticationEntryPoint consoleEntryPoint() {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byRequest = new LinkedHashMap<>();
        byRequest.put(request -> IncidentEventsController.PATH.equals(request.getRequestURI().substring(
                request.getContextPath().length())) || request.getHeader("HX-Request") != null,
                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byRequest);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/console/login"));
        return entryPoint;
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain hubSecurityFilterChain(HttpSecurity http, ApiTokens tokens, ApiSecurityProperties security,
                                               HubProperties hub, MeterRegistry registry,
                                               ObjectProvider<SignedRequestVerifier> verifiers) throws Exception {
        BoundedBodyFilter bodies = new BoundedBodyFilter(hub.getIngest().getMaxBodySize().toBytes(),
                security.getBodyReadTimeout(), security.getMaxBufferedBodies().toBytes(), registry);
        SignedRequestFilter signed = new SignedRequestFilter(verifiers.orderedStream().toList(), bodies);
        http
            // A token API without cookies or sessions: nothing for CSRF to ride on.
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
            // Signed paths (chat platforms calling back): the signature over the raw body, not a token.
            .addFilterAfter(signed, BearerTokenFilter.class)
            .addFilterAfter(bodies, AuthorizationFilter.class)
            .exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> SecurityProblems.unauthorized(response,
                        "missing Authorization: Bearer <token> header"))
                .accessDeniedHandler((request, response, e) -> SecurityProblems.forbidden(response)))
            .authorizeHttpRequests(rules -> rules
                // The error page renders a failure of a request that was already authorised.
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, PUBLIC_GET).permitAll()
                // Only a verified signature opens these; an API token alone does not.
                .requestMatchers(signed.signedPaths()).hasRole(SignedRequestFilter.ROLE)
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                    .hasAnyRole(ApiTokens.Role.API.name(), ApiTokens.Role.METRICS.name())
                .anyRequest().hasRole(ApiTokens.Role.API.name()));
        return http.build();
    }

    /** A path the firewall refuses gets the same problem JSON as every other 400. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> SecurityProblems.rejectedPath(response);
    }
}
