package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.core.school.School;

/**
 * Precision and recall per tag kind on the labelled synthetic corpus (tools/make_tagging_corpus.py), printed; the
 * build fails when school tags fall under 0.95 on either, or all tags together under 0.95 precision or 0.90 recall. Misses and false hits are printed to show what went wrong.
 */
class TaggingAccuracyTest {
    private static final Set<String> KINDS = Set.of("school", "school_ambiguous", "school_candidate", "grade", "person", "phone",
            "handle", "kakao");

    @Test
    void precisionAndRecallPerKind() throws Exception {
        List<School> schools;
        try (InputStream in = getClass().getResourceAsStream("/schools/sample-schools.csv")) {
            schools = NeisSchoolCsv.parse(in.readAllBytes());
        }
        Tagger tagger = new Tagger(new Gazetteer(schools), List.of(
                new WatchedPerson("p1", "한가온", List.of(), List.of()), new WatchedPerson("p2", "유나래", List.of(), List.of()),
                new WatchedPerson("p3", "문지수", List.of(), List.of()), new WatchedPerson("p4", "남다솜", List.of(), List.of()),
                new WatchedPerson("p5", "도새봄", List.of(), List.of())));
        StringBuilder corpus = new StringBuilder();
        for (String file : List.of("/corpus/labelled.tsv", "/corpus/handwritten.tsv", "/corpus/evasions.tsv")) {
            try (InputStream in = getClass().getResourceAsStream(file)) {
                corpus.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        Map<String, int[]> counts = new HashMap<>(); // kind -> {true positives, false positives, false negatives}
        List<String> mistakes = new ArrayList<>();
        int messages = 0;
        for (String line : corpus.toString().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            messages++;
            String[] cols = line.split("\t", -1);
            Set<String> expected = new HashSet<>();
            if (cols.length > 1 && !cols[1].isBlank()) {
                for (String tag : cols[1].split(" ; ")) {
                    expected.add(tag.strip());
                }
            }
            Set<String> found = new HashSet<>();
            for (Tag t : tagger.tag(cols[0]).tags()) {
                if (KINDS.contains(t.kind())) {
                    found.add(t.kind() + "=" + t.value());
                }
            }
            for (String kind : KINDS) {
                int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
                for (String f : found) {
                    if (f.startsWith(kind + "=")) {
                        if (expected.contains(f)) {
                            c[0]++;
                        } else {
                            c[1]++;
                            mistakes.add("false " + f + " in: " + cols[0]);
                        }
                    }
                }
                for (String e : expected) {
                    if (e.startsWith(kind + "=") && !found.contains(e)) {
                        c[2]++;
                        mistakes.add("missed " + e + " in: " + cols[0]);
                    }
                }
            }
        }
        System.out.printf("%ntagging accuracy on %d labelled messages%n", messages);
        System.out.println("| kind             | expected | found | precision | recall |");
        System.out.println("|------------------|---------:|------:|----------:|-------:|");
        int[] overall = new int[3];
        for (String kind : new TreeSet<>(KINDS)) {
            int[] c = counts.get(kind);
            System.out.printf("| %-16s | %8d | %5d | %9.3f | %6.3f |%n", kind, c[0] + c[2], c[0] + c[1], precision(c), recall(c));
            for (int i = 0; i < 3; i++) {
                overall[i] += c[i];
            }
        }
        System.out.printf("| %-16s | %8d | %5d | %9.3f | %6.3f |%n", "overall", overall[0] + overall[2], overall[0] + overall[1],
                precision(overall), recall(overall));
        mistakes.forEach(m -> System.out.println("  " + m));
        assertTrue(messages >= 300, "the corpus has " + messages + " messages; at least 300 are needed");
        assertTrue(precision(overall) >= 0.95 && recall(overall) >= 0.90,
                "all tags: precision " + precision(overall) + ", recall " + recall(overall) + "; mistakes: " + mistakes);
        int[] school = counts.get("school");
        assertTrue(precision(school) >= 0.95 && recall(school) >= 0.95,
                "school tags: precision " + precision(school) + ", recall " + recall(school) + "; mistakes: " + mistakes);
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }
}
