package io.aiopshub.remediation.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.remediation.*}: how the action runner moves runs along. The remediation policy (the kill
 * switch and the blast-radius limits) binds its own keys under the same prefix; the executors theirs under
 * {@code aiops.remediation.<executor>}. Defaults are documented in application.yml.
 */
@ConfigurationProperties(prefix = "aiops.remediation")
public class RunnerProperties {

    /** How long a proposal waits for approval when its catalog entry sets no {@code approval_expiry}. */
    private Duration approvalExpiry = Duration.ofMinutes(30);
    /** Longest dry run, output, verify result or rollback output kept on a run, in characters (after redaction). */
    private int maxOutputChars = 65_536;
    /** How often the launcher looks for approved runs (each approval also triggers it at once). */
    private Duration launchInterval = Duration.ofSeconds(2);
    /** How often the verifier checks the runs this instance verifies. */
    private Duration verifyInterval = Duration.ofSeconds(5);
    /** How often the sweeper expires approvals and recovers runs whose instance died; it also runs once at start. */
    private Duration sweepInterval = Duration.ofSeconds(10);
    /** How long a run stays claimed by the instance running it without a renewal. */
    private Duration lease = Duration.ofSeconds(60);
    /** How often an instance renews the leases of the runs it holds; well below {@link #lease}. */
    private Duration leaseRenewal = Duration.ofSeconds(15);
    /** Runs one instance executes at the same time (the policy's max-concurrent limit applies on top). */
    private int executorThreads = 4;

    public Duration getApprovalExpiry() { return approvalExpiry; }
    public void setApprovalExpiry(Duration approvalExpiry) { this.approvalExpiry = approvalExpiry; }
    public int getMaxOutputChars() { return maxOutputChars; }
    public void setMaxOutputChars(int maxOutputChars) { this.maxOutputChars = maxOutputChars; }
    public Duration getLaunchInterval() { return launchInterval; }
    public void setLaunchInterval(Duration launchInterval) { this.launchInterval = launchInterval; }
    public Duration getVerifyInterval() { return verifyInterval; }
    public void setVerifyInterval(Duration verifyInterval) { this.verifyInterval = verifyInterval; }
    public Duration getSweepInterval() { return sweepInterval; }
    public void setSweepInterval(Duration sweepInterval) { this.sweepInterval = sweepInterval; }
    public Duration getLease() { return lease; }
    public void setLease(Duration lease) { this.lease = lease; }
    public Duration getLeaseRenewal() { return leaseRenewal; }
    public void setLeaseRenewal(Duration leaseRenewal) { this.leaseRenewal = leaseRenewal; }
    public int getExecutorThreads() { return executorThreads; }
    public void setExecutorThreads(int executorThreads) { this.executorThreads = executorThreads; }
}
