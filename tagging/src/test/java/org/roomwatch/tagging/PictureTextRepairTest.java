package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolGender;
import org.roomwatch.core.school.SchoolLevel;

class PictureTextRepairTest {
    private static School school(String id, String name) {
        return new School(id, name, SchoolLevel.HIGH, SchoolGender.COED, "서울특별시", "강남구", List.of());
    }

    private final PictureTextRepair repair = new PictureTextRepair(List.of(school("1", "한빛여자고등학교"), school("2", "누리체육고등학교"),
            school("3", "푸른숲고등학교"), school("4", "새솔중학교"), school("5", "달빛중")));

    @Test
    void misreadFinalsAndTheUEuConfusionArePutBackToTheRegisteredName() {
        assertEquals("한빛여자고등학교 3학년 정채원", repair.repair("한빚여자고등학교 3학년 정채원"));
        assertEquals("누리체육고등학교 2학년", repair.repair("느리체유고등학교 2학년"));
    }

    @Test
    void tooManyMisreadingsOrAnotherInitialConsonantAreLeftAlone() {
        assertEquals("프르수고등한교 하녀", repair.repair("프르수고등한교 하녀"), "four jamo in seven syllables: not hers to guess");
        assertEquals("한밎여자고등학교", repair.repair("한밎여자고등학교"), "ㅂ read ㅁ is not a misreading this repairs");
    }

    @Test
    void shortNamesAndTextWithoutNamesAreUnchanged() {
        assertEquals("새솔중학교", repair.repair("새솔중하교"), "five syllables, one final dropped: repaired");
        assertEquals("달빚중 얘기", repair.repair("달빚중 얘기"), "three syllables: too short to guess");
        assertEquals("안녕하세요 @user_1", repair.repair("안녕하세요 @user_1"));
        assertEquals("", repair.repair(""));
    }

    @Test
    void handlesPartedAtTheirUnderscoreOrWithASlashForASevenArePutBack() {
        assertEquals("@jiwoo_8040", repair.repair("@jiwoo_ 8040"));
        assertEquals("@chaewon_4748 팔로우", repair.repair("@chaewon_4/48 팔로우"));
        assertEquals("3/4 분량 @a_b", repair.repair("3/4 분량 @a_b"), "a slash outside a handle stays");
        assertEquals("이름_ 김", repair.repair("이름_ 김"), "no @, no handle");
    }
}
