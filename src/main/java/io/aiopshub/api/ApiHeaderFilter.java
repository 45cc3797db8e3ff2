package io.aiopshub.api;

import java.util.Set;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Response headers of the REST API: only what the route set on purpose goes back to the client. Without
 * this, platform-http echoes request headers, including the caller's Authorization token.
 */
@Component("apiHeaderFilter")
public class ApiHeaderFilter extends DefaultHeaderFilterStrategy {

    private static final Set<String> ALLOWED = Set.of("content-type", "location", "retry-after");

    public ApiHeaderFilter() {
        setLowerCase(true);
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, org.apache.camel.Exchange exchange) {
        return !ALLOWED.contains(headerName.toLowerCase(java.util.Locale.ROOT))
                || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
