package io.aiopshub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.support.RawHttp;

/**
 * The console's OpenID login through the whole authorization-code flow over real HTTP, with WireMock as the
 * provider (discovery, JWKS of an RSA key made here, authorize, token and user-info endpoints) and a
 * cookie-keeping client that follows each redirect by hand: login page, the provider's authorize URL, the
 * callback with code and state, the session. The provider's stubs are only set up per test, after the hub
 * started: a hub that read the discovery document at start would not have started.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-oidc;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=alice:alice-token,dana:dana-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/remediation/catalog.yaml",
        "aiops.remediation.policy-file=src/test/resources/remediation/policy-oidc.yaml",
        "aiops.console.oidc.client-id=aiops-console",
        "aiops.console.oidc.client-secret=s3cret-oidc",
        "aiops.console.oidc.provider-name=Test SSO",
        "aiops.console.oidc.allowed-groups=oncall"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOidcTest {

    static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());
    static final String REALM = "/realms/ops";
    static final String AUTHORIZE = REALM + "/protocol/openid-connect/auth";
    static final String TOKEN = REALM + "/protocol/openid-connect/token";
    static final String USERINFO = REALM + "/protocol/openid-connect/userinfo";
    static final String JWKS = REALM + "/protocol/openid-connect/certs";
    static final String LOGOUT = REALM + "/protocol/openid-connect/logout";
    static final RSAKey KEY = rsaKey("provider-key");
    static final RSAKey FORGER = rsaKey("provider-key");

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("aiops.console.oidc.issuer-uri", ConsoleOidcTest::issuer);
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired IncidentEngine engine;
    @Autowired ActionRunStore runs;
    @Autowired ObjectMapper json;
    final HttpClient providerBrowser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void provider() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(get(REALM + "/.well-known/openid-configuration").willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%2$s%3$s", "token_endpoint": "%2$s%4$s",
                 "userinfo_endpoint": "%2$s%5$s", "jwks_uri": "%2$s%6$s", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                 "code_challenge_methods_supported": ["S256"], "end_session_endpoint": "%2$s%7$s"}
                """.formatted(issuer(), PROVIDER.baseUrl(), AUTHORIZE, TOKEN, USERINFO, JWKS, LOGOUT))));
        PROVIDER.stubFor(get(JWKS).willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        // The person logs in at the provider, which sends them back with a fresh code and the hub's state.
        PROVIDER.stubFor(get(urlPathEqualTo(AUTHORIZE)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code={{randomValue length=24 type='ALPHANUMERIC'}}"
                        + "&state={{urlEncode request.query.state}}")
                .withTransformers("response-template")));
    }

    @Test
    @Order(1)
    void theProviderIsFirstAskedAtASignInAndAProviderThatIsDownLeavesTheTokenLoginWorking() throws Exception {
        assertThat(PROVIDER.findAll(getRequestedFor(urlPathEqualTo(REALM + "/.well-known/openid-configuration")))).isEmpty();
        PROVIDER.stubFor(get(REALM + "/.well-known/openid-configuration").willReturn(aResponse().withStatus(503)));

        ConsoleSession browser = new ConsoleSession(port);
        browser.get("/console/login");
        ConsoleSession.Page start = browser.get("/console/oauth2/authorization/oidc");
        assertThat(start.location()).endsWith("/console/login?oidcerror");
        assertThat(browser.get("/console/login?oidcerror").body()).contains("Sign-in with")
                .contains("<span>Test SSO</span> did not succeed");
        assertThat(browser.get("/console/incidents").location()).endsWith("/console/login");

        assertThat(browser.login("alice-token").location()).endsWith("/console/incidents");
        assertThat(browser.get("/console/incidents").body()).contains("Signed in as <strong>alice</strong>");
        // A session opened with a token has nothing to end at the provider.
        assertThat(browser.post("/console/logout", Map.of()).location()).endsWith("/console/login?logout");
    }

    @Test
    void aPersonSignsInThroughTheProviderAndIsShownByTheirOidcName() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        assertThat(browser.get("/console").location()).endsWith("/console/login");
        assertThat(browser.get("/console/incidents").location()).endsWith("/console/login");
        String login = browser.get("/console/login").body();
        assertThat(login).contains("<a href=\"/console/oauth2/authorization/oidc\">Sign in with Test SSO</a>")
                .contains("name=\"token\"");
        String before = browser.cookie("JSESSIONID");

        SignIn signIn = signIn(browser, nonce -> signed(KEY, claims("u-dana", "dana", List.of("oncall"), nonce)));

        Map<String, String> authorize = signIn.authorize();
        String callback = "http://localhost:" + port + "/console/login/oauth2/code/oidc";
        assertThat(authorize).containsEntry("response_type", "code").containsEntry("client_id", "aiops-console")
                .containsEntry("redirect_uri", callback).containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(authorize.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(signIn.back().location()).endsWith("/console/incidents");
        assertThat(browser.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);

        List<LoggedRequest> tokenRequests = PROVIDER.findAll(postRequestedFor(urlPathEqualTo(TOKEN)));
        assertThat(tokenRequests).hasSize(1);
        LoggedRequest tokenRequest = tokenRequests.get(0);
        Map<String, String> form = query(tokenRequest.getBodyAsString());
        assertThat(form).containsOnlyKeys("grant_type", "code", "redirect_uri", "code_verifier")
                .containsEntry("grant_type", "authorization_code").containsEntry("code", signIn.code())
                .containsEntry("redirect_uri", callback);
        assertThat(s256(form.get("code_verifier"))).isEqualTo(authorize.get("code_challenge"));
        assertThat(tokenRequest.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("aiops-console:s3cret-oidc".getBytes(StandardCharsets.UTF_8)));
        PROVIDER.verify(1, getRequestedFor(urlPathEqualTo(USERINFO)).withHeader("Authorization", equalTo("Bearer at-u-dana")));

        ConsoleSession.Page incidents = browser.get("/console/incidents");
        assertThat(incidents.status()).isEqualTo(200);
        assertThat(incidents.body()).contains("Signed in as <strong>oidc:dana</strong>");

        // Logout ends the session here and at the provider, which sends the person back to the login page.
        URI logout = URI.create(browser.post("/console/logout", Map.of()).location());
        assertThat(logout.toString()).startsWith(PROVIDER.baseUrl() + LOGOUT + "?");
        assertThat(query(logout.getRawQuery()))
                .containsEntry("id_token_hint", signIn.idToken())
                .containsEntry("post_logout_redirect_uri", "http://localhost:" + port + "/console/login?logout");
        // The old cookie opens nothing.
        assertThat(browser.get("/console/incidents").location()).endsWith("/console/login");
    }

    @Test
    void theSessionCookieIsSameSiteLaxSoTheProvidersRedirectBackKeepsIt() throws Exception {
        RawHttp.Answer page = new RawHttp(port).send("GET", "/console/login", Map.of(), null);
        String setCookie = page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(setCookie).contains("JSESSIONID=").contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
    }

    @Test
    void anApprovalAndASilenceMadeInTheConsoleAreRecordedUnderTheOidcName() throws Exception {
        String incident = hub().raise(Map.of("alertname", "OidcNginxDown", "service", "nginx", "severity", "critical"), "down");
        ActionRun run = hub().awaitingApproval(runs, incident, "console-oidc-test");

        // A token that happens to be called dana is not the provider's dana: the policy lists oidc:dana only.
        ConsoleSession token = new ConsoleSession(port);
        token.login("dana-token");
        token.get("/console/approvals");
        token.post("/console/approvals/" + run.id() + "/approve", Map.of("comment", "as a token"));
        assertThat(token.get("/console/approvals").body()).contains("api:dana may not approve this run");
        assertThat(runs.find(run.id()).orElseThrow().state()).isEqualTo(ActionRunState.AWAITING_APPROVAL);

        ConsoleSession dana = new ConsoleSession(port);
        signIn(dana, nonce -> signed(KEY, claims("u-dana", "dana", List.of("oncall"), nonce)));
        assertThat(dana.get("/console/approvals").body()).contains("/console/approvals/" + run.id() + "/approve");
        dana.post("/console/approvals/" + run.id() + "/approve", Map.of("comment", "go ahead"));
        assertThat(dana.get("/console/approvals").body()).contains("Approved.");
        assertThat(runs.decisions(run.id())).singleElement().satisfies(d -> {
            assertThat(d.decidedBy()).isEqualTo("oidc:dana");
            assertThat(d.channel()).isEqualTo("console");
            assertThat(d.comment()).isEqualTo("go ahead");
        });
        JsonNode timeline = json.readTree(new RawHttp(port).send("GET", "/api/v1/incidents/" + incident,
                Map.of("Authorization", "Bearer alice-token"), null).body()).path("timeline");
        assertThat(actorOf(timeline, "action_approved")).isEqualTo("oidc:dana");
        assertThat(actorOf(timeline, "action_decision_refused")).isEqualTo("api:dana");

        dana.get("/console/incidents/" + incident);
        assertThat(dana.post("/console/silences", Map.of("matcher", "service=nginx", "hours", "1", "comment", "oidc silence"))
                .location()).endsWith("/console/silences");
        assertThat(jdbc.queryForObject("select created_by from silences where comment = 'oidc silence'", String.class))
                .isEqualTo("oidc:dana");
    }

    @Test
    void anIdTokenTheProviderDidNotSignOrForAnotherLoginOpensNoSession() throws Exception {
        Map<String, Function<String, String>> forgeries = new LinkedHashMap<>();
        forgeries.put("signed with an unknown key", nonce -> signed(FORGER, claims("u-dana", "dana", List.of("oncall"), nonce)));
        forgeries.put("unsigned", nonce -> new PlainJWT(claims("u-dana", "dana", List.of("oncall"), nonce)).serialize());
        forgeries.put("another login's nonce", nonce -> signed(KEY, claims("u-dana", "dana", List.of("oncall"), "n-" + nonce)));
        for (Map.Entry<String, Function<String, String>> forgery : forgeries.entrySet()) {
            ConsoleSession browser = new ConsoleSession(port);
            SignIn signIn = signIn(browser, forgery.getValue());
            assertThat(signIn.back().location()).as(forgery.getKey()).endsWith("/console/login?oidcerror");
            assertThat(browser.get("/console/incidents").location()).as(forgery.getKey()).endsWith("/console/login");
        }
        // A callback with a code but no state of this session is no login either.
        ConsoleSession stranger = new ConsoleSession(port);
        stranger.get("/console/login");
        assertThat(stranger.get("/console/login/oauth2/code/oidc?code=abc&state=xyz").location()).endsWith("/console/login?oidcerror");
        assertThat(stranger.get("/console/incidents").location()).endsWith("/console/login");
    }

    @Test
    void onlyMembersOfTheAllowedGroupsGetIn() throws Exception {
        ConsoleSession erin = new ConsoleSession(port);
        SignIn signIn = signIn(erin, nonce -> signed(KEY, claims("u-erin", "erin", List.of("guests"), nonce)));
        assertThat(signIn.back().location()).endsWith("/console/login?oidcerror");
        assertThat(erin.get("/console/incidents").location()).endsWith("/console/login");
        assertThat(erin.get("/console/login?oidcerror").body()).contains("may not use this console");

        // A name that cannot be an oidc: identity in the policy opens nothing either.
        ConsoleSession odd = new ConsoleSession(port);
        assertThat(signIn(odd, nonce -> signed(KEY, claims("u-odd", "has space", List.of("oncall"), nonce))).back().location())
                .endsWith("/console/login?oidcerror");
    }

    /** One login at the provider: what the hub asked the provider for, the code it got, and the hub's answer to the callback. */
    record SignIn(Map<String, String> authorize, String code, String idToken, ConsoleSession.Page back) { }

    private SignIn signIn(ConsoleSession browser, Function<String, String> idTokenFor) throws Exception {
        browser.get("/console/login");
        ConsoleSession.Page start = browser.get("/console/oauth2/authorization/oidc");
        assertThat(start.status()).isEqualTo(302);
        URI authorizeUrl = URI.create(start.location());
        assertThat(authorizeUrl.toString()).startsWith(PROVIDER.baseUrl() + AUTHORIZE + "?");
        Map<String, String> authorize = query(authorizeUrl.getRawQuery());

        HttpResponse<String> atProvider = providerBrowser.send(HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).isEqualTo(302);
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        String code = query(callback.getRawQuery()).get("code");
        String idToken = idTokenFor.apply(authorize.get("nonce"));
        String sub = subjectOf(idToken);
        PROVIDER.stubFor(post(TOKEN).withRequestBody(containing("code=" + code)).willReturn(okJson("""
                {"access_token": "at-%s", "token_type": "Bearer", "expires_in": 300, "scope": "openid profile email",
                 "id_token": "%s"}
                """.formatted(sub, idToken))));
        PROVIDER.stubFor(get(USERINFO).withHeader("Authorization", equalTo("Bearer at-" + sub))
                .willReturn(okJson("{\"sub\": \"" + sub + "\", \"email\": \"" + sub + "@example.com\"}")));

        ConsoleSession.Page back = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
        return new SignIn(authorize, code, idToken, back);
    }

    private static JWTClaimsSet claims(String sub, String name, List<String> groups, String nonce) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).subject(sub).audience("aiops-console")
                .issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce).claim("preferred_username", name).claim("groups", groups).build();
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(String jwt) throws Exception {
        return com.nimbusds.jwt.JWTParser.parse(jwt).getJWTClaimsSet().getSubject();
    }

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String issuer() {
        return PROVIDER.baseUrl() + REALM;
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String actorOf(JsonNode timeline, String kind) {
        for (JsonNode entry : timeline) {
            if (kind.equals(entry.path("kind").asText())) {
                return entry.path("actor").asText();
            }
        }
        return null;
    }

    private ConsoleHub hub() {
        return new ConsoleHub(port, "alice-token", engine, jdbc);
    }
}
