package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** After login the browser goes back only to a path on this server (defect 6 of the need-to-know review). */
class LocalRedirectTest {
    @Test
    void pathsOnThisServerAreKept() {
        for (String next : List.of("/search", "/search?q=%ED%95%9C%EB%B9%9B&page=2", "/rooms/hanbit_gossip", "/cases/2026-17",
                "/schools/9900001?lang=en")) {
            assertEquals(Optional.of(next), LocalRedirect.of(next), next);
        }
    }

    @Test
    void anythingABrowserCouldReadAsAnotherSiteIsRefused() {
        for (String next : List.of("//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/ /evil.example",
                "https://evil.example/", "evil.example", "javascript:alert(1)", "", "\\\\evil.example",
                "/" + "a".repeat(3000))) {
            assertEquals(Optional.empty(), LocalRedirect.of(next), next);
        }
        assertEquals(Optional.empty(), LocalRedirect.of(null));
    }

    @Test
    void encodedLineBreaksStayInsideThePath() {
        // The Location header gets the characters as written; %0d%0a are not line breaks there.
        assertEquals(Optional.of("/%0d%0aSet-Cookie:x"), LocalRedirect.of("/%0d%0aSet-Cookie:x"));
    }
}
