package org.roomwatch.core.config;

/** The HTTP API. */
public record ApiConfig(String host, int port) {
    public ApiConfig {
        host = Check.required("api.host", host);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("api.port must be between 0 and 65535, got " + port);
        }
    }

    public ApiConfig withPort(int value) {
        return new ApiConfig(host, value);
    }
}
