package org.roomwatch.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a page may send the browser back to after login: a path on this server only. Browsers read {@code /\host},
 * {@code /<TAB>/host} and {@code //host} as another site, so anything but a plain path of safe characters is refused.
 */
final class LocalRedirect {
    /** A path, then an optional query: letters, digits and the URL punctuation that cannot start an authority. */
    private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@%/]*(\\?[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*)?");

    private LocalRedirect() {}

    /** {@code next} when it is a safe path on this server, else empty. */
    static Optional<String> of(String next) {
        if (next == null || next.length() > 2000 || !SAFE.matcher(next).matches()) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}
