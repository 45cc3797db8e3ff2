package io.aiopshub.remediation.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The remediation policy's settings under {@code aiops.remediation}. The approvers, auto-run rules and limits
 * themselves live in the policy file, which reloads; the kill switch is a property so it can be set from
 * the environment ({@code AIOPS_REMEDIATION_ENABLED=false}) whatever the file says.
 */
@ConfigurationProperties("aiops.remediation")
public class RemediationPolicyProperties {

    /** Global kill switch: false refuses every launch ("remediation is switched off"); proposals still record. */
    private boolean enabled = true;
    /** The policy file (YAML). Falls back to the copy bundled in the jar when absent. */
    private String policyFile = "config/remediation.yaml";
    /** Apply edits of the policy file without a restart (a broken edit changes nothing). */
    private boolean policyReload = true;
    /** How often the policy file is checked for edits. */
    private Duration policyPollInterval = Duration.ofSeconds(2);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getPolicyFile() { return policyFile; }
    public void setPolicyFile(String policyFile) { this.policyFile = policyFile; }
    public boolean isPolicyReload() { return policyReload; }
    public void setPolicyReload(boolean policyReload) { this.policyReload = policyReload; }
    public Duration getPolicyPollInterval() { return policyPollInterval; }
    public void setPolicyPollInterval(Duration policyPollInterval) { this.policyPollInterval = policyPollInterval; }
}
