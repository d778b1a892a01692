package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.core.text.Phones;

/**
 * What identifies a person: phone numbers (010-1234-5678 written any common way), SNS handles (@id, Instagram,
 * Facebook and TikTok addresses), KakaoTalk ids, and the names of watched people in the forms Korean uses for them
 * (김하은, 하은, 하은이, 하은아; 지수야). A person tag is a watched person or nothing.
 */
public final class MentionTagger {
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(01[016789])[-. ]?([0-9]{3,4})[-. ]?([0-9]{4})(?![0-9])");
    private static final Pattern AT_HANDLE = Pattern.compile("(?<![A-Za-z0-9_.@/])@([A-Za-z0-9_][A-Za-z0-9_.]{2,29})");
    private static final Pattern SNS_URL = Pattern.compile(
            "(?i)(?:https?://)?(?:www\\.|m\\.)?(instagram\\.com|instagr\\.am|facebook\\.com|fb\\.com|tiktok\\.com)/(@?[A-Za-z0-9_.]{2,50})");
    private static final Pattern KAKAO = Pattern.compile(
            "(?i)(?:카카오톡|카톡|카카오|kakaotalk|kakao|katalk|ㅋㅌ)\\s*(?:아이디|아디|id)?\\s*[:：]?\\s*([A-Za-z][A-Za-z0-9._-]{2,19})");
    private static final List<String> NOT_PROFILES = List.of("p", "reel", "reels", "explore", "stories", "share", "watch", "groups",
            "sharer", "tag", "music");

    private record Variant(WatchedPerson person, double confidence) {}

    private final AhoCorasick names = new AhoCorasick();
    private final List<List<Variant>> variants = new ArrayList<>();
    private final Map<String, WatchedPerson> phones = new HashMap<>();
    private final Map<String, WatchedPerson> handles = new HashMap<>();

    public MentionTagger(List<WatchedPerson> people) {
        for (WatchedPerson p : people) {
            for (Map.Entry<String, Double> v : nameForms(p.name()).entrySet()) {
                int id = names.add(v.getKey());
                while (variants.size() <= id) {
                    variants.add(new ArrayList<>(1));
                }
                variants.get(id).add(new Variant(p, v.getValue()));
            }
            p.phones().forEach(phone -> phones.put(Phones.canonical(phone), p));
            p.handles().forEach(handle -> handles.put(handle.toLowerCase(Locale.ROOT).replaceFirst("^@", ""), p));
        }
    }

    /**
     * The forms of a Korean name, with how sure a match of each is: the full name; the given name, alone or with
     * the endings of address (이 and 아 after a final consonant, 야 after a vowel). Two-syllable names keep only the
     * full form: a one-syllable given name is everywhere in ordinary text.
     */
    static Map<String, Double> nameForms(String name) {
        Map<String, Double> forms = new java.util.LinkedHashMap<>();
        String full = SchoolNames.compact(name);
        forms.put(full, 0.95);
        if (full.length() < 3 || !full.chars().allMatch(c -> c >= 0xAC00 && c <= 0xD7A3)) {
            return forms;
        }
        String given = full.length() == 4 ? full.substring(2) : full.substring(1);
        char last = given.charAt(given.length() - 1);
        boolean finalConsonant = (last - 0xAC00) % 28 != 0;
        if (finalConsonant) {
            forms.putIfAbsent(given + "이", 0.8);
            forms.putIfAbsent(given + "아", 0.8);
        } else {
            forms.putIfAbsent(given + "야", 0.8);
        }
        forms.putIfAbsent(given, 0.6);
        return forms;
    }

    public List<Tag> tag(NormalizedText text, List<Tag> out) {
        String t = text.text();
        // Each scan runs only when the text holds what its pattern cannot match without (most messages hold none).
        if (t.indexOf("01") >= 0) {
            phones(t, out);
        }
        if (t.indexOf('@') >= 0) {
            Matcher at = AT_HANDLE.matcher(t);
            while (at.find()) {
                String value = at.group(1).toLowerCase(Locale.ROOT).replaceAll("[.]+$", "");
                handle(out, value, at.start(), at.end(), at.group(), 0.85);
            }
        }
        if (t.indexOf('.') >= 0 && t.indexOf('/') >= 0) {
            urls(t, out);
        }
        if (t.indexOf('카') >= 0 || t.indexOf('ㅋ') >= 0 || t.indexOf('k') >= 0 || t.indexOf('K') >= 0) {
            kakao(t, out);
        }
        people(text, out);
        return out;
    }

