package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cheap check that lets the short-grade pattern be skipped must never skip a text the pattern matches. */
class SchoolTaggerPrefilterTest {

    @Test
    void everyTextTheShortGradePatternMatchesPassesThePrefilter() {
        String alphabet = "초중고학년반가 \t\n\u000B\u00A00123456789a";
        SplittableRandom random = new SplittableRandom(5);
        int matched = 0;
        for (int round = 0; round < 200_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(1, 12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            if (SchoolTagger.SHORT_GRADE.matcher(t).find()) {
                matched++;
                assertTrue(SchoolTagger.mayHoldShortGrade(t), () -> "prefilter skipped [" + t + "]");
            }
        }
        assertTrue(matched > 1_000, "the random texts held too few short grades to prove anything: " + matched);
    }

    @Test
    void textsWithoutAShortGradeAreSkipped() {
        assertFalse(SchoolTagger.mayHoldShortGrade("https://t.me/room/123 가격 3만원"));
        assertFalse(SchoolTagger.mayHoldShortGrade("중7"));
        assertTrue(SchoolTagger.mayHoldShortGrade("고 2"));
        assertTrue(SchoolTagger.mayHoldShortGrade("중3 애들"));
    }
}
