package io.aiopshub.remediation.mikrotik;

/** A plan with the logged-in connection it runs on; lives for one route call and is closed at its end. */
public record MikrotikSession(MikrotikPlan plan, RouterOsConnection connection) {
}
