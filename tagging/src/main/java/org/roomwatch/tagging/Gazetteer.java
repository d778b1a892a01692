package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.school.School;

/**
 * The registry compiled for tagging: one automaton over every school's names, one over region names (시도 and
 * 시군구, long and short forms). Immutable and thread-safe once built; rebuild it when the registry changes.
 */
public final class Gazetteer {
    /** 시도 short forms and the official names that map to them. */
    static final Map<String, String> SIDO = new LinkedHashMap<>();

    static {
        String[][] sido = {
                {"서울", "서울특별시", "서울시"}, {"부산", "부산광역시", "부산시"}, {"대구", "대구광역시", "대구시"},
                {"인천", "인천광역시", "인천시"}, {"광주", "광주광역시", "광주시"}, {"대전", "대전광역시", "대전시"},
                {"울산", "울산광역시", "울산시"}, {"세종", "세종특별자치시", "세종시"}, {"경기", "경기도"},
                {"강원", "강원도", "강원특별자치도"}, {"충북", "충청북도"}, {"충남", "충청남도"},
                {"전북", "전라북도", "전북특별자치도"}, {"전남", "전라남도"}, {"경북", "경상북도"}, {"경남", "경상남도"},
                {"제주", "제주도", "제주특별자치도"}};
        for (String[] names : sido) {
            for (String n : names) {
                SIDO.put(n, names[0]);
            }
        }
    }

    record NameRef(int school, boolean primary, boolean fullName) {}

    private final List<School> schools;
    private final AhoCorasick names = new AhoCorasick();
    private final List<List<NameRef>> refs = new ArrayList<>();
    private final AhoCorasick initials = new AhoCorasick();
    private final List<List<NameRef>> initialRefs = new ArrayList<>();
    private final AhoCorasick latin = new AhoCorasick();
    private final List<List<NameRef>> latinRefs = new ArrayList<>();
    private final AhoCorasick regions = new AhoCorasick();
    private final List<String> regionValues = new ArrayList<>();

    public Gazetteer(List<School> schools) {
        this.schools = List.copyOf(schools);
        for (int s = 0; s < this.schools.size(); s++) {
            School school = this.schools.get(s);
            String full = SchoolNames.compact(school.name());
            // The Hangul names once: the initial-consonant and Latin forms are made from them.
            Map<String, Boolean> hangul = SchoolNames.of(school);
            for (Map.Entry<String, Boolean> name : hangul.entrySet()) {
                add(names, refs, name.getKey(), new NameRef(s, name.getValue(), name.getKey().equals(full)));
            }
            for (Map.Entry<String, Boolean> form : SchoolNames.initialForms(school, hangul).entrySet()) {
                add(initials, initialRefs, form.getKey(), new NameRef(s, form.getValue(), false));
            }
            for (Map.Entry<String, Boolean> form : LatinNames.of(school, hangul).entrySet()) {
                add(latin, latinRefs, form.getKey(), new NameRef(s, form.getValue(), false));
            }
        }
        Map<String, String> regionNames = new LinkedHashMap<>(SIDO);
        for (School school : this.schools) {
            String sigungu = school.sigungu();
            if (sigungu != null && !sigungu.isBlank()) {
                String g = SchoolNames.compact(sigungu);
                regionNames.putIfAbsent(g, g);
                if (g.length() >= 3 && (g.endsWith("구") || g.endsWith("시") || g.endsWith("군"))) {
                    regionNames.putIfAbsent(g.substring(0, g.length() - 1), g);
                }
            }
        }
        Map<Integer, String> byId = new HashMap<>();
        regionNames.forEach((name, value) -> byId.put(regions.add(name), value));
        for (int i = 0; i < regions.patterns(); i++) {
            regionValues.add(byId.get(i));
        }
    }

    /** Adds a form to an automaton and what it stands for to that automaton's references (one list per pattern). */
    private static void add(AhoCorasick automaton, List<List<NameRef>> references, String form, NameRef ref) {
        int id = automaton.add(form);
        while (references.size() <= id) {
            references.add(new ArrayList<>(1));
        }
        references.get(id).add(ref);
    }

    /** The seventeen 시도 in their short forms (서울, 부산 … 제주), in the registry's usual order. */
    public static List<String> sidoNames() {
        return SIDO.values().stream().distinct().toList();
    }

    /** 서울특별시, 서울시, 서울 → 서울; anything else unchanged. */
    public static String sidoShort(String sido) {
        if (sido == null) {
            return null;
        }
        String compact = SchoolNames.compact(sido);
        return SIDO.getOrDefault(compact, compact);
    }

    public static Gazetteer empty() {
        return new Gazetteer(List.of());
    }

    public List<School> schools() {
        return schools;
    }

    public School school(int index) {
        return schools.get(index);
    }

    AhoCorasick names() {
        return names;
    }

    List<NameRef> refs(int pattern) {
        return refs.get(pattern);
    }

    /** Schools written in initial consonants (ㅎㅂ여고, ㅎㅂㅇㄱ): see {@link SchoolNames#initialForms}. */
    AhoCorasick initials() {
        return initials;
    }

    List<NameRef> initialRefs(int pattern) {
        return initialRefs.get(pattern);
    }

    /** Schools in Latin letters (hanbit_yeogo, @hanbitgirls): see {@link LatinNames}. */
    AhoCorasick latin() {
        return latin;
    }

    List<NameRef> latinRefs(int pattern) {
        return latinRefs.get(pattern);
    }

    AhoCorasick regions() {
        return regions;
    }

    String regionValue(int pattern) {
        return regionValues.get(pattern);
    }

    /** Whether the school lies in the region (a 시도 short form such as 부산, or a 시군구 such as 강남구). */
    static boolean inRegion(School school, String region) {
        if (school.sido() != null && SIDO.getOrDefault(SchoolNames.compact(school.sido()), school.sido()).equals(region)) {
            return true;
        }
        return school.sigungu() != null && SchoolNames.compact(school.sigungu()).equals(region);
    }
}
