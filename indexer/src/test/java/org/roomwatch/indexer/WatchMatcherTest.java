package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSetInfo;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.media.PdqHash;

class WatchMatcherTest {
    private static final PdqHash VICTIM = PdqHash.fromHex("3efc0d3e31371d84f64f9ac1cedcf0c39f03e3816c2c053c08fc1a5c92c3fd23");

    /** A fixed set of hash sets, read from memory. */
    private record FixedSets(Map<String, List<HashSetEntry>> sets) implements HashSets {
        public HashSetInfo replace(String name, String description, List<HashSetEntry> entries) { throw new UnsupportedOperationException(); }
        public List<HashSetInfo> list() { return sets.keySet().stream().map(n -> new HashSetInfo(n, null, sets.get(n).size(), Instant.EPOCH)).toList(); }
        public Optional<HashSetInfo> find(String name) { return list().stream().filter(i -> i.name().equals(name)).findFirst(); }
        public List<HashSetEntry> entries(String name) { return sets.getOrDefault(name, List.of()); }
        public boolean delete(String name) { return false; }
    }

    private static Rule rule(String id, String list, RuleKind kind, String value, Integer threshold) {
        return new Rule(id, list, kind, value, threshold);
    }

    private final Watchlist a = new Watchlist("wl-a", "사건 17", "kim", true, true, 3, List.of("a@example.org"), List.of(
            rule("r1", "wl-a", RuleKind.TERM, "지인 능욕", null),
            rule("r2", "wl-a", RuleKind.SCHOOL, "9900001", null),
            rule("r3", "wl-a", RuleKind.HASHSET, "case17", 20)));
    private final Watchlist b = new Watchlist("wl-b", "방 감시", "lee", false, true, 1, List.of(), List.of(
            rule("r4", "wl-b", RuleKind.ROOM, "telegram:jiin_room", null),
            rule("r5", "wl-b", RuleKind.PERSON, "p-1", null),
            rule("r7", "wl-b", RuleKind.IMAGE, VICTIM.flip(3).hex(), 5),
            rule("r8", "wl-b", RuleKind.DISCOVERED, "term:지인 방", null),
            rule("r9", "wl-b", RuleKind.DISCOVERED, "school:9900001", null)));
    private final Watchlist off = new Watchlist("wl-c", "꺼짐", "lee", false, false, 1, List.of(), List.of(
            rule("r6", "wl-c", RuleKind.TERM, "합성", null)));
    private final WatchMatcher matcher = new WatchMatcher(List.of(a, b, off), new FixedSets(Map.of("case17", List.of(
            new HashSetEntry("pdq", VICTIM.hex(), "v1"), new HashSetEntry("md5", "e12c44ccf7a73fe2f312e367db54649c", "v2")))));

    private List<String> rules(Map<String, Object> doc) {
        return matcher.match(doc).stream().map(h -> h.rule().id()).sorted().toList();
    }

    @Test
    void termsIgnoreSpacingAndZeroWidthCharacters() {
        assertEquals(List.of("r1"), rules(Map.of("text", "오늘 지인능욕 자료")));
        assertEquals(List.of("r1"), rules(Map.of("text", "지\u200d인 능\u200b욕")));
        assertEquals(List.of(), rules(Map.of("text", "합성 요청")), "an inactive list matches nothing");
    }

    @Test
    void schoolsPeopleAndRoomsComeFromTheEnrichment() {
        assertEquals(List.of("r2", "r4", "r5"), rules(Map.of("school_ids", List.of("9900001"), "person_ids", List.of("p-1"),
                "room_id", "telegram:jiin_room")));
    }

    @Test
    void rulesMatchTheTextOfPicturesAndSaySo() {
        List<WatchMatcher.Hit> caption = matcher.match(Map.of("text", "사진", "image_text", "지인능욕"));
        assertEquals(List.of("r1"), caption.stream().map(h -> h.rule().id()).toList());
        assertTrue(caption.get(0).inPicture(), "a term read only in a picture says so");
        List<WatchMatcher.Hit> both = matcher.match(Map.of("text", "지인 능욕", "image_text", "지인능욕"));
        assertEquals(1, both.size(), "matched in the message's own text, not again in its picture");
        assertFalse(both.get(0).inPicture());
        // The enrichment lists the ids found only in a picture; a school named in both is not marked.
        List<WatchMatcher.Hit> school = matcher.match(Map.of("school_ids", List.of("9900001"), "person_ids", List.of("p-1"),
                "in_picture", List.of("school_ids:9900001")));
        assertEquals(Map.of("r2", true, "r5", false), school.stream().collect(java.util.stream.Collectors.toMap(h -> h.rule().id(),
                WatchMatcher.Hit::inPicture)));
    }

