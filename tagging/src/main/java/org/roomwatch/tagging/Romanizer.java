package org.roomwatch.tagging;

/**
 * Hangul in Revised Romanization (국어의 로마자 표기법, Ministry of Culture and Tourism notice 2000-8), written from
 * the published rules for what school names need: the vowel and consonant tables (articles 1 and 2), a final
 * consonant read as its representative sound (k, n, t, l, m, p, ng), carried over to a following silent ㅇ
 * (liaison), and the sound changes of article 3.1 between syllables of one word: nasalization (백마 baengma,
 * 종로 jongno, 독립 dongnip), ㄹ doubled (신라 silla, 별내 byeollae), palatalization (해돋이 haedoji, 같이 gachi)
 * and ㅎ aspirating a following ㄱ ㄷ ㅈ (좋고 joko), with ㄱ ㄷ ㅂ before ㅎ kept apart in nouns (묵호 mukho).
 * Not written (the rules do not write them either): tensification (학교 hakgyo). Not handled: the ㄴ insertion of
 * compounds (학여울 hangnyeoul) and ㄴㄹ read as ㄴㄴ in some (신문로 sinmunno), which need to know where a compound's
 * parts meet. Lower case, no hyphens.
 */
public final class Romanizer {
    private static final String[] INITIAL = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
            "t", "p", "h"};
    private static final String[] VOWEL = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
            "we", "wi", "yu", "eu", "ui", "i"};
    // Finals in Unicode order: none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
    /** The representative sound of each final at the end of a syllable (article 2, note 2). */
    private static final String[] FINAL = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p",
            "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
    /** A final before a silent ㅇ: what stays in this syllable and the initial it lends the next (liaison). */
    private static final String[][] LIAISON = {{"", ""}, {"", "g"}, {"", "kk"}, {"k", "s"}, {"", "n"}, {"n", "j"}, {"n", ""},
            {"", "d"}, {"", "r"}, {"l", "g"}, {"l", "m"}, {"l", "b"}, {"l", "s"}, {"l", "t"}, {"l", "p"}, {"l", ""}, {"", "m"},
            {"", "b"}, {"p", "s"}, {"", "s"}, {"", "ss"}, {"ng", ""}, {"", "j"}, {"", "ch"}, {"", "k"}, {"", "t"}, {"", "p"}, {"", ""}};
    private static final int NIEUN = 2;
    private static final int RIEUL = 5;
    private static final int MIEUM = 6;
    private static final int IEUNG = 11;
    private static final int FINAL_HIEUT = 27;
    private static final int FINAL_RIEUL = 8;
    private static final int FINAL_TIKEUT = 7;
    private static final int FINAL_THIEUTH = 25;

    private Romanizer() {}

    /** One word in Revised Romanization; characters other than Hangul syllables are kept as they are (lower-cased). */
    public static String romanize(String word) {
        StringBuilder out = new StringBuilder(word.length() * 3);
        int n = word.length();
        String carried = null; // the initial the previous syllable's final turned this one's into
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (c < '\uAC00' || c > '\uD7A3') {
                out.append(Character.toLowerCase(c));
                carried = null;
                continue;
            }
            int index = c - '\uAC00';
            int initial = index / 588;
            int vowel = (index % 588) / 28;
            int fin = index % 28;
            out.append(carried != null ? carried : INITIAL[initial]).append(VOWEL[vowel]);
            carried = null;
            boolean nextIsSyllable = i + 1 < n && word.charAt(i + 1) >= '\uAC00' && word.charAt(i + 1) <= '\uD7A3';
            if (fin == 0) {
                continue;
            }
            if (!nextIsSyllable) {
                out.append(FINAL[fin]);
                continue;
            }
            int next = (word.charAt(i + 1) - '\uAC00');
            int nextInitial = next / 588;
            int nextVowel = (next % 588) / 28;
            String[] sounds = soundsBefore(fin, nextInitial, nextVowel);
            out.append(sounds[0]);
            carried = sounds[1];
        }
        return out.toString();
    }

    /** What a final sounds like before the next syllable's initial, and what that initial becomes (null: unchanged). */
    private static String[] soundsBefore(int fin, int nextInitial, int nextVowel) {
        String rep = FINAL[fin];
        if (nextInitial == IEUNG) {
            if ((fin == FINAL_TIKEUT || fin == FINAL_THIEUTH) && nextVowel == 20) {
                return new String[] {"", fin == FINAL_TIKEUT ? "j" : "ch"}; // palatalization: 해돋이 haedoji, 같이 gachi
            }
            String[] moved = LIAISON[fin];
            return new String[] {moved[0], moved[1]};
        }
        if (fin == FINAL_HIEUT) {
            switch (nextInitial) {
                case 0: return new String[] {"", "k"};   // 좋고 joko
                case 3: return new String[] {"", "t"};   // 좋다 jota
                case 12: return new String[] {"", "ch"}; // 좋지 jochi
                case NIEUN: return new String[] {"n", null};
                default: return new String[] {"t", null};
            }
        }
        boolean nasal = nextInitial == NIEUN || nextInitial == MIEUM;
        if (nextInitial == RIEUL) {
            switch (rep) {
                case "n", "l": return new String[] {"l", "l"};          // 신라 silla, 물레 mulle
                case "k": return new String[] {"ng", "n"};              // 백로 baengno
                case "t": return new String[] {"n", "n"};
                case "p": return new String[] {"m", "n"};               // 협력 hyeomnyeok
                default: return new String[] {rep, "n"};                // 종로 jongno, 심리 simni
            }
        }
        if (nasal) {
            switch (rep) {
                case "k": return new String[] {"ng", null};             // 백마 baengma
                case "t": return new String[] {"n", null};
                case "p": return new String[] {"m", null};              // 압량 … 입니다 imnida
                case "l": return nextInitial == NIEUN ? new String[] {"l", "l"} : new String[] {"l", null}; // 별내 byeollae
                default: return new String[] {rep, null};
            }
        }
        if (fin == FINAL_RIEUL) {
            return new String[] {"l", null};
        }
        return new String[] {rep, null};
    }
}
