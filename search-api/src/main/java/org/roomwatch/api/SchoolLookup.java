package org.roomwatch.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomwatch.core.school.School;
import org.roomwatch.tagging.Tag;
import org.roomwatch.tagging.Tagging;

/**
 * Schools by what an officer types: the registry id, a name as the tagger reads it (한빛여고 finds 한빛여자고등학교,
 * ㅎㅂ여고 and hanbit yeogo too), a part of a name or alias, or a picked suggestion ("한빛여자고등학교 [9900001]").
 */
final class SchoolLookup {
    /** A suggestion as the pickers write it: the name, then the id in brackets. */
    private static final Pattern PICKED = Pattern.compile(".*\\[([^\\[\\]]+)]\\s*$");

    private final Supplier<Tagging> tagging;

    SchoolLookup(Supplier<Tagging> tagging) {
        this.tagging = tagging;
    }

    /** What a typed school filter stands for: exactly one school, several to choose from, or none. */
    record Resolved(String typed, List<School> schools) {
        boolean one() {
            return schools.size() == 1;
        }
    }

    Resolved resolve(String typed) {
        String text = typed.strip();
        Tagging current = tagging.get();
        Matcher picked = PICKED.matcher(text);
        String id = picked.matches() ? picked.group(1).strip() : text;
        School exact = current.school(id);
        if (exact != null) {
            return new Resolved(typed, List.of(exact));
        }
        List<School> byName = current.tagger().gazetteer().schools().stream().filter(s -> s.name().equals(text)).toList();
        if (byName.size() == 1) {
            return new Resolved(typed, byName);
        }
        return new Resolved(typed, find(text, 20));
    }

    /** Schools the text names (as the tagger reads it) first, then those whose name or an alias contains it. */
    List<School> find(String q, int size) {
        Tagging current = tagging.get();
        Set<String> ids = new LinkedHashSet<>();
        if (q != null && !q.isBlank()) {
            for (Tag t : current.tagger().tag(q).tags()) {
                if (t.kind().equals("school")) {
                    ids.add(t.value());
                } else if (t.kind().equals("school_ambiguous")) {
                    ids.addAll(t.candidates());
                }
            }
        }
        for (School s : current.tagger().gazetteer().schools()) {
            if (ids.size() >= size) {
                break;
            }
            if (q == null || q.isBlank() || s.name().contains(q) || s.aliases().stream().anyMatch(a -> a.contains(q))) {
                ids.add(s.id());
            }
        }
        List<School> out = new ArrayList<>();
        for (String id : ids) {
            if (out.size() >= size) {
                break;
            }
            School s = current.school(id);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    School school(String id) {
        return tagging.get().school(id);
    }

    List<School> all() {
        return tagging.get().tagger().gazetteer().schools();
    }

    /** How a school is offered in a picker and shown in a chip: name, then the id the server reads back. */
    static String label(School s) {
        return s.name() + " [" + s.id() + "]";
    }

    /** Where a school is, for telling namesakes apart: 서울 강남구 · 고. */
    static String place(School s) {
        StringBuilder out = new StringBuilder();
        if (s.sido() != null) {
            out.append(s.sido());
        }
        if (s.sigungu() != null) {
            out.append(out.isEmpty() ? "" : " ").append(s.sigungu());
        }
        if (s.level() != null) {
            out.append(out.isEmpty() ? "" : " · ").append(s.level().suffix());
        }
        return out.toString();
    }
}
