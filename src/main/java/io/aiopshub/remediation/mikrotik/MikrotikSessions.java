package io.aiopshub.remediation.mikrotik;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Opens the session of a plan (connect, TLS, login) and closes it when the route is done, whatever happened. */
@Component
public class MikrotikSessions {

    /** Exchange property holding the open {@link MikrotikSession}. */
    public static final String SESSION = "mikrotikSession";

    private final RouterOsConnector connector;

    public MikrotikSessions(RouterOsConnector connector) {
        this.connector = connector;
    }

    public MikrotikSession open(MikrotikPlan plan, Exchange exchange) {
        MikrotikSession session = new MikrotikSession(plan, connector.open(plan.deadline()));
        exchange.setProperty(SESSION, session);
        return session;
    }

    public void close(@ExchangeProperty(SESSION) MikrotikSession session) {
        if (session != null) {
            session.connection().close();
        }
    }
}
