package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.core.school.School;

class TaggerTest {
    static List<School> schools;
    static Tagger tagger;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = TaggerTest.class.getResourceAsStream("/schools/sample-schools.csv")) {
            schools = NeisSchoolCsv.parse(in.readAllBytes());
        }
        tagger = new Tagger(new Gazetteer(schools), List.of(
                new WatchedPerson("p1", "한가온", List.of("010-1234-0001"), List.of("gaon_sample")),
                new WatchedPerson("p2", "유나래", List.of(), List.of()),
                new WatchedPerson("p3", "문지수", List.of(), List.of())));
    }

    static String id(String name, String sido) {
        return schools.stream().filter(s -> s.name().equals(name) && (sido == null || s.sido().startsWith(sido)))
                .findFirst().orElseThrow().id();
    }

    private static List<String> tags(String text, String kind) {
        return tagger.tag(text).tags().stream().filter(t -> t.kind().equals(kind)).map(Tag::value).collect(Collectors.toList());
    }

    @Test
    void fullNamesAbbreviationsSpacingAndParticles() {
        String girls = id("한빛여자고등학교", null);
        for (String text : List.of("한빛여자고등학교 2학년", "한빛여고 애들", "한빛 여고 사진", "한빛여고에서 봤음", "한빛여고랑 붙음", "한빛여자고 출신",
                "한‍빛‍여‍고 박제")) {
            assertEquals(List.of(girls), tags(text, "school"), text);
        }
        assertEquals(List.of(id("한빛고등학교", null)), tags("한빛고 애들", "school"), "한빛고 is the co-ed school's own name");
        assertEquals(List.of(id("가람외국어고등학교", null)), tags("가람외고 다니는 애", "school"));
        assertEquals(List.of(id("바람공업고등학교", null)), tags("바람공고 합성방", "school"));
        assertEquals(List.of(id("은하초등학교", null)), tags("은하초 학부모", "school"));
        assertEquals(List.of(id("달빛여자중학교", null)), tags("달빛여중 지인방", "school"));
        assertEquals(List.of(id("온새미로고등학교", null)), tags("온새미고 얘들", "school"), "a registry alias");
    }

    @Test
    void regionsTellSameNamedSchoolsApart() {
        assertEquals(List.of(id("한빛중학교", "부산")), tags("부산 한빛중 애들", "school"));
        assertEquals(List.of(id("한빛중학교", "서울")), tags("강남 한빛중학교 2학년 3반", "school"));
        List<Tag> ambiguous = tagger.tag("한빛중 애들 사진").tags().stream().filter(t -> t.kind().equals("school_ambiguous")).toList();
        assertEquals(1, ambiguous.size());
        assertEquals(2, ambiguous.get(0).candidates().size());
    }

    @Test
    void negativesAreNotSchools() {
        for (String text : List.of("중고거래 합니다", "고2 모여라", "서울중앙지검 송치", "최고의 방", "서울 중학생 모임", "우리 중학교 애들",
                "중학교 때 친구")) {
            assertEquals(List.of(), tags(text, "school"), text);
            assertEquals(List.of(), tags(text, "school_candidate"), text);
        }
    }

    @Test
    void unknownSchoolShapedNamesAreCandidates() {
        List<Tag> found = tagger.tag("새봄여고 애들이랑 서울중학교 애들").tags();
        assertEquals(List.of("새봄여고", "서울중학교"), found.stream().filter(t -> t.kind().equals("school_candidate")).map(Tag::value).toList());
        assertTrue(found.stream().filter(t -> t.kind().equals("school_candidate")).allMatch(t -> t.confidence() < 0.9));
    }

    @Test
    void gradesAndClasses() {
        assertEquals(List.of("2학년 3반"), tags("한빛여고 2학년 3반", "grade"));
        assertEquals(List.of("고2"), tags("고2 모여라", "grade"));
        assertEquals(List.of("중3", "1학년"), tags("중3 1학년", "grade"));
    }

    @Test
    void spansPointIntoTheNormalisedText() {
        Tagger.Result r = tagger.tag("어제 한빛 여고에서");
        Tag school = r.tags().stream().filter(t -> t.kind().equals("school")).findFirst().orElseThrow();
        assertEquals("한빛 여고", r.text().substring(school.start(), school.end()));
        assertEquals("한빛 여고", school.matched());
        assertEquals(0.9, school.confidence());
    }

    @Test
    void phonesHandlesKakaoAndWatchedNames() {
        assertEquals(List.of("010-1234-5678", "010-9876-5432", "011-234-5678"),
                tags("연락 010-1234-5678 / 010 9876 5432 / 011.234.5678", "phone"));
        assertEquals(List.of("sample_id", "instagram:other.id", "tiktok:clip_id"),
                tags("@sample_id 또는 https://www.instagram.com/other.id/ 그리고 tiktok.com/@clip_id", "handle"));
        assertEquals(List.of(), tags("메일 someone@example.org", "handle"));
        assertEquals(List.of("kakao_sample"), tags("카톡 아이디: kakao_sample", "kakao"));
        assertEquals(List.of("p1", "p1"), tags("한가온 번호 010-1234-0001", "person"));
        assertEquals(List.of("p1"), tags("가온이 사진 올려", "person"));
        assertEquals(List.of("p2"), tags("나래야 여기 봐", "person"));
        assertEquals(List.of("p3"), tags("지수야 안녕", "person"));
        assertEquals(List.of(), tags("지수학원 다님", "person"), "a name inside another word is not the person");
        assertEquals(List.of(), tags("김민지 사진", "person"), "never a name from nowhere");
    }

    @Test
    void pathologicalTextIsNormalisedAndBounded() {
        // Zero-width joiners between the syllables hide nothing; work is bounded by a cap on what is read, so a
        // 160 KB message costs no more than a 20,000-character one (timed in bench-tagging, not here).
        String hidden = "\u200d".repeat(10_000) + "한\u200d빛\u200b여\uFEFF고 " + "가".repeat(100_000) + "ㅋ".repeat(50_000);
        Tagger.Result r = tagger.tag(hidden);
        assertEquals(NormalizedText.MAX_CHARS, r.text().length());
        assertEquals(List.of(id("한빛여자고등학교", null)), r.tags().stream().filter(t -> t.kind().equals("school")).map(Tag::value).toList());
        assertEquals("Test 한빛여고", NormalizedText.of("Ｔｅｓｔ 한빛여고").text(), "full-width ASCII is made ASCII");
        String mixed = "한빛여고 Ⅱ學年 ｶﾀｶﾅ 😀 \u0301e 한빛여고";
        assertEquals(2, tagger.tag(mixed).tags().stream().filter(t -> t.kind().equals("school")).count());
    }

    @Test
    void syllablesSplitBySeparatorsAreOneSchoolWhoseSpanIsTheWholeWrittenForm() {
        String girls = id("한빛여자고등학교", null);
        for (String written : List.of("한.빛.여.고", "한/빛/여/고", "한_빛_여_고", "한-빛-여-고", "한·빛·여·고", "한|빛|여|고",
                "한 빛 여 고", "한\uD83D\uDC95빛\uD83D\uDC95여고", "한\u200B빛\u200B여\u200B고", "한...빛///여__고", "한ㆍ빛ㆍ여ㆍ고",
                "한★빛★여★고", "한\u2764\uFE0F빛여고", "한 . 빛 . 여 . 고", String.join("-", "한빛여자고등학교".split("")))) {
            String text = "오늘 " + written + " 애들 사진";
            List<Tag> found = tagger.tag(text).tags().stream().filter(t -> t.kind().equals("school")).toList();
            assertEquals(1, found.size(), text + " -> " + tagger.tag(text).tags());
            Tag tag = found.get(0);
            assertEquals(girls, tag.value(), text);
            String normalized = NormalizedText.of(text).text();
            String expected = NormalizedText.of(written).text();
            assertEquals(expected, normalized.substring(tag.start(), tag.end()), "the span covers the written form: " + text);
        }
        assertEquals(List.of(id("나린중학교", null), id("나린고등학교", null)), tags("나린중/나린고 통합방", "school"));
        assertEquals(List.of(id("한빛중학교", "부산")), tags("부.산 한.빛.중 애들", "school"), "a region split the same way still tells");
    }

    @Test
    void separatorsMakeNoSchoolOutOfOtherWords() {
        for (String text : List.of("가온.고객센터 전화", "별빛-고양이 카페", "해솔/중고차 매매", "미르_초밥 맛집", "누리.고속버스 시간표",
                "한빛, 고3 때 얘기", "새솔! 중요한 공지", "한빛여고양이", "한.빛.여.고.양.이", "한빛 여고생 아님", "한 빛 여 고 양 이",
                "나 린 고 구 마")) {
            List<String> schools = tagger.tag(text).tags().stream().filter(t -> t.kind().startsWith("school")).map(Tag::value).toList();
            if (text.equals("한빛, 고3 때 얘기") || text.equals("새솔! 중요한 공지")) {
                assertEquals(List.of(), schools, "a comma or ! ends a word: " + text);
            } else if (text.equals("한빛 여고생 아님")) {
                assertEquals(List.of(id("한빛여자고등학교", null)), schools, "여고생 is a 여고 pupil: " + text);
            } else {
                assertEquals(List.of(), schools, text);
            }
        }
    }

    @Test
    void aPersonsNameSplitBySeparatorsIsFoundAndItsNeighboursAreReadPastThem() {
        assertEquals(List.of("p2"), tags("유.나.래 사진 있음", "person"));
        assertEquals(List.of("p2"), tags("유/나/래 번호", "person"));
        assertEquals(List.of(), tags("가.온.고.객.센.터 문의", "person"), "가온 inside a longer word written the same way");
        assertEquals(List.of(id("한빛여자고등학교", null)), tags("한 빛 여 고 애들 사진", "school"), "spaced, then a word");
    }

    @Test
    void longRunsOfSeparatorsJamoOrEmojiAreReadInLinearTimeAndFindNothing() {
        String separators = "./_-|·".repeat(100_000 / 6);
        assertEquals(List.of(), tagger.tag(separators).tags());
        String emoji = "\uD83D\uDC95".repeat(50_000);
        assertEquals(List.of(), tagger.tag(emoji).tags());
        String jamo = "ㅋㅎㅂ".repeat(30_000);
        assertEquals(List.of(), tagger.tag(jamo).tags().stream().filter(t -> t.kind().startsWith("school")).toList());
        String hidden = separators.substring(0, 5_000) + "한.빛.여.고" + separators.substring(0, 5_000);
        assertEquals(List.of(id("한빛여자고등학교", null)), tags(hidden, "school"), "found however much surrounds it");
    }

    @Test
    void initialConsonantsFitRegisteredSchools() {
        String girls = id("한빛여자고등학교", null);
        for (String text : List.of("ㅎㅂ여고 애들 사진", "ㅎㅂㅇㄱ 애들 사진", "ㅎㅂ여자고 출신", "ㅎ.ㅂ.여.고 박제", "[ㅎㅂㅇㄱ] 지인방")) {
            List<Tag> found = tagger.tag(text).tags().stream().filter(t -> t.kind().equals("school")).toList();
            assertEquals(1, found.size(), text + " -> " + tagger.tag(text).tags());
            assertEquals(girls, found.get(0).value(), text);
            assertTrue(found.get(0).confidence() < 0.9, "initials say less than the name: " + found.get(0));
        }
        assertEquals(List.of(id("한빛고등학교", null)), tags("ㅎㅂ고 애들", "school"), "ㅎㅂ고 is the co-ed school's own short form");
        assertEquals(List.of(id("솔빛과학고등학교", null)), tags("ㅅㅂ과고 합성본", "school"));
        assertEquals(List.of(id("누리체육고등학교", null)), tags("ㄴㄹ체고 운동부", "school"));
        List<Tag> ambiguous = tagger.tag("ㅎㅂ중 애들").tags().stream().filter(t -> t.kind().equals("school_ambiguous")).toList();
        assertEquals(1, ambiguous.size(), "서울 and 부산 both have a 한빛중");
        assertEquals(2, ambiguous.get(0).candidates().size());
        assertTrue(ambiguous.get(0).confidence() < 0.5);
        assertEquals(List.of(id("한빛중학교", "부산")), tags("부산 ㅎㅂ중 애들", "school"), "a region nearby tells them apart");
    }

    @Test
    void initialsInsideOtherJamoOrTooShortAreNoSchool() {
        for (String text : List.of("ㅋㅋㅎㅂ여고ㅋㅋ", "ㅎㅂㄱ 뭐임", "ㅇㅈ 고마워", "ㅎㅂㅇㄱㅋㅋㅋ", "ㄱㄱ 여고 가자", "ㅎㅂ여고양이")) {
            assertEquals(List.of(), tagger.tag(text).tags().stream().filter(t -> t.kind().startsWith("school")).map(Tag::value).toList(), text);
        }
    }

    @Test
    void latinFormsRomanizedEnglishAndTheRegistrysEnglishName() {
        String girls = id("한빛여자고등학교", null);
        for (String text : List.of("hanbit yeogo 애들", "t.me/hanbit_yeogo", "@hanbitgirls 계정", "HANBIT YEOGO", "Hanbit.Yeogo 합성",
                "hanbit yeoja godeunghakgyo", "hanbit girls high school", "Hanbit Girls High", "join t.me/HanbitYeogo now",
                "방 제목: hanbit-yeojago")) {
            List<Tag> found = tagger.tag(text).tags().stream().filter(t -> t.kind().equals("school")).toList();
            assertEquals(1, found.size(), text + " -> " + tagger.tag(text).tags());
            assertEquals(girls, found.get(0).value(), text);
        }
        assertEquals(List.of(id("한빛고등학교", null)), tags("hanbitgo 모음", "school"), "hanbitgo is the co-ed school's own short form");
        assertEquals(List.of(id("솔빛과학고등학교", null)), tags("solbit gwago 애들", "school"));
        assertEquals(List.of(id("솔빛과학고등학교", null)), tags("Solbit Academy of Science 2학년", "school"),
                "the registry's English name (영문학교명), which no rule derives");
        assertEquals(List.of(id("라온여자고등학교", null)), tags("raon yeogo", "school"), "ㄹ at the start is r");
        assertEquals(List.of(id("푸른숲고등학교", null)), tags("pureunsupgo", "school"));
    }

    @Test
    void latinFormsInsideLongerWordsAreNoSchool() {
        for (String text : List.of("hanbitcoin 시세", "hanbitgoal", "xhanbityeogo", "hanbityeogoes", "2hanbitgo", "ahanbit girls",
                "the hanbit", "hanbit", "daon")) {
            assertEquals(List.of(), tagger.tag(text).tags().stream().filter(t -> t.kind().startsWith("school")).map(Tag::value).toList(), text);
        }
        String latin = "hanbit".repeat(20_000);
        assertEquals(List.of(), tagger.tag(latin).tags().stream().filter(t -> t.kind().startsWith("school")).toList(), "a long run of a stem");
    }
}
