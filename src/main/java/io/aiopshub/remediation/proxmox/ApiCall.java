package io.aiopshub.remediation.proxmox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request to the Proxmox VE API.
 *
 * @param path below {@code /api2/json}, already encoded
 * @param form the POST parameters in order (sent as {@code application/x-www-form-urlencoded})
 */
record ApiCall(String method, String path, Map<String, String> form) {

    ApiCall {
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    static ApiCall get(String path) {
        return new ApiCall("GET", path, Map.of());
    }

    static ApiCall post(String path, Map<String, String> form) {
        return new ApiCall("POST", path, form);
    }

    String formBody() {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return method + " " + path + (form.isEmpty() ? "" : " " + formBody());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
