package io.aiopshub.console.oidc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code aiops.console.oidc.*}: login to the console through an OpenID provider. Off while
 * {@code issuer-uri} is empty; the defaults are the documented ones of application.yml.
 */
@ConfigurationProperties(prefix = "aiops.console.oidc")
public class ConsoleOidcProperties {

    /** The provider's issuer, e.g. https://sso.example.com/realms/ops; empty: no OpenID login. */
    private String issuerUri = "";

    /** The client id the provider knows the hub by. */
    private String clientId = "";

    /** The client's secret, sent to the provider's token endpoint only. */
    private String clientSecret = "";

    /** Shown on the login page as "Sign in with ..."; empty: the issuer's host name. */
    private String providerName = "";

    /** The claim that names the person ({@code oidc:<value>}); a person without it is named by {@code sub}. */
    private String identityClaim = "preferred_username";

    /** The claim that lists the person's groups (or roles), for {@link #allowedGroups}. */
    private String groupsClaim = "groups";

    /** Names (values of the identity claim) that may sign in; {@code *} lets every person of the provider in. */
    private List<String> allowedUsers = new ArrayList<>();

    /** Groups whose members may sign in (values of the groups claim). */
    private List<String> allowedGroups = new ArrayList<>();

    /** Scopes asked of the provider. */
    private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));

    /**
     * Whether signing out of the console also ends the person's session at the provider (OpenID RP-initiated
     * logout, when the provider announces an end_session_endpoint): else the next "Sign in with ..." lets
     * them straight back in without asking.
     */
    private boolean logoutAtProvider = true;

    public String getIssuerUri() { return issuerUri; }
    public void setIssuerUri(String issuerUri) { this.issuerUri = issuerUri; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getProviderName() { return providerName; }
    public void setProviderName(String providerName) { this.providerName = providerName; }
    public String getIdentityClaim() { return identityClaim; }
    public void setIdentityClaim(String identityClaim) { this.identityClaim = identityClaim; }
    public String getGroupsClaim() { return groupsClaim; }
    public void setGroupsClaim(String groupsClaim) { this.groupsClaim = groupsClaim; }
    public List<String> getAllowedUsers() { return allowedUsers; }
    public void setAllowedUsers(List<String> allowedUsers) { this.allowedUsers = allowedUsers; }
    public List<String> getAllowedGroups() { return allowedGroups; }
    public void setAllowedGroups(List<String> allowedGroups) { this.allowedGroups = allowedGroups; }
    public List<String> getScopes() { return scopes; }
    public void setScopes(List<String> scopes) { this.scopes = scopes; }
    public boolean isLogoutAtProvider() { return logoutAtProvider; }
    public void setLogoutAtProvider(boolean logoutAtProvider) { this.logoutAtProvider = logoutAtProvider; }
}
