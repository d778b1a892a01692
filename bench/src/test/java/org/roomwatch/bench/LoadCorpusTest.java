package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The corpus is as dense as its description says, so a reader of the benchmark's numbers knows what was searched. */
class LoadCorpusTest {
    @Test
    void headWordsAreInMostMessagesAndTheRarestInAboutOneInAHundred() {
        LoadCorpus corpus = new LoadCorpus(org.roomwatch.app.SampleSchools.load(), 2000, Instant.parse("2025-01-01T00:00:00Z"),
                Duration.ofDays(540));
        int messages = 20_000;
        int photo = 0;
        int draw = 0;
        for (long i = 0; i < messages; i++) {
            String text = corpus.message(i).text();
            photo += text.contains("사진") ? 1 : 0;
            draw += text.contains("추첨") ? 1 : 0;
        }
        double photoShare = (double) photo / messages;
        double drawShare = (double) draw / messages;
        assertTrue(photoShare > 0.75 && photoShare < 0.9, "사진 in " + photoShare);
        assertTrue(drawShare > 0.005 && drawShare < 0.02, "추첨 in " + drawShare);
    }
}
