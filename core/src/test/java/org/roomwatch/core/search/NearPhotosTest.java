package org.roomwatch.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearPhotosTest {
    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");

    /** {@code hex} with {@code n} bits flipped, spread over all 32 bytes (so no byte stays equal when n >= 32). */
    private static String flip(String hex, int n) {
        char[] digits = hex.toCharArray();
        for (int i = 0; i < n; i++) {
            int nibble = (i % 32) * 2 + (i / 32) % 2;
            digits[nibble] = Character.forDigit(Character.digit(digits[nibble], 16) ^ (1 << (i / 64) % 4), 16);
        }
        return new String(digits);
    }

    private static String random(long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            s.append(Character.forDigit(r.nextInt(16), 16));
        }
        return s.toString();
    }

    @Test
    void reUploadsWithin31BitsAreOnePictureAcrossRoomsAndThe32ndBitApartIsNot() {
        String her = random(1);
        List<RoomGraph.Posted> near = NearPhotos.inSeveralRooms(List.of(
                new NearPhotos.Seen(her, 100, Map.of("a", T)),
                new NearPhotos.Seen(flip(her, 31), 100, Map.of("b", T.plusSeconds(60)))));
        assertEquals(1, near.size(), near.toString());
        assertEquals(Map.of("a", T, "b", T.plusSeconds(60)), near.get(0).firstSeenByRoom());
        assertTrue(NearPhotos.inSeveralRooms(List.of(
                new NearPhotos.Seen(her, 100, Map.of("a", T)),
                new NearPhotos.Seen(flip(her, 32), 100, Map.of("c", T)))).isEmpty(), "32 bits from her is another picture");
    }

    @Test
    void nearnessIsTransitiveAndEachRoomKeepsItsEarliestSighting() {
        String her = random(2);
        String step = flip(her, 20);
        String further = flip(step, 20); // 40 bits from her, 20 from the step between
        List<RoomGraph.Posted> groups = NearPhotos.inSeveralRooms(List.of(
                new NearPhotos.Seen(her, 90, Map.of("a", T.plusSeconds(100))),
                new NearPhotos.Seen(step, 90, Map.of("a", T, "b", T.plusSeconds(5))),
                new NearPhotos.Seen(further, 90, Map.of("c", T.plusSeconds(9)))));
        assertEquals(1, groups.size());
        assertEquals(Map.of("a", T, "b", T.plusSeconds(5), "c", T.plusSeconds(9)), groups.get(0).firstSeenByRoom());
    }

    @Test
    void aDoubtfulPdqJoinsOnlyItsExactEqualsAndOneRoomIsNoTie() {
        String flat = random(3);
        List<RoomGraph.Posted> groups = NearPhotos.inSeveralRooms(List.of(
                new NearPhotos.Seen(flat, 20, Map.of("a", T, "b", T)),
                new NearPhotos.Seen(flip(flat, 3), 100, Map.of("c", T)),
                new NearPhotos.Seen(random(4), 100, Map.of("d", T))));
        assertEquals(1, groups.size());
        assertEquals(Map.of("a", T, "b", T), groups.get(0).firstSeenByRoom(), "quality 20: not joined with c");
    }

    @Test
    void thousandsOfUnrelatedPicturesStaySeparate() {
        List<NearPhotos.Seen> seen = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            seen.add(new NearPhotos.Seen(random(100 + i), 100, Map.of("room" + i % 50, T)));
        }
        assertTrue(NearPhotos.inSeveralRooms(seen).isEmpty(), "random PDQs are about 128 bits apart");
    }
}
