package org.roomwatch.media.hashlist;

import java.util.List;

/** A hash list that cannot be imported, with every problem found (line or record numbers), not just the first. */
public final class HashListException extends Exception {
    private final List<String> problems;

    public HashListException(List<String> problems) {
        super(summary(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        List<String> shown = problems.subList(0, Math.min(10, problems.size()));
        return problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the hash list; nothing was imported: "
                + String.join("; ", shown) + (problems.size() > shown.size() ? "; ..." : "");
    }
}
