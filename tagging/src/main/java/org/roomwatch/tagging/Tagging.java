package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.core.school.School;

/**
 * A compiled registry and watch list, and what their tags become in an index document. Immutable: when the
 * registry or a watch list changes, a new one is compiled and swapped in whole.
 */
public final class Tagging {
    /** Tag kinds that become flat keyword lists, each with its field, in field order (schools get richer fields). */
    private static final Map<String, String> LISTED_KINDS = listedKinds();

    private static Map<String, String> listedKinds() {
        Map<String, String> fieldByKind = new LinkedHashMap<>();
        fieldByKind.put("school_candidate", "school_candidates");
        fieldByKind.put("school_ambiguous", "school_ambiguous");
        fieldByKind.put("grade", "grades");
        fieldByKind.put("region", "regions");
        fieldByKind.put("phone", "phones");
        fieldByKind.put("handle", "mentioned_handles");
        fieldByKind.put("kakao", "kakao_ids");
        fieldByKind.put("person", "person_ids");
        return Collections.unmodifiableMap(fieldByKind);
    }

    private final Gazetteer gazetteer;
    private final Tagger tagger;
    private final Map<String, School> byId = new LinkedHashMap<>();
    private final Lexicon lexicon;
    private final PictureTextRepair pictureRepair;

    public Tagging(List<School> schools, List<WatchedPerson> people) {
        this(schools, people, Lexicon.empty());
    }

    public Tagging(List<School> schools, List<WatchedPerson> people, Lexicon lexicon) {
        this.gazetteer = new Gazetteer(schools);
        this.tagger = new Tagger(gazetteer, people);
        this.lexicon = lexicon;
        this.pictureRepair = new PictureTextRepair(schools);
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
        NormalizedText normalized = NormalizedText.of(text);
        Map<String, Object> fields = fields(tagger.tag(normalized).tags());
        fields.put("lexicon_terms", List.copyOf(lexicon.find(normalized)));
        return fields;
    }

    /**
     * Text read out of a picture as the tagger should see it: registered school names misread in known ways put back
     * ({@link PictureTextRepair}).
     */
    public String repairPictureText(String text) {
        return pictureRepair.repair(text);
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
        Map<String, Object> fields = new LinkedHashMap<>(32); // 14 fields, and fieldsOf adds one: no rehash on the way
        List<Map<String, Object>> schools = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> levels = new LinkedHashSet<>();
        Set<String> sido = new LinkedHashSet<>();
        Set<String> sigungu = new LinkedHashSet<>();
        // Made only for the kinds a text has: most texts have one or two, and eight empty sets each were a cost.
        Map<String, Set<String>> lists = new HashMap<>(4);
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
            } else if (LISTED_KINDS.containsKey(t.kind())) {
                Set<String> values = lists.computeIfAbsent(t.kind(), k -> new LinkedHashSet<>());
                values.add(t.value());
                if (t.kind().equals("school_ambiguous")) {
                    for (String candidate : t.candidates()) {
                        values.add("candidate:" + candidate);
                    }
                }
            }
        }
        fields.put("schools", schools);
        fields.put("school_ids", List.copyOf(ids));
        fields.put("school_levels", List.copyOf(levels));
        fields.put("school_sido", List.copyOf(sido));
        fields.put("school_sigungu", List.copyOf(sigungu));
        LISTED_KINDS.forEach((kind, field) -> {
            Set<String> values = lists.get(kind);
            fields.put(field, values == null ? List.of() : List.copyOf(values));
        });
        return fields;
    }
}