    private void phones(String t, List<Tag> out) {
        Matcher phone = PHONE.matcher(t);
        while (phone.find()) {
            String value = phone.group(1) + "-" + phone.group(2) + "-" + phone.group(3);
            out.add(new Tag("phone", value, value, phone.start(), phone.end(), phone.group(), 0.95, null));
            WatchedPerson p = phones.get(value);
            if (p != null) {
                out.add(new Tag("person", p.id(), p.name(), phone.start(), phone.end(), phone.group(), 0.95, null));
            }
        }
    }

    private void urls(String t, List<Tag> out) {
        Matcher url = SNS_URL.matcher(t);
        while (url.find()) {
            String id = url.group(2).replaceFirst("^@", "").toLowerCase(Locale.ROOT).replaceAll("[.]+$", "");
            if (NOT_PROFILES.contains(id) || id.equals("profile.php")) {
                continue;
            }
            String site = url.group(1).toLowerCase(Locale.ROOT);
            String network = site.startsWith("insta") ? "instagram" : site.startsWith("tiktok") ? "tiktok" : "facebook";
            handle(out, network + ":" + id, url.start(), url.end(), url.group(), 0.95);
            WatchedPerson p = handles.get(id);
            if (p != null) {
                out.add(new Tag("person", p.id(), p.name(), url.start(), url.end(), url.group(), 0.9, null));
            }
        }
    }

    private void kakao(String t, List<Tag> out) {
        Matcher kakao = KAKAO.matcher(t);
        while (kakao.find()) {
            String value = kakao.group(1).toLowerCase(Locale.ROOT);
            out.add(new Tag("kakao", value, value, kakao.start(), kakao.end(), kakao.group(), 0.85, null));
            WatchedPerson p = handles.get(value);
            if (p != null) {
                out.add(new Tag("person", p.id(), p.name(), kakao.start(), kakao.end(), kakao.group(), 0.9, null));
            }
        }
    }

    private void handle(List<Tag> out, String value, int start, int end, String matched, double confidence) {
        out.add(new Tag("handle", value, value, start, end, matched, confidence, null));
        String bare = value.contains(":") ? value.substring(value.indexOf(':') + 1) : value;
        WatchedPerson p = handles.get(bare);
        if (p != null && !value.contains(":")) {
            out.add(new Tag("person", p.id(), p.name(), start, end, matched, 0.9, null));
        }
    }

    private record Hit(int pattern, int start, int end) {}

    private void people(NormalizedText text, List<Tag> out) {
        if (names.patterns() == 0) {
            return;
        }
        String t = text.text();
        List<Hit> hits = new ArrayList<>();
        names.search(text.compact(), text.compactLength(), (pattern, endCompact) -> {
            int start = text.origin(endCompact - names.patternLength(pattern));
            int end = text.origin(endCompact - 1) + 1;
            if (text.spansWhitespace(start, end)) {
                return; // names are written together
            }
            // A name split by separators (유.나.래) goes on across them: its neighbours are read past them (가.온.고.객 is
            // no 가온), as the school tagger does.
            boolean split = text.splitBySymbols(start, end);
            int before = split ? text.skipSeparatorsBack(start) : start;
            int after = split ? text.skipSeparatorsForward(end) : end;
            if (before > 0 && NormalizedText.isHangul(t.charAt(before - 1))) {
                return;
            }
            if (after < t.length() && NormalizedText.isHangul(t.charAt(after)) && !personFollower(t, after)) {
                return;
            }
            hits.add(new Hit(pattern, start, end));
        });
        hits.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end() - b.start(), a.end() - a.start()));
        int lastEnd = -1;
        for (Hit h : hits) {
            if (h.start() < lastEnd) {
                continue;
            }
            lastEnd = h.end();
            for (Variant v : variants.get(h.pattern())) {
                out.add(new Tag("person", v.person().id(), v.person().name(), h.start(), h.end(), t.substring(h.start(), h.end()),
                        v.confidence(), null));
            }
        }
    }

    private static final String[] PERSON_FOLLOWERS = {"이가", "이는", "이랑", "이를", "이도", "이한테", "은", "는", "이", "가", "을", "를",
            "도", "랑", "한테", "에게", "의", "야", "아", "씨", "쌤", "선생", "님", "양", "이네", "네", "꺼", "거", "사진", "얼굴", "번호",
            "신상", "능욕", "합성", "박제", "인스타", "카톡", "번"};

    private static boolean personFollower(String t, int end) {
        for (String f : PERSON_FOLLOWERS) {
            if (t.startsWith(f, end)) {
                return true;
            }
        }
        return false;
    }
}
