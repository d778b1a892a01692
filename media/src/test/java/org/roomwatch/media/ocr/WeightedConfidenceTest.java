package org.roomwatch.media.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A reading's confidence counts each word by its length, so long made-up words are not outvoted by stray signs. */
class WeightedConfidenceTest {
    @Test
    void wordsCountByTheirLengthInCodePoints() {
        // Arabic as the Korean and English models read it; Tesseract's MeanTextConf gave this reading 51.
        List<OcrEngine.Word> madeUp = List.of(new OcrEngine.Word("~_moars!i", 22.85f), new OcrEngine.Word("oJlsl", 22.28f),
                new OcrEngine.Word("ㄴ", 58.37f), new OcrEngine.Word(">", 84.12f), new OcrEngine.Word("po", 73.94f));
        assertEquals(34, OcrEngine.weightedConfidence(madeUp)); // (22.85×9 + 22.28×5 + 58.37 + 84.12 + 73.94×2) / 18
        assertEquals(90, OcrEngine.weightedConfidence(List.of(new OcrEngine.Word("고등학교", 90f), new OcrEngine.Word("새솔", 90f))));
        // A Hangul syllable is one code point, as a Latin letter is.
        assertEquals(20, OcrEngine.weightedConfidence(List.of(new OcrEngine.Word("가", 50f), new OcrEngine.Word("abcd", 12.5f))));
        assertEquals(0, OcrEngine.weightedConfidence(List.of()), "no words, no confidence");
    }
}
