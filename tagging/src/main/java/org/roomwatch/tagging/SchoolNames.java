package org.roomwatch.tagging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolLevel;

/**
 * The names a school goes by, derived from its official name the way Koreans shorten them: 한빛여자고등학교 is
 * 한빛여고 and 한빛여자고, and often just 한빛고; 한빛외국어고등학교 is 한빛외고; 한빛초등학교 is 한빛초. Each
 * name is primary (it points at this school first) or secondary (a looser form another school may own, such as
 * 한빛고 for a girls' school when a co-ed 한빛고등학교 exists).
 */
public final class SchoolNames {
    /** High-school types with their own abbreviation: 외국어 → 외, 과학 → 과 … */
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("외국어", "외");
        TYPES.put("과학", "과");
        TYPES.put("예술", "예");
        TYPES.put("체육", "체");
        TYPES.put("공업", "공");
        TYPES.put("상업", "상");
    }

    private SchoolNames() {}

    /** Name (without spaces) → true when primary. The official name is always primary. */
    public static Map<String, Boolean> of(School school) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        String full = compact(school.name());
        names.put(full, true);
        for (String alias : school.aliases()) {
            if (!LatinNames.isLatin(alias)) {
                names.putIfAbsent(compact(alias), true); // an English name is matched as Latin: see LatinNames
            }
        }
        SchoolLevel level = school.level();
        if (level == null || !full.endsWith(level.suffix())) {
            return names;
        }
        String rest = full.substring(0, full.length() - level.suffix().length());
        String gender = null;
        if (rest.endsWith("여자")) {
            gender = "여";
        } else if (rest.endsWith("남자")) {
            gender = "남";
        }
        String stem = gender == null ? rest : rest.substring(0, rest.length() - 2);
        String type = null;
        for (Map.Entry<String, String> t : TYPES.entrySet()) {
            if (level == SchoolLevel.HIGH && stem.endsWith(t.getKey()) && stem.length() > t.getKey().length()) {
                type = t.getKey();
                break;
            }
        }
        if (stem.length() < 2) {
            return names; // 신중학교 → "신중" would match too much; only the full name is used
        }
        String abbr = level.abbreviation();
        if (type != null) {
            String base = stem.substring(0, stem.length() - type.length());
            if (base.length() >= 2) {
                names.putIfAbsent(base + TYPES.get(type) + abbr, true);      // 한빛외고
                names.putIfAbsent(base + type + abbr, true);                 // 한빛외국어고
            }
            names.putIfAbsent(stem + abbr, true);                            // 한빛외국어고 (when base is short)
            return names;
        }
        if (gender != null) {
            names.putIfAbsent(stem + gender + abbr, true);                   // 한빛여고, 한빛남중
            names.putIfAbsent(stem + gender + "자" + abbr, true);            // 한빛여자고
            names.putIfAbsent(stem + abbr, false);                           // 한빛고 (looser)
            names.putIfAbsent(stem + level.suffix(), false);                 // 한빛고등학교 (looser)
        } else {
            names.putIfAbsent(stem + abbr, true);                            // 한빛고, 한빛중, 한빛초, 한빛대
        }
        if (level == SchoolLevel.HIGH || level == SchoolLevel.MIDDLE) {
            names.putIfAbsent(stem + abbr + "교", false);                    // 한빛고교 (rare but seen)
        }
        return names;
    }

    /** Initial consonants (초성) of the syllables, in compatibility jamo: ㄱ ㄲ ㄴ … ㅎ. */
    private static final String CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";

    /** Each Hangul syllable replaced by its initial consonant (한빛 → ㅎㅂ); anything else kept. */
    public static String initials(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= '\uAC00' && c <= '\uD7A3' ? CHOSEONG.charAt((c - '\uAC00') / 588) : c);
        }
        return out.toString();
    }

    /**
     * The name stem without its kind: 한빛 for 한빛여자고등학교, 솔빛 for 솔빛과학고등학교; null when the name has no
     * recognised kind or the stem is under two syllables.
     */
    static String stem(School school) {
        String full = compact(school.name());
        SchoolLevel level = school.level();
        if (level == null || !full.endsWith(level.suffix())) {
            return null;
        }
        String rest = full.substring(0, full.length() - level.suffix().length());
        String stem = rest.endsWith("여자") || rest.endsWith("남자") ? rest.substring(0, rest.length() - 2) : rest;
        if (level == SchoolLevel.HIGH) {
            for (String type : TYPES.keySet()) {
                if (stem.endsWith(type) && stem.length() - type.length() >= 2) {
                    stem = stem.substring(0, stem.length() - type.length());
                    break;
                }
            }
        }
        return stem.length() >= 2 ? stem : null;
    }

    /**
     * How rooms write a school in initial consonants (초성), form → primary: the stem in initials before each short
     * form's kind as written (ㅎㅂ여고, ㅅㅂ과고) or in initials too (ㅎㅂㅇㄱ). Only short forms (the kind in at most
     * three syllables), and a form wholly in initials only from four consonants on: ㅎㅂㄱ alone stands for too much.
     * {@code names}: what {@link #of} gave for this school.
     */
    static Map<String, Boolean> initialForms(School school, Map<String, Boolean> names) {
        Map<String, Boolean> forms = new LinkedHashMap<>();
        String stem = stem(school);
        if (stem == null) {
            return forms;
        }
        String stemInitials = initials(stem);
        for (Map.Entry<String, Boolean> name : names.entrySet()) {
            String form = name.getKey();
            if (!form.startsWith(stem) || form.length() - stem.length() > 3 || form.length() == stem.length()) {
                continue;
            }
            String kind = form.substring(stem.length());
            forms.putIfAbsent(stemInitials + kind, name.getValue());
            if (stemInitials.length() + kind.length() >= 4) {
                forms.putIfAbsent(stemInitials + initials(kind), name.getValue());
            }
        }
        return forms;
    }

    /** Without separators: names are matched on text with its spaces and separators taken out (한빛 여고 = 한.빛.여.고 = 한빛여고), Latin letters
     * in lower case as the text's compact form has them. */
    public static String compact(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!NormalizedText.isSeparator(c)) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return out.toString();
    }
}
