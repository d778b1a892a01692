package org.roomwatch.core.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The small, safe syntax of the message search: words (all must appear), {@code "a phrase"}, {@code a OR b} (either),
 * and {@code -word} or {@code -"a phrase"} (must not appear). Nothing else is special: no fields, wildcards or
 * ranges, so a search can never reach past the text it names. A mistake is reported with the position (1-based)
 * where it was found.
 */
public final class SearchSyntax {
    /** One word or phrase. */
    public record Atom(String text, boolean phrase) {}

    /** Atoms of which any may match (one atom: it must); {@code excluded}: none may. */
    public record Clause(List<Atom> anyOf, boolean excluded) {
        public Clause {
            anyOf = List.copyOf(anyOf);
        }
    }

    /** A mistake in a search, with where it is. */
    public static final class SyntaxError extends IllegalArgumentException {
        private final int position;

        SyntaxError(String message, int position) {
            super("q: " + message + " (at character " + position + ")");
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    /**
     * Bounds on one search, so that a pasted document or a runaway script cannot make one request cost the node what
     * hundreds of officers' searches do: each word becomes a clause on two fields, and an officer's search has a few.
     */
    public static final int MAX_LENGTH = 500; // as every API parameter
    public static final int MAX_WORDS = 32;

    private SearchSyntax() {}

    public static List<Clause> parse(String query) {
        List<Clause> clauses = new ArrayList<>();
        int i = 0;
        int n = query.length();
        if (n > MAX_LENGTH) {
            throw new SyntaxError("a search may have at most " + MAX_LENGTH + " characters; this one has " + n, MAX_LENGTH + 1);
        }
        int atoms = 0;
        List<Atom> alternatives = null;
        boolean excluded = false;
        boolean expectAlternative = false;
        int orAt = -1;
        while (true) {
            while (i < n && Character.isWhitespace(query.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            if (query.startsWith("OR", i) && (i + 2 == n || Character.isWhitespace(query.charAt(i + 2)))) {
                if (alternatives == null || expectAlternative) {
                    throw new SyntaxError("OR needs a word or phrase before it", start + 1);
                }
                if (excluded) {
                    throw new SyntaxError("an excluded word cannot have alternatives", start + 1);
                }
                expectAlternative = true;
                orAt = start;
                i += 2;
                continue;
            }
            boolean minus = false;
            if (query.charAt(i) == '-') {
                if (expectAlternative) {
                    throw new SyntaxError("OR cannot be followed by an excluded word", start + 1);
                }
                minus = true;
                i++;
                if (i >= n || Character.isWhitespace(query.charAt(i))) {
                    throw new SyntaxError("'-' needs a word or phrase right after it", start + 1);
                }
            }
            if (++atoms > MAX_WORDS) {
                throw new SyntaxError("a search may have at most " + MAX_WORDS + " words and phrases; search for fewer, or"
                        + " narrow it with the filters", start + 1);
            }
            Atom atom;
            if (query.charAt(i) == '"') {
                int close = query.indexOf('"', i + 1);
                if (close < 0) {
                    throw new SyntaxError("the quote opened here is never closed", i + 1);
                }
                String phrase = query.substring(i + 1, close).strip();
                if (phrase.isEmpty()) {
                    throw new SyntaxError("an empty phrase", i + 1);
                }
                atom = new Atom(phrase, true);
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(query.charAt(end)) && query.charAt(end) != '"') {
                    end++;
                }
                atom = new Atom(query.substring(i, end), false);
                i = end;
            }
            if (expectAlternative) {
                alternatives.add(atom);
                expectAlternative = false;
            } else {
                if (alternatives != null) {
                    clauses.add(new Clause(alternatives, excluded));
                }
                alternatives = new ArrayList<>(List.of(atom));
                excluded = minus;
            }
        }
        if (expectAlternative) {
            throw new SyntaxError("OR needs a word or phrase after it", orAt + 1);
        }
        if (alternatives != null) {
            clauses.add(new Clause(alternatives, excluded));
        }
        if (!clauses.isEmpty() && clauses.stream().allMatch(Clause::excluded)) {
            throw new SyntaxError("a search needs at least one word that must appear, not only excluded ones", 1);
        }
        return clauses;
    }
}
