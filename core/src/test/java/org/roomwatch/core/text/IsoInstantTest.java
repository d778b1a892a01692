package org.roomwatch.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void sameTextAsInstantToStringOverRandomInstants() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 400_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertEquals(instant.toString(), IsoInstant.format(instant), () -> "epoch second " + seconds + " nano " + nano);
        }
    }

    @Test
    void edgesOfTheFastPathAndOfEachPrecision() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(0, 999_999_999), Instant.ofEpochSecond(0, 1_000), Instant.ofEpochSecond(0, 1_000_000),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("2000-02-29T00:00:00.100Z"), Instant.MIN, Instant.MAX}) {
            assertEquals(instant.toString(), IsoInstant.format(instant));
        }
        assertEquals("2026-11-21T22:30:48.120Z", IsoInstant.format(Instant.parse("2026-11-21T22:30:48.12Z")));
    }
}
