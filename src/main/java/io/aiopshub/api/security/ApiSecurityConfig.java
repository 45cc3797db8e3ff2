package io.aiopshub.api.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.aiopshub.config.HubProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

/**
 * The one filter chain in front of every HTTP path: the API, actuator, static files and anything a
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

    @Bean
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
