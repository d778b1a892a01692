package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** vPDQ matching (quality filter, duplicates, the distance, both shares) and ThreatExchange's line format. */
class VpdqTest {
    private static PdqHash random(Random r) {
        return new PdqHash(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    }

    private static PdqHash flipped(PdqHash h, int bits) {
        PdqHash out = h;
        for (int b = 0; b < bits; b++) {
            out = out.flip(b * 7);
        }
        return out;
    }

    @Test
    void sharesCountFramesWithinThirtyOneAfterDroppingPoorAndRepeatedFrames() {
        Random r = new Random(1);
        List<VideoFrameHash> other = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            other.add(new VideoFrameHash(i * 25, 90, random(r), i));
        }
        List<VideoFrameHash> query = new ArrayList<>();
        query.add(new VideoFrameHash(0, 90, flipped(other.get(2).hash(), 31), 0)); // exactly 31 away: within
        query.add(new VideoFrameHash(25, 90, flipped(other.get(3).hash(), 32), 1)); // 32: not
        query.add(new VideoFrameHash(50, 90, other.get(4).hash(), 2));
        query.add(new VideoFrameHash(75, 90, other.get(4).hash(), 3)); // the same hash again: counted once
        query.add(new VideoFrameHash(100, 49, other.get(5).hash(), 4)); // quality under 50: dropped
        Vpdq.Comparison c = Vpdq.compare(query, other, Vpdq.DISTANCE);
        assertEquals(200.0 / 3, c.queryPercent(), 1e-9, "2 of the 3 usable query frames: " + c);
        assertEquals(20.0, c.comparedPercent(), 1e-9, "2 of the other's 10 frames");
        assertEquals(List.of(31, 0), c.pairs().stream().map(Vpdq.FramePair::distance).toList());
        assertFalse(c.matches(80, 0));
        assertTrue(c.matches(60, 20));
        assertFalse(c.matches(60, 21));
        assertEquals(0.0, Vpdq.compare(List.of(new VideoFrameHash(0, 10, random(r), 0)), other, 31).queryPercent(),
                "a video of poor frames only matches nothing");
    }

    @Test
    void linesAreThreatExchangesFormatBothWays() {
        PdqHash h = PdqHash.fromHex("f".repeat(16) + "0".repeat(48));
        VideoFrameHash frame = new VideoFrameHash(25, 100, h, 1.0);
        assertEquals("25,100," + "f".repeat(16) + "0".repeat(48) + ",1.000", Vpdq.line(frame));
        assertEquals(List.of(frame, new VideoFrameHash(50, 87, h, 2.0)),
                Vpdq.parse("# a comment\n" + Vpdq.line(frame) + "\r\n\n50,87," + h.hex() + ",2.000\n"));
    }

    @Test
    void aBrokenLineIsRefusedWithItsNumberAndWhatIsWrong() {
        String hex = "a".repeat(64);
        fails("0,100," + hex, "line 1: expected frame,quality,hex,timestamp (4 fields), got 3");
        fails("0,100," + hex + ",0.000\nx,100," + hex + ",1.000", "line 2: the frame must be a whole number, got 'x'");
        fails("0,high," + hex + ",0.000", "line 1: the quality must be a whole number");
        fails("0,101," + hex + ",0.000", "line 1: quality must be within 0..100, got 101");
        fails("0,100,abc,0.000", "line 1: a PDQ hash is 64 hex digits; got 3 characters");
        fails("0,100," + hex + ",soon", "line 1: the timestamp must be seconds like 1.000, got 'soon'");
        fails("-1,100," + hex + ",0.000", "line 1: frameNumber must be 0 or more, got -1");
        fails("\n# nothing\n", "no frame lines");
    }

    private static void fails(String text, String words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vpdq.parse(text));
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
