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
            if (!Character.isWhitespace(c)) {
                compact[n] = c;
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
     * The text with whitespace removed (valid up to {@link #compactLength()}), and for each of its chars the index in
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

    /** Whether the span [start, end) of the text contains whitespace. */
    boolean spansWhitespace(int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isHangul(char c) {
        return (c >= '\uAC00' && c <= '\uD7A3') || (c >= '\u3131' && c <= '\u318E');
    }
}
