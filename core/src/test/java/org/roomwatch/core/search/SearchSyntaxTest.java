package org.roomwatch.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSyntaxTest {
    private static SearchSyntax.Atom w(String s) {
        return new SearchSyntax.Atom(s, false);
    }

    @Test
    void wordsPhrasesAlternativesAndExclusions() {
        assertEquals(List.of(new SearchSyntax.Clause(List.of(w("한빛")), false), new SearchSyntax.Clause(List.of(w("공지")), false)),
                SearchSyntax.parse("한빛  공지"));
        assertEquals(List.of(new SearchSyntax.Clause(List.of(new SearchSyntax.Atom("지인 능욕", true)), false)),
                SearchSyntax.parse("\"지인 능욕\""));
        assertEquals(List.of(new SearchSyntax.Clause(List.of(w("한빛여고"), w("한빛여자고등학교"), new SearchSyntax.Atom("한빛 여고", true)), false),
                new SearchSyntax.Clause(List.of(w("공지")), true)), SearchSyntax.parse("한빛여고 OR 한빛여자고등학교 OR \"한빛 여고\" -공지"));
        // Nothing else is special: these are words to find, not operators.
        assertEquals(List.of(new SearchSyntax.Clause(List.of(w("*:*")), false), new SearchSyntax.Clause(List.of(w("text:[*")), false),
                new SearchSyntax.Clause(List.of(w("or")), false), new SearchSyntax.Clause(List.of(w("010-0000-1234")), false)),
                SearchSyntax.parse("*:* text:[* or 010-0000-1234"));
    }

    private static void fails(String query, int position, String words) {
        SearchSyntax.SyntaxError e = assertThrows(SearchSyntax.SyntaxError.class, () -> SearchSyntax.parse(query));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(words) && e.getMessage().contains("at character " + position), e.getMessage());
    }

    @Test
    void mistakesSayWhatAndWhere() {
        fails("한빛 \"지인 능욕", 4, "never closed");
        fails("OR 한빛", 1, "before it");
        fails("한빛 OR", 4, "after it");
        fails("한빛 OR OR 공지", 7, "before it");
        fails("한빛 - 공지", 4, "right after it");
        fails("한빛 \"\"", 4, "empty phrase");
        fails("-공지 -광고", 1, "at least one word");
        fails("한빛 OR -공지", 7, "excluded");
    }

    @Test
    void aMessageQueryRefusesABadSearchWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MessageQuery("한빛 \"열린", null, null, null, null, null, 1, 20, false));
        assertTrue(e.getMessage().startsWith("q: ") && e.getMessage().contains("character 4"), e.getMessage());
    }

    @Test
    void aSearchOfHundredsOfWordsOrAPastedDocumentIsRefusedSayingTheBound() {
        String thirtyTwo = String.join(" ", java.util.Collections.nCopies(32, "사진"));
        assertEquals(32, SearchSyntax.parse(thirtyTwo).size(), "32 words are a search");
        fails(thirtyTwo + " 방", 32 * 3 + 1, "at most 32 words and phrases");
        String twoHundredFifty = String.join(" ", java.util.Collections.nCopies(250, "가"));
        fails(twoHundredFifty, 32 * 2 + 1, "at most 32 words");
        fails(String.join(" ", java.util.Collections.nCopies(500, "능욕")), 501, "at most 500 characters; this one has 1499");
        fails("\"" + "가".repeat(500) + "\"", 501, "at most 500 characters; this one has 502");
        assertEquals(1, SearchSyntax.parse("가".repeat(500)).size(), "500 characters are a search");
    }
}
