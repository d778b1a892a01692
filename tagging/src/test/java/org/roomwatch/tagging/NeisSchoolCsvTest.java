package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolGender;
import org.roomwatch.core.school.SchoolLevel;

class NeisSchoolCsvTest {
    private static final String HEADER = "학교종류명,도로명주소,학교명,행정표준코드,남녀공학구분명,소재지명";

    @Test
    void headerDrivenInAnyOrderUtf8AndEucKr() throws Exception {
        String csv = HEADER + "\r\n고등학교,\"서울특별시 강남구 예시로 1, 2층\",한빛여자고등학교,9900001,여,서울특별시\r\n"
                + "중학교,경기도 성남시 분당구 예시로 3,새솔중학교,9900002,남여공학,경기도\r\n";
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("EUC-KR"))) {
            List<School> schools = NeisSchoolCsv.parse(csv.getBytes(charset));
            assertEquals(2, schools.size(), charset.name());
            School a = schools.get(0);
            assertEquals("한빛여자고등학교", a.name());
            assertEquals(SchoolLevel.HIGH, a.level());
            assertEquals(SchoolGender.GIRLS, a.gender());
            assertEquals("강남구", a.sigungu());
            assertEquals("9900001", a.id());
            assertEquals("분당구", schools.get(1).sigungu());
        }
    }

    @Test
    void everyBadRowIsNamedByLineAndColumnAndNothingIsImported() {
        String csv = HEADER + "\n고등학교,서울특별시 강남구 예시로 1,,9900001,여,서울특별시\n"
                + "중학교,x,새솔중학교,9900002,혼성,경기도\n"
                + "중학교,x,다른중학교,9900002,남,경기도\n"
                + "중학교,x,짧은줄\n";
        SchoolListException e = assertThrows(SchoolListException.class, () -> NeisSchoolCsv.parse(csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("line 2, column 학교명: empty",
                "line 3, column 남녀공학구분명: 남녀공학구분명 must be 남, 여 or 남여공학, got '혼성'",
                "line 5: 3 columns, the header has 6"), e.problems());
        assertTrue(e.getMessage().startsWith("3 problems in the school list; nothing was imported"));
    }

    @Test
    void missingColumnsMisEncodingAndBrokenQuotes() {
        assertEquals(List.of("line 1: the header has no 학교종류명 column (found: 학교명, 주소)"),
                assertThrows(SchoolListException.class, () -> NeisSchoolCsv.parse("학교명,주소\n한빛,x\n".getBytes(StandardCharsets.UTF_8))).problems());
        byte[] binary = {(byte) 0xff, (byte) 0xfe, (byte) 0x00, (byte) 0x81, (byte) 0x00};
        assertEquals(List.of("the file is neither UTF-8 nor EUC-KR text"),
                assertThrows(SchoolListException.class, () -> NeisSchoolCsv.parse(binary)).problems());
        assertEquals(List.of("line 2: a quoted field is never closed"), assertThrows(SchoolListException.class,
                () -> NeisSchoolCsv.parse((HEADER + "\n고등학교,\"열린 따옴표,한빛,1,여,서울\n").getBytes(StandardCharsets.UTF_8))).problems());
        assertEquals(List.of("the file is empty"), assertThrows(SchoolListException.class, () -> NeisSchoolCsv.parse(new byte[0])).problems());
    }

    @Test
    void derivedNamesFollowKoreanUsage() {
        School girls = new School("1", "한빛여자고등학교", SchoolLevel.HIGH, SchoolGender.GIRLS, "서울특별시", "강남구", List.of());
        assertEquals(java.util.Map.of("한빛여자고등학교", true, "한빛여고", true, "한빛여자고", true, "한빛고", false,
                "한빛고등학교", false, "한빛고교", false), SchoolNames.of(girls));
        School foreign = new School("2", "가람외국어고등학교", SchoolLevel.HIGH, SchoolGender.COED, null, null, List.of());
        assertTrue(SchoolNames.of(foreign).containsKey("가람외고"));
        School shortName = new School("3", "신중학교", SchoolLevel.MIDDLE, SchoolGender.COED, null, null, List.of());
        assertEquals(java.util.Map.of("신중학교", true), SchoolNames.of(shortName), "one-syllable stems keep only the full name");
    }

    @Test
    void theEnglishNameBecomesAnAliasOnceAndABlankOneNothing() throws Exception {
        String csv = "학교명,학교종류명,영문학교명,별칭\n"
                + "한빛여자고등학교,고등학교,Hanbit Academy for Girls,한빛여고|Hanbit Academy for Girls\n"
                + "새솔중학교,중학교,  ,\n";
        List<School> schools = NeisSchoolCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("한빛여고", "Hanbit Academy for Girls"), schools.get(0).aliases(), "named in both columns, kept once");
        assertEquals(List.of(), schools.get(1).aliases());
        Tagger tagger = new Tagger(new Gazetteer(schools), List.of());
        assertEquals(List.of(schools.get(0).id()), tagger.tag("HANBIT ACADEMY FOR GIRLS 애들").tags().stream()
                .filter(t -> t.kind().equals("school")).map(Tag::value).toList());
    }
}
