package io.aiopshub.api.security;

import java.io.IOException;

import io.aiopshub.api.Problems;
import jakarta.servlet.http.HttpServletResponse;

/** The problem responses of the security chain, in the same JSON shape as every other API error. */
final class SecurityProblems {

    private SecurityProblems() { }

    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"aiops-hub\"");
        Problems.write(response, 401, "Unauthorized", detail, "Authorization");
    }

    static void forbidden(HttpServletResponse response) throws IOException {
        Problems.write(response, 403, "Forbidden", "this token may not use this endpoint", "Authorization");
    }

    static void rejectedPath(HttpServletResponse response) throws IOException {
        Problems.write(response, 400, "Bad Request",
                "the request path is not in canonical form (encoded or doubled separators, dot segments, ';' parameters)",
                "path");
    }
}
