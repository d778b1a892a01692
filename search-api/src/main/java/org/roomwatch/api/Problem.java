package org.roomwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code type} is stable so clients can branch on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {
    static final String BASE = "https://roomwatch.org/problems/";

    static Problem invalidParameter(String parameter, String detail) {
        return new Problem(BASE + "invalid-parameter", "Invalid parameter", 400, detail, parameter);
    }

    static Problem notFound(String detail) {
        return new Problem(BASE + "not-found", "Not found", 404, detail, null);
    }

    static Problem invalidBody(String detail) {
        return new Problem(BASE + "invalid-body", "Invalid request body", 400, detail, null);
    }

    static Problem unavailable(String detail) {
        return new Problem(BASE + "backend-unavailable", "Backend unavailable", 503, detail, null);
    }
}
