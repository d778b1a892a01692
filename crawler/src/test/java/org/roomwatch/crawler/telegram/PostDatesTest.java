package org.roomwatch.crawler.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PostDatesTest {
    @Test
    void theFastPathAgreesWithOffsetDateTimeParse() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d", 1990 + random.nextInt(60), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextBoolean() ? "+" : "-",
                    random.nextInt(15), random.nextBoolean() ? 0 : 30);
            assertEquals(OffsetDateTime.parse(text).toInstant(), PostDates.parse(text), text);
            String utc = text.substring(0, 19) + "Z";
            assertEquals(OffsetDateTime.parse(utc).toInstant(), PostDates.parse(utc), utc);
        }
        for (String other : List.of("2026-01-01T09:30:00Z", "2026-01-01T09:30:00.250+09:00", "2026-01-01T09:30+09:00")) {
            assertEquals(OffsetDateTime.parse(other).toInstant(), PostDates.parse(other), other);
        }
    }

    @Test
    void whatTheFullParserRefusesIsRefusedTheSame() {
        for (String bad : List.of("2026-02-30T09:30:00+00:00", "2026-13-01T09:30:00+00:00", "2026-01-01T24:00:00+00:00",
                "2026-01-01T09:60:00+00:00", "2026-01-01T09:30:60+00:00", "2026-01-01T09:30:00+19:00", "２０２６-01-01T09:30:00+00:00",
                "2026-01-01T09:3a:00+00:00", "2026-01-01 09:30:00+00:00", "", "yesterday", "2026-02-30T09:30:00Z", "2026-01-01T09:30:0aZ")) {
            assertThrows(DateTimeParseException.class, () -> PostDates.parse(bad), bad);
            assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(bad), bad);
        }
    }
}
