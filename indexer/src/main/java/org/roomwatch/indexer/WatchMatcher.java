package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.media.PdqHash;
import org.roomwatch.media.PdqIndex;
import org.roomwatch.media.VideoFrameHash;
import org.roomwatch.media.Vpdq;
import org.roomwatch.tagging.AhoCorasick;
import org.roomwatch.tagging.NormalizedText;
import org.roomwatch.tagging.SchoolNames;

/**
 * Every active rule of every watchlist compiled for one pass over an enriched message document: one Aho-Corasick
 * automaton over all terms (normalised, spaces ignored), lookups for schools, people and rooms (the enrichment
 * already resolved them), exact digests and PDQ distances for hash sets; for a message's videos, their frames
 * against the image rules (a still within the distance of a frame) and their vPDQ against the listed videos (the
 * posted video as the query, ThreatExchange's thresholds). Immutable; recompiled when lists change.
 */
public final class WatchMatcher {
    /**
     * A rule that matched: what matched (the term, the id) or, for images, the PDQ distance; {@code inPicture} when it
     * matched only in the text read in the message's pictures.
     */
    public record Hit(Watchlist list, Rule rule, String matched, Integer distance, boolean inPicture) {
        public Hit(Watchlist list, Rule rule, String matched, Integer distance) {
            this(list, rule, matched, distance, false);
        }
    }

    private record Pdq(PdqHash hash, Rule rule, Watchlist list) {}

    private record Video(List<VideoFrameHash> frames, Rule rule, Watchlist list) {}

    /** Image rules indexed by hash (exact multi-index lookup instead of a comparison per stored hash). */
    private final PdqIndex pdqIndex;
    private final int maxThreshold;

    private final AhoCorasick terms = new AhoCorasick();
    private final List<List<Rule>> termRules = new ArrayList<>();
    // One map per kind, keyed by the bare value: no key strings are built per message.
    private final Map<String, List<Rule>> bySchool = new HashMap<>();
    private final Map<String, List<Rule>> byPerson = new HashMap<>();
    private final Map<String, List<Rule>> byRoom = new HashMap<>();
    private final Map<String, List<Rule>> byDigest = new HashMap<>();
    private final List<Pdq> pdq = new ArrayList<>();
    private final List<Video> videos = new ArrayList<>();
    private final Map<String, Watchlist> lists = new LinkedHashMap<>();
    private final int rules;
    private final List<Rule> discovered = new ArrayList<>();

    public WatchMatcher(List<Watchlist> watchlists, HashSets hashSets) {
        int count = 0;
        for (Watchlist list : watchlists) {
            if (!list.active()) {
                continue;
            }
            lists.put(list.id(), list);
            for (Rule rule : list.rules()) {
                count++;
                switch (rule.kind()) {
                    case TERM -> {
                        int id = terms.add(SchoolNames.compact(NormalizedText.of(rule.value()).text()));
                        while (termRules.size() <= id) {
                            termRules.add(new ArrayList<>(1));
                        }
                        termRules.get(id).add(rule);
                    }
                    case SCHOOL -> bySchool.computeIfAbsent(rule.value(), k -> new ArrayList<>()).add(rule);
                    case PERSON -> byPerson.computeIfAbsent(rule.value(), k -> new ArrayList<>()).add(rule);
                    case ROOM -> byRoom.computeIfAbsent(rule.value(), k -> new ArrayList<>()).add(rule);
                    case IMAGE -> pdq.add(new Pdq(PdqHash.fromHex(rule.value()), rule, list));
                    case DISCOVERED -> discovered.add(rule);
                    case HASHSET -> {
                        for (HashSetEntry e : hashSets.entries(rule.value())) {
                            if (e.kind().equals("pdq")) {
                                pdq.add(new Pdq(PdqHash.fromHex(e.value()), rule, list));
                            } else if (e.isVideo()) {
                                videos.add(new Video(e.frames().stream().map(f -> new VideoFrameHash(f.frameNumber(), f.quality(),
                                        PdqHash.fromHex(f.pdq()), f.timestamp())).toList(), rule, list));
                            } else {
                                byDigest.computeIfAbsent(e.value(), k -> new ArrayList<>()).add(rule);
                            }
                        }
                    }
                    default -> throw new IllegalStateException(rule.kind().name());
                }
            }
        }
        this.rules = count;
        this.pdqIndex = new PdqIndex(pdq.stream().map(Pdq::hash).toList());
        this.maxThreshold = pdq.stream().mapToInt(p -> p.rule().threshold()).max().orElse(0);
    }

    public int rules() {
        return rules;
    }

    /** Rules on newly discovered rooms, against the room page's title and the schools tagged in it. */
    public List<Hit> matchDiscovered(String title, List<String> schoolIds) {
        List<Hit> hits = new ArrayList<>();
        if (title == null || discovered.isEmpty()) {
            return hits;
        }
        String compact = SchoolNames.compact(NormalizedText.of(title).text());
        for (Rule r : discovered) {
            String v = r.value();
            boolean hit = v.startsWith("school:") ? schoolIds.contains(v.substring(7))
                    : compact.contains(SchoolNames.compact(NormalizedText.of(v.substring(5)).text()));
            if (hit) {
                hits.add(new Hit(lists.get(r.watchlistId()), r, v.startsWith("school:") ? v.substring(7) : v.substring(5), null));
            }
        }
        return hits;
    }

