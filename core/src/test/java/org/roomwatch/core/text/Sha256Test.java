package org.roomwatch.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Sha256Test {
    // FIPS 180-2 test vectors.
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void knownVectors() {
        assertEquals(EMPTY, Sha256.hex(""));
        assertEquals(ABC, Sha256.hex("abc"));
        assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theReusedDigestCarriesNothingFromOneCallToTheNext() {
        String first = Sha256.hex("abc");
        Sha256.hex("something else entirely");
        assertEquals(first, Sha256.hex("abc"));
        assertEquals(EMPTY, Sha256.hex(new byte[0]));
    }

    @Test
    void textIsHashedAsUtf8() {
        String korean = "서울중학교";
        assertEquals(Sha256.hex(korean.getBytes(StandardCharsets.UTF_8)), Sha256.hex(korean));
    }

    @Test
    void threadsDoNotShareADigest() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String text = "room-" + t;
                String expected = Sha256.hex(text);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        if (!Sha256.hex(text).equals(expected) || !Sha256.hex("abc").equals(ABC)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertEquals(true, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
