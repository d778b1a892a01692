package org.roomwatch.tagging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolLevel;

/**
 * How a school is written in Latin letters, as t.me usernames, handles and many room titles write it: every Hangul
 * form in Revised Romanization, the stem and the kind each as one word (한빛여고 → hanbit + yeogo, 한빛여자고등학교 →
 * hanbit + yeojagodeunghakgyo), the usual English (hanbit girls high, hanbit girls, hanbit high school), and the
 * registry's own English name (NEIS 영문학교명, imported as an alias). Forms are compact and lower case: matched
 * on text with its separators taken out and its Latin letters lower-cased, so hanbit_yeogo, Hanbit.Yeogo and
 * HANBIT YEOGO are one form.
 */
final class LatinNames {
    private static final Map<String, String> TYPES = Map.of("외국어", "foreignlanguage", "과학", "science", "예술", "arts",
            "체육", "sports", "공업", "technical", "상업", "commercial");

    private LatinNames() {}

    /** Form → primary, as {@link SchoolNames#of} gives them for Hangul ({@code hangul}: what it gave for this school). */
    static Map<String, Boolean> of(School school, Map<String, Boolean> hangul) {
        Map<String, Boolean> forms = new LinkedHashMap<>();
        for (String alias : school.aliases()) {
            if (isLatin(alias)) {
                String compact = compact(alias);
                forms.putIfAbsent(compact, true);
                if (compact.endsWith("school") && compact.length() > "school".length() + 4) {
                    forms.putIfAbsent(compact.substring(0, compact.length() - "school".length()), true);
                }
            }
        }
        String stem = SchoolNames.stem(school);
        if (stem == null) {
            return forms;
        }
        String romanStem = Romanizer.romanize(stem);
        for (Map.Entry<String, Boolean> name : hangul.entrySet()) {
            String form = name.getKey();
            if (form.startsWith(stem) && form.length() > stem.length()) {
                forms.putIfAbsent(romanStem + Romanizer.romanize(form.substring(stem.length())), name.getValue());
            }
        }
        english(school, stem, romanStem, forms);
        return forms;
    }

    private static void english(School school, String stem, String romanStem, Map<String, Boolean> forms) {
        String level = switch (school.level()) {
            case ELEMENTARY -> "elementary";
            case MIDDLE -> "middle";
            case HIGH -> "high";
            case UNIVERSITY -> null;
        };
        if (level == null) {
            return;
        }
        String full = SchoolNames.compact(school.name());
        String gender = full.contains(stem + "여자") ? "girls" : full.contains(stem + "남자") ? "boys" : "";
        String type = "";
        if (school.level() == SchoolLevel.HIGH) {
            for (Map.Entry<String, String> t : TYPES.entrySet()) {
                if (full.startsWith(stem + t.getKey())) {
                    type = t.getValue();
                }
            }
        }
        String named = romanStem + gender + type + level;
        forms.putIfAbsent(named + "school", true);
        forms.putIfAbsent(named, true);
        if (!gender.isEmpty()) {
            forms.putIfAbsent(romanStem + gender, true); // @hanbitgirls
            forms.putIfAbsent(romanStem + type + level, false); // hanbit high: the looser form, as 한빛고 is
        }
    }

    /** Whether the text has a Latin letter and no Hangul: an English name, not a Korean alias. */
    static boolean isLatin(String text) {
        boolean latin = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (NormalizedText.isHangul(c)) {
                return false;
            }
            latin |= isLatinLetter(c);
        }
        return latin;
    }

    static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Lower case, without separators or apostrophes (Girls' High School → girlshighschool). */
    static String compact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!NormalizedText.isSeparator(c) && c != '\'' && c != '\u2019') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