    @SuppressWarnings("unchecked")
    public List<Hit> match(Map<String, Object> doc) {
        List<Hit> hits = new ArrayList<>();
        Set<Rule> inText = new HashSet<>();
        matchTerms(doc.get("text"), hits, inText, false);
        // The words of the message's pictures: a rule already matched in its own text is not matched twice.
        matchTerms(doc.get("image_text"), hits, inText, true);
        List<String> inPicture = (List<String>) doc.getOrDefault(PictureTags.FIELD, List.of());
        byId(hits, bySchool, (List<String>) doc.getOrDefault("school_ids", List.of()), "school_ids:", inPicture);
        byId(hits, byPerson, (List<String>) doc.getOrDefault("person_ids", List.of()), "person_ids:", inPicture);
        if (doc.get("room_id") instanceof String room) {
            byId(hits, byRoom, List.of(room), "", List.of());
        }
        for (Map<String, Object> media : (List<Map<String, Object>>) doc.getOrDefault("media", List.of())) {
            for (String digest : new String[] {(String) media.get("md5"), (String) media.get("sha256")}) {
                for (Rule r : digest == null ? List.<Rule>of() : byDigest.getOrDefault(digest, List.of())) {
                    hits.add(new Hit(lists.get(r.watchlistId()), r, digest, 0));
                }
            }
            Object hex = media.get("pdq");
            if (hex instanceof String h && !pdq.isEmpty()) {
                PdqHash hash = PdqHash.fromHex(h);
                for (int i : pdqIndex.within(hash, maxThreshold)) {
                    Pdq p = pdq.get(i);
                    int d = hash.distance(p.hash());
                    if (d <= p.rule().threshold()) {
                        hits.add(new Hit(p.list(), p.rule(), h, d));
                    }
                }
            }
        }
        return hits;
    }

    /** {@link #match(Map)}, and the message's videos against image and video rules. */
    public List<Hit> match(Map<String, Object> doc, Message message) {
        List<Hit> hits = match(doc);
        for (MediaRef ref : message.media()) {
            if (ref.video() != null) {
                matchVideo(ref.video(), hits);
            }
        }
        return hits;
    }

    private void matchVideo(VideoHashes video, List<Hit> hits) {
        if (pdq.isEmpty() && videos.isEmpty()) {
            return;
        }
        List<VideoFrameHash> frames = new ArrayList<>();
        for (VideoHashes.Frame f : video.frames()) {
            frames.add(new VideoFrameHash(f.frameNumber(), f.quality(), PdqHash.fromHex(f.pdq()), f.timestamp()));
        }
        // A listed photo within its threshold of a frame: one hit per rule, at the nearest frame.
        Map<Rule, Hit> nearest = new LinkedHashMap<>();
        for (VideoFrameHash frame : Vpdq.prepared(frames)) {
            for (int i : pdqIndex.within(frame.hash(), maxThreshold)) {
                Pdq p = pdq.get(i);
                int d = frame.hash().distance(p.hash());
                Hit current = nearest.get(p.rule());
                if (d <= p.rule().threshold() && (current == null || d < current.distance())) {
                    nearest.put(p.rule(), new Hit(p.list(), p.rule(), video.sha256(), d));
                }
            }
        }
        hits.addAll(nearest.values());
        for (Video listed : videos) {
            Vpdq.Comparison c = Vpdq.compare(frames, listed.frames(), Vpdq.DISTANCE);
            if (!c.pairs().isEmpty() && c.matches(Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT)) {
                hits.add(new Hit(listed.list(), listed.rule(), video.sha256(),
                        c.pairs().stream().mapToInt(Vpdq.FramePair::distance).min().orElse(0)));
            }
        }
    }

    private void matchTerms(Object text, List<Hit> hits, Set<Rule> matched, boolean inPicture) {
        if (!(text instanceof String s) || terms.patterns() == 0) {
            return;
        }
        NormalizedText normalized = NormalizedText.of(s);
        char[] chars = normalized.compact();
        terms.search(chars, normalized.compactLength(), (pattern, end) -> {
            for (Rule r : termRules.get(pattern)) {
                if (inPicture && matched.contains(r)) {
                    continue;
                }
                matched.add(r);
                hits.add(new Hit(lists.get(r.watchlistId()), r,
                        new String(chars, end - terms.patternLength(pattern), terms.patternLength(pattern)), null, inPicture));
            }
        });
    }

    /** Rules on ids; an id the enrichment marked as found only in a picture ({@code field:id}) makes its hit say so. */
    private void byId(List<Hit> hits, Map<String, List<Rule>> rules, List<String> ids, String field, List<String> inPicture) {
        if (rules.isEmpty()) {
            return;
        }
        for (String id : ids) {
            for (Rule r : rules.getOrDefault(id, List.of())) {
                hits.add(new Hit(lists.get(r.watchlistId()), r, id, null, inPicture.contains(field + id)));
            }
        }
    }
}
