package org.roomwatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    record Nori(String decompoundMode, List<String> userDictionaryRules, boolean discardPunctuation, List<String> stopTags)
            implements NoriSettings {
        static Nori defaults() {
            return new Nori("mixed", List.of(), true, List.of());
        }
    }

    record Bigram(boolean outputUnigrams) implements BigramSettings {}

    @Test
    void koreanAnalyzerSplitsSchoolNameSoMiddleSchoolMatches() throws IOException {
        List<String> tokens = analyze(new KoreanAnalyzerFactory(Nori.defaults()).create(), "서울중학교에서");
        assertTrue(tokens.contains("중학교"), tokens.toString());
        assertTrue(tokens.contains("서울"), tokens.toString());
        assertTrue(!tokens.contains("에서"), "particles are dropped: " + tokens);
    }

    @Test
    void koreanAnalyzerLowerCasesLatinAndReadsHanja() throws IOException {
        List<String> tokens = analyze(new KoreanAnalyzerFactory(Nori.defaults()).create(), "DeepFake 學校");
        assertTrue(tokens.contains("deepfake"), tokens.toString());
        assertTrue(tokens.contains("학교"), tokens.toString());
    }

    @Test
    void userDictionaryKeepsSlangAsOneWordAndItsParts() throws IOException {
        var settings = new Nori("mixed", List.of("지인능욕방 지인 능욕 방"), true, List.of());
        List<String> tokens = analyze(new KoreanAnalyzerFactory(settings).create(), "지인능욕방");
        assertTrue(tokens.containsAll(List.of("지인능욕방", "지인", "능욕")), tokens.toString());
    }

    @Test
    void bigramAnalyzerFindsInsultInsideRoomName() throws IOException {
        List<String> tokens = analyze(new BigramAnalyzerFactory(new Bigram(false)).create(), "지인능욕방 OPEN");
        assertEquals(List.of("지인", "인능", "능욕", "욕방", "open"), tokens);
    }

    @Test
    void bigramFilterWithUnigramsAlsoEmitsSingleSyllables() throws IOException {
        Tokenizer tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
        tokenizer.setReader(new java.io.StringReader("한빛"));
        List<String> tokens = drain(new CjkBigramFilterFactory(new Bigram(true)).create(tokenizer));
        assertTrue(tokens.containsAll(List.of("한", "빛", "한빛")), tokens.toString());
    }

    @Test
    void partOfSpeechFilterDropsParticles() throws IOException {
        Tokenizer tokenizer = new NoriTokenizerFactory(Nori.defaults()).create();
        tokenizer.setReader(new java.io.StringReader("학교에서"));
        List<String> tokens = drain(new NoriReadingFormFilterFactory().create(
                new NoriPartOfSpeechFilterFactory(Nori.defaults()).create(tokenizer)));
        assertEquals(List.of("학교"), tokens);
    }

    @Test
    void unknownDecompoundModeIsRejectedWithTheSettingName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NoriTokenizerFactory(new Nori("halfway", List.of(), true, List.of())));
        assertTrue(e.getMessage().contains("decompound_mode"), e.getMessage());
        assertTrue(e.getMessage().contains("halfway"), e.getMessage());
    }

    @Test
    void unknownStopTagIsRejectedWithTheTag() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NoriPartOfSpeechFilterFactory(new Nori("mixed", List.of(), true, List.of("NOPE"))));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
    }

    @Test
    void malformedUserDictionaryIsRejectedWithTheSettingName() {
        // nori refuses a segmentation longer than the word it splits.
        var e = assertThrows(RuntimeException.class,
                () -> new NoriTokenizerFactory(new Nori("mixed", List.of("지인능욕방 지인 능욕 방 덤"), true, List.of())));
        assertTrue(e.getMessage().contains("user_dictionary_rules"), e.getMessage());
    }

    static List<String> analyze(Analyzer analyzer, String text) throws IOException {
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            return drain(stream);
        }
    }

    static List<String> drain(TokenStream stream) throws IOException {
        List<String> tokens = new ArrayList<>();
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
            tokens.add(term.toString());
        }
        stream.end();
        stream.close();
        return tokens;
    }

}
