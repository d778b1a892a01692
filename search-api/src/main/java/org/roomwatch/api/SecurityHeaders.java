package org.roomwatch.api;

import io.javalin.http.Context;

/** The headers every answer of the server carries. */
final class SecurityHeaders {
    private SecurityHeaders() {}

    /**
     * What every answer carries, set before any handler (streamed exports included): no framing, no type sniffing, no
     * referrer (links carry list ids), nothing cached (case data must not stay on a shared computer), and a content
     * security policy that lets a page load only this server's own scripts and styles. The case page sets a stricter
     * one of its own.
     */
    static void set(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        // media-src blob: lets a page decode a video chosen on this device (a local object URL) to hash it there.
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
                + " media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        if (!ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
