package io.aiopshub.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** An OpenID setting that cannot work stops the start, naming the setting. */
class ConsoleOidcConfigTest {

    @Test
    void aCompleteSettingHasNoProblem() {
        assertThat(ConsoleOidcConfig.problems(settings("https://sso.example.com/realms/ops", "hub", List.of("*"), List.of())))
                .isEmpty();
        assertThat(ConsoleOidcConfig.problems(settings("https://accounts.google.com", "hub", List.of(), List.of("ops"))))
                .isEmpty();
    }

    @Test
    void eachMissingPieceIsNamed() {
        assertThat(ConsoleOidcConfig.problems(settings("sso.example.com", " ", List.of(), List.of()))).containsExactly(
                "aiops.console.oidc.issuer-uri: must be an http(s) URL such as https://sso.example.com/realms/ops",
                "aiops.console.oidc.client-id: is required when issuer-uri is set",
                "aiops.console.oidc.allowed-users / allowed-groups: list who may sign in "
                        + "(allowed-users=* lets every person of the provider in)");
        ConsoleOidcProperties noOpenid = settings("https://sso.example.com", "hub", List.of("*"), List.of());
        noOpenid.setScopes(List.of("profile"));
        noOpenid.setIdentityClaim("");
        assertThat(ConsoleOidcConfig.problems(noOpenid)).containsExactly(
                "aiops.console.oidc.identity-claim: must name a claim", "aiops.console.oidc.scopes: must contain openid");
    }

    private static ConsoleOidcProperties settings(String issuer, String clientId, List<String> users, List<String> groups) {
        ConsoleOidcProperties settings = new ConsoleOidcProperties();
        settings.setIssuerUri(issuer);
        settings.setClientId(clientId);
        settings.setAllowedUsers(users);
        settings.setAllowedGroups(groups);
        return settings;
    }
}
