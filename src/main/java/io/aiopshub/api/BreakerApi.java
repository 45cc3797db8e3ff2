package io.aiopshub.api;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.aiopshub.api.security.ApiCaller;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.policy.EffectivenessBreaker;

/**
 * Remediation effectiveness breakers: {@code GET /api/v1/actions/breakers} lists the open ones;
 * {@code POST /api/v1/actions/breakers/{action}/{target}/reset} (or {@code .../{action}/reset} with
 * {@code {"target": "pve-01/104"}} for a target with a slash, which cannot be a path segment) closes one.
 * Who reset it is the name of the API token the request was authenticated with, never a request field.
 */
@Component("breakerApi")
public class BreakerApi {

    /** The width of the target column. */
    static final int MAX_TARGET_LENGTH = 512;

    private final EffectivenessBreaker breaker;
    private final ActionCatalog catalog;
    private final JsonBodies json;

    public BreakerApi(EffectivenessBreaker breaker, ActionCatalog catalog, JsonBodies json) {
        this.breaker = breaker;
        this.catalog = catalog;
        this.json = json;
    }

    public String list() {
        return json.write(Map.of("breakers", breaker.open()));
    }

    public String reset(@Header("action") String action, @Header("target") String target, byte[] body, Exchange exchange) {
        json.readEmpty(body);
        return doReset(action, target, exchange);
    }

    public String resetTargetInBody(@Header("action") String action, byte[] body, Exchange exchange) {
        JsonNode request = json.readObject(body);
        request.fieldNames().forEachRemaining(name -> {
            if (!name.equals("target")) {
                throw new PayloadValidationException(name, "is not a field of this request; only target is");
            }
        });
        return doReset(action, RequestFields.requiredText(request, "target", MAX_TARGET_LENGTH), exchange);
    }

    private String doReset(String action, String target, Exchange exchange) {
        if (action == null || !catalog.contains(action)) {
            throw new PayloadValidationException("action", "unknown action " + RequestFields.echo(action == null ? "" : action)
                    + "; the catalog has " + catalog.ids());
        }
        if (target == null || target.isBlank()) {
            throw new PayloadValidationException("target", "is required");
        }
        RequestFields.text("target", target, MAX_TARGET_LENGTH);
        return json.write(breaker.reset(action, target, ApiCaller.require(exchange)));
    }
}
