package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled registry and watch list, and what their tags become in an index document. Immutable: when the
 * registry or a watch list changes, a new one is compiled and swapped in whole.
 */
public final class Tagging {
    private final Gazetteer gazetteer;
    private final Tagger tagger;
    private final Map<String, School> byId = new LinkedHashMap<>();
    private final Lexicon lexicon;

    public Tagging(List<School> schools, List<WatchedPerson> people) {
        this(schools, people, Lexicon.empty());
    }

    public Tagging(List<School> schools, List<WatchedPerson> people, Lexicon lexicon) {
        this.gazetteer = new Gazetteer(schools);
        this.tagger = new Tagger(gazetteer, people);
        this.lexicon = lexicon;
        schools.forEach(s -> byId.put(s.id(), s));
    }

    private static final Tagging NONE = new Tagging(List.of(), List.of());

    /** No schools, no watched people, no lexicon: one shared instance (compiling even an empty one costs). */
    public static Tagging none() {
        return NONE;
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** Tags and lexicon words of one text, as index fields. */
    public Map<String, Object> fieldsOf(String text) {
        Tagger.Result result = tagger.tag(text);
        Map<String, Object> fields = fields(result.tags());
        fields.put("lexicon_terms", List.copyOf(lexicon.find(result.text())));
        return fields;
    }

    public Tagger tagger() {
        return tagger;
    }

    public School school(String id) {
        return byId.get(id);
    }

    public int schools() {
        return byId.size();
    }

    /**
     * Index fields for the tags of one text: the schools (id, name, level, region, the matched words and
     * confidence), flat keyword lists for filtering and facets, and the mentions. Person mentions carry the watched
     * person's id only, never the name.
     */
    public Map<String, Object> fields(List<Tag> tags) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<Map<String, Object>> schools = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> levels = new LinkedHashSet<>();
        Set<String> sido = new LinkedHashSet<>();
        Set<String> sigungu = new LinkedHashSet<>();
        Map<String, Set<String>> lists = new LinkedHashMap<>();
        for (String kind : List.of("school_candidate", "school_ambiguous", "grade", "region", "phone", "handle", "kakao", "person")) {
            lists.put(kind, new LinkedHashSet<>());
        }
        for (Tag t : tags) {
            if (t.kind().equals("school")) {
                School s = byId.get(t.value());
                Map<String, Object> school = new LinkedHashMap<>();
                school.put("id", t.value());
                school.put("name", t.label());
                school.put("matched", t.matched());
                school.put("confidence", t.confidence());
                if (s != null) {
                    school.put("level", s.level() == null ? null : s.level().abbreviation());
                    school.put("sido", Gazetteer.sidoShort(s.sido()));
                    school.put("sigungu", s.sigungu());
                    if (s.level() != null) {
                        levels.add(s.level().abbreviation());
                    }
                    if (s.sido() != null) {
                        sido.add(Gazetteer.sidoShort(s.sido()));
                    }
                    if (s.sigungu() != null) {
                        sigungu.add(s.sigungu());
                    }
                }
                if (ids.add(t.value())) {
                    schools.add(school);
                }
            } else if (lists.containsKey(t.kind())) {
                lists.get(t.kind()).add(t.value());
                if (t.kind().equals("school_ambiguous")) {
                    lists.get(t.kind()).addAll(t.candidates().stream().map(c -> "candidate:" + c).toList());
                }
            }
        }
        fields.put("schools", schools);
        fields.put("school_ids", List.copyOf(ids));
        fields.put("school_levels", List.copyOf(levels));
        fields.put("school_sido", List.copyOf(sido));
        fields.put("school_sigungu", List.copyOf(sigungu));
        fields.put("school_candidates", List.copyOf(lists.get("school_candidate")));
        fields.put("school_ambiguous", List.copyOf(lists.get("school_ambiguous")));
        fields.put("grades", List.copyOf(lists.get("grade")));
        fields.put("regions", List.copyOf(lists.get("region")));
        fields.put("phones", List.copyOf(lists.get("phone")));
        fields.put("mentioned_handles", List.copyOf(lists.get("handle")));
        fields.put("kakao_ids", List.copyOf(lists.get("kakao")));
        fields.put("person_ids", List.copyOf(lists.get("person")));
        return fields;
    }
}
