package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomwatch.indexer.RoomSignals;
import org.roomwatch.tagging.Lexicon;

/** Every reason the room scorer writes is said again in Korean (and kept in English), never shown raw. */
class SignalWordsTest {
    private static final Lexicon LEXICON = new Lexicon(Map.of("지인능욕", 3, "합성", 2));

    @Test
    void everyReasonTheScorerWritesIsTranslated() {
        List<String> reasons = new ArrayList<>();
        reasons.addAll(RoomSignals.score(List.of("지인능욕"), true, 10, 4, 3, 2, List.of("지인능욕", "합성"), LEXICON).reasons());
        reasons.addAll(RoomSignals.score(List.of(), false, 10, 4, 0, 0, List.of(), LEXICON).reasons());
        reasons.addAll(RoomSignals.score(List.of(), false, 0, 0, 0, 0, List.of(), LEXICON).reasons());
        assertEquals(7, reasons.size(), reasons.toString());
        for (String reason : reasons) {
            String korean = SignalWords.say("ko", reason);
            assertFalse(korean.equals(reason), "not translated: " + reason);
            assertFalse(korean.matches(".*[A-Za-z]{3,}.*"), "English left in: " + korean);
        }
        assertEquals("메시지 10건 가운데 40%가 위험 어휘를 씀, 많은 것: 지인능욕, 합성 (+8)",
                SignalWords.say("ko", "40% of 10 messages use the lexicon (most: 지인능욕, 합성) (+8)"));
        assertEquals("제목이나 설명에 지인능욕 (+30)", SignalWords.say("ko", "title or description uses 지인능욕 (+30)"));
        assertEquals("title or description uses 지인능욕 (+30)", SignalWords.say("en", "title or description uses 지인능욕 (+30)"));
        assertEquals("something new", SignalWords.say("ko", "something new"), "an unknown reason is shown as written");
    }
}
