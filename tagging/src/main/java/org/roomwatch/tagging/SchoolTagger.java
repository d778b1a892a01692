package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomwatch.core.school.School;

/**
 * Schools in Korean text: registry names and their abbreviations (with spacing and particles: 한빛 여고,
 * 한빛여고에서), regions that tell same-named schools apart (부산 한빛중), grades and classes (2학년 3반, 고2), and
 * school-shaped names missing from the registry, tagged as unverified candidates.
 */
public final class SchoolTagger {
    /** What may follow a school's name inside the same word: particles and the nouns that attach to it. */
    private static final String[] FOLLOWERS = {"에서", "에는", "에", "의", "은", "는", "이랑", "이", "가", "을", "를", "도", "랑",
            "하고", "와", "과", "으로", "로", "까지", "부터", "만", "애들", "얘들", "학생", "쌤", "선생", "출신", "다니", "졸업", "재학",
            "전교", "교복", "여자", "남자", "녀", "년", "놈", "방", "톡방", "단톡", "앞", "근처", "정문", "후문", "담임", "동창", "선배",
            "후배", "친구", "학년", "반", "거", "꺼", "것", "사진", "얼굴", "일진", "능욕", "지인", "겹지인", "합성", "박제", "신상", "딥페",
            "생"};
    /** Words that look like a school's stem but are not a name (우리 중학교, 옆 고등학교). */
    private static final Set<String> NOT_A_NAME = Set.of("우리", "너네", "니네", "저희", "그", "이", "저", "어느", "무슨", "다른",
            "같은", "옆", "근처", "동네", "지역", "인근", "여러", "모든", "각", "해당", "본", "전", "현", "새", "남녀", "여자", "남자",
            "일반", "사립", "공립", "국립", "명문", "인문계", "특성화", "실업계", "지방", "시골", "어떤", "여기", "거기", "저기", "이번", "지난", "대안", "야간", "중", "고", "초", "학교");
    private static final Pattern CANDIDATE = Pattern.compile(
            "([가-힣]{2,8})\\s?(여자고등학교|여자중학교|남자고등학교|남자중학교|초등학교|중학교|고등학교|여고|여중|남고|남중|외고|과고|예고|체고|공고|상고)");
    private static final Pattern GRADE_CLASS = Pattern.compile("(?<![0-9])([1-6])\\s?학년(?:\\s?([0-9]{1,2})\\s?반)?");
    static final Pattern SHORT_GRADE = Pattern.compile("(?<![가-힣0-9])(초|중|고)\\s?([1-6])(?![0-9])");

    private final Gazetteer gazetteer;