    @Test
    void imagesMatchByDigestOrWithinTheRulesDistance() {
        PdqHash near = VICTIM;
        for (int bit = 0; bit < 20; bit++) {
            near = near.flip(bit * 7);
        }
        List<WatchMatcher.Hit> hits = matcher.match(Map.of("media", List.of(Map.of("pdq", near.hex()))));
        assertEquals(1, hits.size());
        assertEquals(20, hits.get(0).distance());
        assertEquals(List.of("r3", "r7"), rules(Map.of("media", List.of(Map.of("pdq", VICTIM.hex())))), "one photo's own image rule, within 5 bits");
        assertEquals(List.of(), rules(Map.of("media", List.of(Map.of("pdq", near.flip(255).hex())))), "21 bits is past the rule's 20");
        assertEquals(List.of("r3"), rules(Map.of("media", List.of(Map.of("md5", "e12c44ccf7a73fe2f312e367db54649c")))));
    }

    @Test
    void newlyDiscoveredRoomsMatchByTitleOrTaggedSchool() {
        assertEquals(List.of("r8"), matcher.matchDiscovered("새 지인방 모집", List.of()).stream().map(h -> h.rule().id()).toList());
        assertEquals(List.of("r9"), matcher.matchDiscovered("한빛여고 공지", List.of("9900001")).stream().map(h -> h.rule().id()).toList());
        assertEquals(List.of(), matcher.matchDiscovered(null, List.of()));
        assertEquals(List.of(), rules(Map.of("text", "지인방")), "discovered-room rules do not match messages");
    }

    /** A posted video: {@code n} frames, frame {@code at} (if any) showing {@code still}, the others random. */
    private static org.roomwatch.core.Message videoPost(List<org.roomwatch.core.VideoHashes.Frame> frames) {
        org.roomwatch.core.VideoHashes video = new org.roomwatch.core.VideoHashes("ab".repeat(32), "cd".repeat(16), 1000, frames.size(),
                320, 180, "mp4", frames);
        return new org.roomwatch.core.Message("telegram", "r", 1, "https://t.me/r/1", Instant.EPOCH, null, "", List.of(), null, null,
                0L, false, false, List.of(new org.roomwatch.core.MediaRef(org.roomwatch.core.MediaKind.VIDEO, "https://t.me/v.mp4")
                        .withVideo(video)), Instant.EPOCH, "https://t.me/s/r", "ee".repeat(32));
    }

    private static List<org.roomwatch.core.VideoHashes.Frame> frames(long seed, int n, int flipped) {
        java.util.Random random = new java.util.Random(seed);
        List<org.roomwatch.core.VideoHashes.Frame> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            PdqHash h = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            for (int b = 0; b < flipped; b++) {
                h = h.flip(b * 9);
            }
            out.add(new org.roomwatch.core.VideoHashes.Frame(i * 25, 90, h.hex(), i));
        }
        return out;
    }

    @Test
    void aPostedVideoMatchesAListedVideoByItsFramesAndAListedPhotoByOneFrame() {
        List<org.roomwatch.core.VideoHashes.Frame> hers = frames(1, 20, 0);
        Watchlist caseList = new Watchlist("wl-v", "사건 18", "kim", true, true, 1, List.of(), List.of(
                rule("v1", "wl-v", RuleKind.HASHSET, "case18", 31)));
        WatchMatcher videos = new WatchMatcher(List.of(caseList, b), new FixedSets(Map.of("case18", List.of(
                new HashSetEntry(HashSetEntry.VPDQ, "ef".repeat(32), "영상 1", hers)))));
        // Re-encoded (every frame 12 bits off) and cut to its second half: all of the posted frames are hers.
        List<WatchMatcher.Hit> hits = videos.match(Map.of(), videoPost(frames(1, 20, 12).subList(10, 20)));
        assertEquals(List.of("v1"), hits.stream().map(h -> h.rule().id()).toList());
        assertEquals(12, hits.get(0).distance());
        assertEquals(List.of(), videos.match(Map.of(), videoPost(frames(2, 20, 0))), "another clip");
        // Posted with 15 unrelated seconds added to her 5: a quarter of the posted video is hers, under 80 %.
        List<org.roomwatch.core.VideoHashes.Frame> padded = new java.util.ArrayList<>(frames(3, 15, 0));
        padded.addAll(hers.subList(0, 5));
        assertEquals(List.of(), videos.match(Map.of(), videoPost(padded)));

        // A listed photo (rule r7: within 5 of VICTIM) shown as one frame of a posted video.
        List<org.roomwatch.core.VideoHashes.Frame> withStill = new java.util.ArrayList<>(frames(4, 10, 0));
        withStill.set(6, new org.roomwatch.core.VideoHashes.Frame(150, 80, VICTIM.flip(3).flip(9).hex(), 6));
        List<WatchMatcher.Hit> still = videos.match(Map.of(), videoPost(withStill));
        assertEquals(List.of("r7"), still.stream().map(h -> h.rule().id()).toList());
        assertEquals(1, still.get(0).distance());
        assertEquals("ab".repeat(32), still.get(0).matched(), "the hit names the video by its SHA-256");
    }
}
