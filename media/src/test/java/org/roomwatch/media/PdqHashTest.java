package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PdqHashTest {
    private static final String HEX = "3efc0d3e31371d84f64f9ac1cedcf0c39f03e3816c2c053c08fc1a5c92c3fd23";

    @Test
    void hexRoundTripsAndAcceptsUpperCaseAndBlanks() {
        assertEquals(HEX, PdqHash.fromHex(HEX).hex());
        assertEquals(HEX, PdqHash.fromHex("  " + HEX.toUpperCase() + "\n").hex());
    }

    @Test
    void badHexSaysWhatIsWrong() {
        var wrongLength = assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(HEX.substring(1)));
        assertEquals("a PDQ hash is 64 hex digits; got 63 characters", wrongLength.getMessage());
        var notHex = assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex("g" + HEX.substring(1)));
        assertEquals("a PDQ hash is 64 hex digits; character 1 ['g'] is not a hex digit", notHex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(null));
        assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(""));
    }

    @Test
    void distanceCountsFlippedBitsAndChunksFollowTheHexForm() {
        PdqHash h = PdqHash.fromHex(HEX);
        Random random = new Random(3);
        PdqHash moved = h;
        java.util.Set<Integer> flipped = new java.util.HashSet<>();
        while (flipped.size() < 31) {
            int bit = random.nextInt(256);
            if (flipped.add(bit)) {
                moved = moved.flip(bit);
            }
        }
        assertEquals(31, h.distance(moved));
        assertEquals(0, h.distance(h));
        assertEquals(0x3efc, h.chunk(0));
        assertEquals(0xfd23, h.chunk(15));
        assertEquals(0x1d84, h.chunk(3));
        assertEquals(0xfd22, h.flip(0).chunk(15));
        assertEquals(0xbefc, h.flip(255).chunk(0));
        assertTrue(h.toString().equals(HEX));
        assertThrows(IllegalArgumentException.class, () -> h.flip(256));
    }
}
