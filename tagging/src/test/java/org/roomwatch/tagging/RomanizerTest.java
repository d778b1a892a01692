package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Revised Romanization against the examples the published rules give (국어의 로마자 표기법, articles 1 to 3), place
 * names in their official spelling, and the synthetic registry's stems. Official spellings capitalise and hyphenate;
 * school matching needs neither, so they are written here in lower case without hyphens.
 */
class RomanizerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // Vowels and consonants (articles 1 and 2)
            "서울, seoul", "부산, busan", "대구, daegu", "광주, gwangju", "세종, sejong", "제주, jeju", "청주, cheongju",
            "의정부, uijeongbu", "구미, gumi", "영동, yeongdong", "옥천, okcheon", "합덕, hapdeok", "호법, hobeop",
            "월곶, wolgot", "벚꽃, beotkkot", "한밭, hanbat", "울산, ulsan", "설악, seorak", "백암, baegam", "칠곡, chilgok",
            "임실, imsil", "울릉, ulleung", "대관령, daegwallyeong", "왕십리, wangsimni", "낙동강, nakdonggang",
            // Sound changes between syllables (article 3.1)
            "백마, baengma", "물레, mulle", "종로, jongno", "독립, dongnip", "신라, silla", "별내, byeollae",
            "해돋이, haedoji", "같이, gachi", "좋고, joko", "놓다, nota", "묵호, mukho", "집현전, jiphyeonjeon", "압구정, apgujeong",
            "속리산, songnisan", "협력, hyeomnyeok", "심리, simni",
            // Not written: tensification
            "학교, hakgyo", "고등학교, godeunghakgyo", "여자고등학교, yeojagodeunghakgyo", "중학교, junghakgyo",
            "초등학교, chodeunghakgyo", "여고, yeogo", "외국어, oegugeo", "과학, gwahak", "예술, yesul", "체육, cheyuk",
            // The synthetic registry's stems
            "한빛, hanbit", "새솔, saesol", "푸른숲, pureunsup", "은하, eunha", "달빛, dalbit", "바람, baram", "하늬, hanui",
            "가람, garam", "솔빛, solbit", "다온, daon", "누리, nuri", "별하, byeolha", "미르, mireu", "가온, gaon", "여울, yeoul",
            "온새미로, onsaemiro", "라온, raon", "나린, narin", "아라, ara", "해솔, haesol", "도담, dodam", "마루, maru",
            "보람, boram"})
    void writesWhatTheRulesWrite(String hangul, String expected) {
        assertEquals(expected, Romanizer.romanize(hangul));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"'', ''", "A1 한, a1 han", "ㅎㅂ, ㅎㅂ"})
    void keepsWhatIsNotASyllable(String text, String expected) {
        assertEquals(expected, Romanizer.romanize(text));
    }
}
