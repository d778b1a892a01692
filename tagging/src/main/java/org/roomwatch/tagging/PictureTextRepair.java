package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.roomwatch.core.school.School;

/**
 * Text read out of pictures misreads Hangul in known ways: a final consonant swapped or dropped (빛 read 빚, 육 read
 * 유), ㅜ read ㅡ. Before picture text is tagged, a run of syllables that is a registered school's full name but for
 * such misreadings is put back to the name, so the tagger finds the school. Only full names of five syllables or more
 * are repaired, and only when at most one jamo in three syllables differs (and never the initial consonants): short
 * names and aliases could be repaired into something nobody wrote. Handles too: Tesseract parts a word at its
 * underscore ({@code @jiwoo_ 8040}) and reads a thin 7 as a slash ({@code @chaewon_4/48}); after an {@code @} the space
 * after an underscore goes and a slash between digits is a 7. The text the picture gave is kept beside it.
 */
public final class PictureTextRepair {
    static final int MIN_SYLLABLES = 5;
    private static final int HANGUL_FIRST = 0xAC00;
    private static final int HANGUL_LAST = 0xD7A3;
    /** ㅜ (13) and ㅡ (18) are read for each other; every other vowel keeps its own group. */
    private static final int VOWEL_U = 13;
    private static final int VOWEL_EU = 18;

    private final Map<String, List<String>> namesByKey = new HashMap<>();
    private final TreeSet<Integer> lengths = new TreeSet<>();

    public PictureTextRepair(List<School> schools) {
        for (School s : schools) {
            String name = s.name();
            if (name.length() >= MIN_SYLLABLES && name.chars().allMatch(PictureTextRepair::isSyllable)) {
                namesByKey.computeIfAbsent(key(name), k -> new ArrayList<>()).add(name);
                lengths.add(name.length());
            }
        }
    }

    /** {@code text} with near-misses of registered school names put back; unchanged when there are none. */
    public String repair(String text) {
        if (text == null) {
            return null;
        }
        text = repairHandles(text);
        if (namesByKey.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            String replaced = null;
            for (int n : lengths.descendingSet()) {
                if (i + n > text.length()) {
                    continue;
                }
                String window = text.substring(i, i + n);
                if (!window.chars().allMatch(PictureTextRepair::isSyllable)) {
                    continue;
                }
                replaced = closest(window);
                if (replaced != null) {
                    break;
                }
            }
            if (replaced != null) {
                out.append(replaced);
                i += replaced.length();
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern HANDLE_SPLIT = java.util.regex.Pattern.compile("(@[A-Za-z0-9_.]*_) ([A-Za-z0-9])");
    private static final java.util.regex.Pattern HANDLE_SLASH = java.util.regex.Pattern.compile("(@[A-Za-z0-9_.]*[0-9])/([0-9])");

    /** Handles put back together: the space Tesseract puts after an underscore, a 7 read as a slash. */
    static String repairHandles(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        String joined = HANDLE_SPLIT.matcher(text).replaceAll("$1$2");
        String previous;
        do {
            previous = joined;
            joined = HANDLE_SLASH.matcher(joined).replaceAll("$17$2");
        } while (!joined.equals(previous));
        return joined;
    }

    /** The registered name nearest {@code window} within the allowed misreadings, or null. */
    private String closest(String window) {
        List<String> names = namesByKey.get(key(window));
        if (names == null) {
            return null;
        }
        String best = null;
        int fewest = Math.max(1, window.length() / 3) + 1;
        for (String name : names) {
            int edits = jamoEdits(window, name);
            if (edits < fewest) {
                fewest = edits;
                best = name;
            }
        }
        return best;
    }

    /** Initial consonant and vowel group of each syllable: what a misreading leaves alone. */
    static String key(String syllables) {
        StringBuilder key = new StringBuilder(syllables.length() * 2);
        for (int i = 0; i < syllables.length(); i++) {
            int code = syllables.charAt(i) - HANGUL_FIRST;
            int vowel = code / 28 % 21;
            key.append((char) ('A' + code / 28 / 21)).append((char) ('a' + (vowel == VOWEL_U ? VOWEL_EU : vowel)));
        }
        return key.toString();
    }

    /** Jamo that differ between two runs of syllables of one length. */
    static int jamoEdits(String a, String b) {
        int edits = 0;
        for (int i = 0; i < a.length(); i++) {
            int x = a.charAt(i) - HANGUL_FIRST;
            int y = b.charAt(i) - HANGUL_FIRST;
            edits += (x / 28 / 21 != y / 28 / 21 ? 1 : 0) + (x / 28 % 21 != y / 28 % 21 ? 1 : 0) + (x % 28 != y % 28 ? 1 : 0);
        }
        return edits;
    }

    private static boolean isSyllable(int c) {
        return c >= HANGUL_FIRST && c <= HANGUL_LAST;
    }
}
