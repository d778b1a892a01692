package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchSyntax;
import org.roomwatch.core.security.Role;

/** The errors a user can cause on the pages, as the domain raises them, said in Korean with their particulars kept. */
class ErrorWordsTest {
    private static String korean(Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        return ErrorWords.say("ko", e.getMessage());
    }

    @Test
    void searchSyntaxPagingDatesAndRolesAreSaidInKorean() {
        for (String q : List.of("a OR", "OR a", "-", "\"open", "\"\"", "-a OR b", "a OR -b", "-a")) {
            String said = korean(() -> SearchSyntax.parse(q));
            assertFalse(said.matches(".*[A-Za-z]{3,}.*"), q + " -> " + said);
        }
        assertEquals("검색어 7번째 글자: 여기서 연 따옴표가 닫히지 않았습니다.", korean(() -> SearchSyntax.parse("한빛 공지 \"열림")));
        assertEquals("시작일이 종료일보다 늦습니다.", korean(() -> new MessageQuery(null, null, java.time.Instant.parse("2026-02-01T00:00:00Z"),
                java.time.Instant.parse("2026-01-01T00:00:00Z"), null, null, 1, 20, false)));
        assertEquals("처음 10000건까지만 페이지로 볼 수 있습니다. 검색을 좁히거나 CSV로 내보내세요.",
                korean(() -> new MessageQuery(null, null, null, null, null, null, 1_000_000, 20, false)));
        DateTimeParseException date = assertThrows(DateTimeParseException.class, () -> LocalDate.parse("yesterday"));
        assertEquals("날짜로 읽을 수 없습니다: 'yesterday' (예: 2026-05-01)", ErrorWords.say("ko", date.getMessage()));
        assertEquals("역할은 수사관, 분석관, 관리자 가운데 하나입니다: boss", korean(() -> Role.parse("boss")));
        assertEquals("2번째 규칙: 학교 목록에 ID '99' 인 학교가 없습니다.".replace("' 인", "'인"),
                ErrorWords.say("ko", "rule 2: no school with id '99' in the registry"));
        assertEquals("something nobody foresaw", ErrorWords.say("ko", "something nobody foresaw"), "shown as written, not hidden");
    }
}