    public SchoolTagger(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Which automaton found a name: Hangul names, their initial consonants, or their Latin forms. */
    private enum Form { NAME, INITIALS, LATIN }

    /** A name found in the text: a pattern of the automaton its {@code form} names. */
    private record Span(int pattern, int start, int end, Form form) {}

    private record Region(String value, int start, int end) {}

    public List<Tag> tag(NormalizedText text, List<Tag> out) {
        String t = text.text();
        List<Region> regions = regions(text);
        Set<String> mentioned = new LinkedHashSet<>();
        for (Region r : regions) {
            mentioned.add(r.value());
            out.add(new Tag("region", r.value(), r.value(), r.start(), r.end(), t.substring(r.start(), r.end()), 0.9, null));
        }
        List<Span> spans = new ArrayList<>();
        find(text, gazetteer.names(), Form.NAME, regions, spans);
        if (hasJamoConsonant(t)) {
            find(text, gazetteer.initials(), Form.INITIALS, regions, spans);
        }
        if (hasLatinLetter(t)) {
            findLatin(text, spans);
        }
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt((Span s) -> s.end() - s.start()).reversed()));
        List<int[]> taken = new ArrayList<>();
        int lastEnd = -1;
        for (Span span : spans) {
            if (span.start() < lastEnd) {
                continue; // leftmost-longest: a shorter name inside a longer one is not a second school
            }
            lastEnd = span.end();
            taken.add(new int[] {span.start(), span.end()});
            out.add(resolve(span, t.substring(span.start(), span.end()), mentioned));
        }
        if (mayHoldCandidate(t)) {
            candidates(t, taken, out);
        }
        grades(t, out);
        return out;
    }

    private static void find(NormalizedText text, AhoCorasick automaton, Form form, List<Region> regions, List<Span> spans) {
        String t = text.text();
        automaton.search(text.compact(), text.compactLength(), (pattern, endCompact) -> {
            int startCompact = endCompact - automaton.patternLength(pattern);
            int start = text.origin(startCompact);
            int end = text.origin(endCompact - 1) + 1;
            // A form split by separators (한.빛.여.고) goes on across them: its neighbours are read past them too, so
            // 한.빛.여.고.양.이 stays a cat. An unsplit form keeps its own edges (나린중/나린고 is two schools).
            boolean split = text.splitBySymbols(start, end);
            int before = split ? text.skipSeparatorsBack(start) : start;
            int after = split ? text.skipSeparatorsForward(end) : end;
            if (leftBoundary(t, before, regions) && rightBoundary(text, start, end, after) && !spacedOn(t, start, end)) {
                spans.add(new Span(pattern, start, end, form));
            }
        });
    }

    /**
     * A form written a syllable at a time (한 빛 여 고) followed by one more lone syllable (양 이) is part of a longer
     * word written the same way, not a school: 한 빛 여 고 양 이 is a cat. Forms written otherwise are not affected.
     */
    private static boolean spacedOn(String t, int start, int end) {
        for (int i = start + 1; i < end; i += 2) {
            if (!Character.isWhitespace(t.charAt(i))) {
                return false; // not one syllable, one space, one syllable …
            }
        }
        int next = end;
        while (next < t.length() && Character.isWhitespace(t.charAt(next))) {
            next++;
        }
        if (next == end || next >= t.length() || !NormalizedText.isHangul(t.charAt(next))) {
            return false;
        }
        return next + 1 >= t.length() || Character.isWhitespace(t.charAt(next + 1));
    }

    /**
     * Latin forms stand as words of Latin letters: no letter or digit right before or after (xhanbityeogo, hanbitgoal,
     * aracho1ce), whatever separators a username puts inside (hanbit_yeogo).
     */
    private void findLatin(NormalizedText text, List<Span> spans) {
        String t = text.text();
        AhoCorasick automaton = gazetteer.latin();
        automaton.search(text.compact(), text.compactLength(), (pattern, endCompact) -> {
            int start = text.origin(endCompact - automaton.patternLength(pattern));
            int end = text.origin(endCompact - 1) + 1;
            boolean leftOk = start == 0 || !(LatinNames.isLatinLetter(t.charAt(start - 1)) || Character.isDigit(t.charAt(start - 1)));
            boolean rightOk = end >= t.length() || !(LatinNames.isLatinLetter(t.charAt(end)) || Character.isDigit(t.charAt(end)));
            if (leftOk && rightOk) {
                spans.add(new Span(pattern, start, end, Form.LATIN));
            }
        });
    }

    private static boolean hasLatinLetter(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (LatinNames.isLatinLetter(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text holds a lone consonant (ㄱ…ㅎ): without one, no name can be written in initials. */
    private static boolean hasJamoConsonant(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '\u3131' && c <= '\u314E') {
                return true;
            }
        }
        return false;
    }

    private Tag resolve(Span span, String matched, Set<String> regions) {
        List<Gazetteer.NameRef> refs = switch (span.form()) {
            case NAME -> gazetteer.refs(span.pattern());
            case INITIALS -> gazetteer.initialRefs(span.pattern());
            case LATIN -> gazetteer.latinRefs(span.pattern());
        };
        List<Gazetteer.NameRef> pool = refs.stream().filter(Gazetteer.NameRef::primary).toList();
        if (pool.isEmpty()) {
            pool = refs;
        }
        if (pool.size() > 1 && !regions.isEmpty()) {
            List<Gazetteer.NameRef> local = pool.stream()
                    .filter(r -> regions.stream().anyMatch(region -> Gazetteer.inRegion(gazetteer.school(r.school()), region))).toList();
            if (!local.isEmpty()) {
                pool = local;
            }
        }
        if (pool.size() == 1) {
            Gazetteer.NameRef ref = pool.get(0);
            School school = gazetteer.school(ref.school());
            // Initials say less than the name: one school fits them, but the writer may have meant another.
            double confidence = switch (span.form()) {
                case INITIALS -> 0.6;
                case LATIN -> ref.primary() ? 0.85 : 0.7;
                case NAME -> ref.fullName() ? 0.99 : ref.primary() ? 0.9 : 0.75;
            };
            return new Tag("school", school.id(), school.name(), span.start(), span.end(), matched, confidence, null);
        }
        List<String> ids = pool.stream().map(r -> gazetteer.school(r.school()).id()).distinct().toList();
        if (ids.size() == 1) {
            School school = gazetteer.school(pool.get(0).school()); // several forms of one school share these initials
            return new Tag("school", school.id(), school.name(), span.start(), span.end(), matched, span.form() == Form.INITIALS ? 0.6 : 0.9, null);
        }
        return new Tag("school_ambiguous", SchoolNames.compact(matched), SchoolNames.compact(matched), span.start(), span.end(),
                matched, span.form() == Form.INITIALS ? 0.4 : 0.5, ids);
    }

    private List<Region> regions(NormalizedText text) {
        String t = text.text();
        List<Region> found = new ArrayList<>();
        gazetteer.regions().search(text.compact(), text.compactLength(), (pattern, endCompact) -> {
            int start = text.origin(endCompact - gazetteer.regions().patternLength(pattern));
            int end = text.origin(endCompact - 1) + 1;
            if (text.spansWhitespace(start, end)) {
                return;
            }
            if (start > 0 && NormalizedText.isHangul(t.charAt(start - 1))) {
                return;
            }
            found.add(new Region(gazetteer.regionValue(pattern), start, end));
        });
        // Keep the longest of overlapping region names (서울특별시 over 서울).
        found.sort(Comparator.comparingInt(Region::start).thenComparing(Comparator.comparingInt((Region r) -> r.end() - r.start()).reversed()));
        List<Region> kept = new ArrayList<>();
        int lastEnd = -1;
        for (Region r : found) {
            if (r.start() >= lastEnd) {
                kept.add(r);
                lastEnd = r.end();
            }
        }
        return kept;
    }

    /** Start of text, a non-Hangul char before, or a region name right before (부산한빛중). */
    private static boolean leftBoundary(String t, int start, List<Region> regions) {
        if (start == 0 || !NormalizedText.isHangul(t.charAt(start - 1))) {
            return true;
        }
        for (Region r : regions) {
            if (r.end() == start) {
                return true;
            }
        }
        return false;
    }

    private static boolean rightBoundary(NormalizedText text, int start, int end, int after) {
        String t = text.text();
        if (after >= t.length() || !NormalizedText.isHangul(t.charAt(after))) {
            return true;
        }
        if (t.startsWith("학교", end - 2)) {
            return true; // a full name: 학교 ends it whatever follows
        }
        // "서울 중학생" is a Seoul middle-schooler, not 서울중학교: a lone 중/고/초 after a space, then 학생.
        int lastSpace = -1;
        for (int i = start; i < end; i++) {
            if (NormalizedText.isSeparator(t.charAt(i))) {
                lastSpace = i;
            }
        }
        boolean bareLevel = lastSpace >= 0 && end - lastSpace - 1 == 1 && "중고초".indexOf(t.charAt(end - 1)) >= 0;
        if (bareLevel && (t.startsWith("학생", after) || t.startsWith("딩", after) || t.startsWith("생", after))) {
            return false;
        }
        if (t.startsWith("학교", after) || t.startsWith("등학교", after)) {
            return false; // a longer name continues: 한빛중 inside 한빛중앙…학교 is handled by the longer match
        }
        for (String f : FOLLOWERS) {
            if (t.startsWith(f, after)) {
                return true;
            }
        }
        return false;
    }

    private static void candidates(String t, List<int[]> taken, List<Tag> out) {
        Matcher m = CANDIDATE.matcher(t);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (overlaps(taken, start, end)) {
                continue;
            }
            String stem = m.group(1);
            if (NOT_A_NAME.contains(stem) || endsWithNonName(stem)) {
                continue;
            }
            if (Gazetteer.SIDO.containsKey(stem) && !m.group().equals(stem + m.group(2))) {
                continue; // "서울 중학교" is a middle school in Seoul; "서울중학교" is a name
            }
            if (start > 0 && NormalizedText.isHangul(t.charAt(start - 1))) {
                continue; // inside a longer word
            }
            if (end < t.length() && NormalizedText.isHangul(t.charAt(end)) && !followsAllowed(t, end)) {
                continue;
            }
            String name = stem + m.group(2);
            out.add(new Tag("school_candidate", name, name, start, end, m.group(), 0.5, null));
        }
    }

    /** Every candidate suffix ends in 학교 or is one of the two-syllable school words; without them, no scan. */
    private static boolean mayHoldCandidate(String t) {
        if (t.contains("학교")) {
            return true;
        }
        for (String suffix : new String[] {"여고", "여중", "남고", "남중", "외고", "과고", "예고", "체고", "공고", "상고"}) {
            if (t.contains(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithNonName(String stem) {
        return stem.endsWith("하는") || stem.endsWith("다니는") || stem.endsWith("있는") || stem.endsWith("없는") || stem.endsWith("같은");
    }

    private static boolean followsAllowed(String t, int end) {
        for (String f : FOLLOWERS) {
            if (t.startsWith(f, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** A digit 1-6 with 초, 중 or 고 right before it or one space before it: SHORT_GRADE's precondition, without a regex. */
    static boolean mayHoldShortGrade(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '1' && c <= '6') {
                char before = t.charAt(i - 1);
                if (Character.isWhitespace(before) && i >= 2) {
                    before = t.charAt(i - 2);
                }
                if (before == '초' || before == '중' || before == '고') {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlaps(List<int[]> taken, int start, int end) {
        for (int[] span : taken) {
            if (start < span[1] && span[0] < end) {
                return true;
            }
        }
        return false;
    }

    private static void grades(String t, List<Tag> out) {
        if (!hasDigit(t)) {
            return; // every grade form has a digit
        }
        // Each pattern runs only when its precondition holds: most texts carry digits (links, prices) but no grade.
        if (t.contains("학년")) {
            Matcher m = GRADE_CLASS.matcher(t);
            while (m.find()) {
                String value = m.group(1) + "학년" + (m.group(2) == null ? "" : " " + Integer.parseInt(m.group(2)) + "반");
                out.add(new Tag("grade", value, value, m.start(), m.end(), m.group(), 0.95, null));
            }
        }
        if (mayHoldShortGrade(t)) {
            Matcher s = SHORT_GRADE.matcher(t);
            while (s.find()) {
                if (s.end() < t.length() && NormalizedText.isHangul(t.charAt(s.end())) && !t.startsWith("학년", s.end())
                        && !followsAllowed(t, s.end())) {
                    continue;
                }
                String value = s.group(1) + s.group(2);
                out.add(new Tag("grade", value, value, s.start(), s.end(), s.group(), 0.85, null));
            }
        }
    }
}
