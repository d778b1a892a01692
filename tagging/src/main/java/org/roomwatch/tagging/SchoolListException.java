package org.roomwatch.tagging;

import java.util.List;

/** A school list that cannot be imported; every problem names its line and column. Nothing is imported. */
public final class SchoolListException extends Exception {
    private final List<String> problems;

    public SchoolListException(List<String> problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the school list; nothing was imported: "
                + String.join("; ", problems.subList(0, Math.min(10, problems.size()))) + (problems.size() > 10 ? "; ..." : ""),
                null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
