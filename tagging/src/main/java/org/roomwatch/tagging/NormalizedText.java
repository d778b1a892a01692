package org.roomwatch.tagging;

import java.text.Normalizer;

/**
 * Text as the tagger sees it: NFC (decomposed Hangul from some clients composed), format characters removed
 * (zero-width joiners and spaces, soft hyphens, BOMs: 한‍빛‍여‍고 is 한빛여고), full-width ASCII made ASCII, and
 * cut at {@link #MAX_CHARS} so a 100 KB message costs a bounded, linear amount. Telegram caps a message at 4,096
 * characters and a room title or description far below that, so the cut only ever meets abuse. Spans refer to this
 * text.
 */
public final class NormalizedText {
    public static final int MAX_CHARS = 20_000;

    private final String text;
    private final char[] compact;
    private final int[] origin;
    private final int compactLength;

    private NormalizedText(String text) {
        this.text = text;
        this.compact = new char[text.length()];
        this.origin = new int[text.length() + 1];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSeparator(c)) {
                compact[n] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c; // Latin names match in any case
                origin[n] = i;
                n++;
            }
        }
        origin[n] = text.length();
        this.compactLength = n;
    }

    public static NormalizedText of(String raw) {
        if (raw == null) {
            return new NormalizedText("");
        }
        String cut = raw.length() > MAX_CHARS * 2 ? raw.substring(0, MAX_CHARS * 2) : raw;
        String nfc = Normalizer.isNormalized(cut, Normalizer.Form.NFC) ? cut : Normalizer.normalize(cut, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(Math.min(nfc.length(), MAX_CHARS));
        for (int i = 0; i < nfc.length() && out.length() < MAX_CHARS; i++) {
            char c = nfc.charAt(i);
            int type = Character.getType(c);
            if (type == Character.FORMAT) {
                continue;
            }
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0') {
                c = ' ';
            }
            out.append(c);
        }
        return new NormalizedText(out.toString());
    }

    public String text() {
        return text;
    }

    /**
     * The text with whitespace and separators removed and Latin letters lower-cased (valid up to {@link #compactLength()}), and for each of its chars the index in
     * {@link #text()}. The array itself, not a copy: callers only read it.
     */
    public char[] compact() {
        return compact;
    }

    public int compactLength() {
        return compactLength;
    }

    /** Index in {@link #text()} of compact char {@code i}; {@code origin(compactLength())} is the text's length. */
    int origin(int i) {
        return origin[i];
    }

    /** Whether the span [start, end) of the text contains whitespace (a person's or region's name is never split by a space). */
    boolean spansWhitespace(int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the span [start, end) holds a separator other than whitespace: a form someone split on purpose. */
    boolean splitBySymbols(int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isSymbolSeparator(c)) {
                return true;
            }
        }
        return false;
    }

    /** The first index at or after {@code i} that is not a symbol separator (whitespace ends a word, so it stops there). */
    int skipSeparatorsForward(int i) {
        while (i < text.length() && isSymbolSeparator(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The smallest index at or before {@code i} with only symbol separators (no whitespace) between it and {@code i}. */
    int skipSeparatorsBack(int i) {
        while (i > 0 && isSymbolSeparator(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * What rooms put between a name's syllables to hide it from keyword search (한.빛.여.고, 한/빛/여/고, 한💕빛여고):
     * whitespace, the dots, slashes, dashes, bars and stars of the list, middle dots (·, ・, ㆍ), and emoji and
     * other pictographs (surrogate halves, symbols, variation selectors). Names are matched on the text with all of
     * them taken out, so one written form is one match whatever is sprinkled in it. Commas, brackets, quotes, ! and ?
     * stay: they end words in ordinary writing (한빛, 고3 애들) and are never used inside a name.
     */
    /** A separator other than whitespace: what someone put inside a name on purpose. */
    private static boolean isSymbolSeparator(char c) {
        return isSeparator(c) && !Character.isWhitespace(c);
    }

    static boolean isSeparator(char c) {
        if (c < 128) {
            return ASCII_SEPARATOR[c]; // most of every text: a table look-up
        }
        if (c >= '\uAC00' && c <= '\uD7A3') {
            return false; // a Hangul syllable, the rest of most texts
        }
        if (Character.isWhitespace(c)) {
            return true;
        }
        switch (c) {
            case '\u00B7', '\u30FB', '\u318D', '\u2022', '\u2027' -> {
                return true;
            }
            default -> {
                if (Character.isSurrogate(c)) {
                    return true;
                }
                int type = Character.getType(c);
                return type == Character.OTHER_SYMBOL || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
            }
        }
    }

    private static final boolean[] ASCII_SEPARATOR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SEPARATOR[c] = Character.isWhitespace(c) || "./\\_-|~*^".indexOf(c) >= 0;
        }
    }

    static boolean isHangul(char c) {
        return (c >= '\uAC00' && c <= '\uD7A3') || (c >= '\u3131' && c <= '\u318E');
    }
}
