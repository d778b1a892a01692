package org.roomwatch.core.hashes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageRecord;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.core.search.ImageSearch.PdqQuery;

/**
 * Runs a hash set against everything indexed: digests exactly (photos and videos), PDQ hashes within a distance (of
 * photos, and of videos' frames), vPDQ entries under the vPDQ rule.
 */
public final class HashSetMatcher {
    /** PDQ entries searched together in one query (each adds 272 chunk terms at distance 31). */
    private static final int PDQ_BATCH = 32;

    private final HashSets sets;
    private final ImageSearch images;
    private final VideoSearch videos;

    /** Photos only. */
    public HashSetMatcher(HashSets sets, ImageSearch images) {
        this(sets, images, null);
    }

    /** Photos and, given {@code videos}, videos. */
    public HashSetMatcher(HashSets sets, ImageSearch images, VideoSearch videos) {
        this.sets = sets;
        this.images = images;
        this.videos = videos;
    }

    /** A listed hash and the stored images ({@code distance} 0 for digests) and videos it matches. */
    public record EntryMatch(HashSetEntry entry, List<ImageMatch> images, List<VideoHit> videos) {
        public EntryMatch(HashSetEntry entry, List<ImageMatch> images) {
            this(entry, images, List.of());
        }
    }

    /** The entries that match something, in the set's order. */
    public List<EntryMatch> match(String setName, int maxDistance) {
        List<HashSetEntry> entries = sets.entries(setName);
        Map<HashSetEntry, List<ImageMatch>> found = new LinkedHashMap<>();
        List<String> digests = new ArrayList<>();
        List<HashSetEntry> pdq = new ArrayList<>();
        for (HashSetEntry e : entries) {
            if (e.kind().equals("pdq")) {
                pdq.add(e);
            } else if (!e.isVideo()) {
                digests.add(e.value());
            }
        }
        if (!digests.isEmpty()) {
            Map<String, List<ImageRecord>> exact = images.lookup(digests);
            for (HashSetEntry e : entries) {
                List<ImageRecord> records = e.kind().equals("pdq") || e.isVideo() ? null : exact.get(e.value());
                if (records != null && !records.isEmpty()) {
                    found.put(e, records.stream().map(r -> new ImageMatch(r, 0, e.kind())).toList());
                }
            }
        }
        for (int i = 0; i < pdq.size(); i += PDQ_BATCH) {
            List<HashSetEntry> batch = pdq.subList(i, Math.min(pdq.size(), i + PDQ_BATCH));
            List<PdqQuery> queries = new ArrayList<>();
            for (int q = 0; q < batch.size(); q++) {
                queries.add(new PdqQuery(batch.get(q).value(), Integer.toString(q)));
            }
            for (ImageMatch m : images.nearDuplicates(queries, maxDistance)) {
                HashSetEntry entry = batch.get(Integer.parseInt(m.matchedAs()));
                found.computeIfAbsent(entry, k -> new ArrayList<>()).add(new ImageMatch(m.image(), m.distance(), "pdq"));
            }
        }
        Map<HashSetEntry, List<VideoHit>> videoHits = videos == null ? Map.of() : videos(entries, maxDistance);
        List<EntryMatch> out = new ArrayList<>();
        for (HashSetEntry e : entries) {
            if (found.containsKey(e) || videoHits.containsKey(e)) {
                out.add(new EntryMatch(e, List.copyOf(found.getOrDefault(e, List.of())), List.copyOf(videoHits.getOrDefault(e, List.of()))));
            }
        }
        return out;
    }

    /** The videos each entry matches: by digest, by vPDQ (at ThreatExchange's thresholds), or a photo by a frame. */
    private Map<HashSetEntry, List<VideoHit>> videos(List<HashSetEntry> entries, int maxDistance) {
        Map<HashSetEntry, List<VideoHit>> hits = new LinkedHashMap<>();
        List<PdqQuery> stills = new ArrayList<>();
        List<HashSetEntry> stillEntries = new ArrayList<>();
        for (HashSetEntry e : entries) {
            switch (e.kind()) {
                case "md5" -> videos.byMd5(e.value()).forEach(v -> add(hits, e, new VideoHit(v, "md5", 0, 100, 100, null)));
                case "sha256" -> videos.bySha256(e.value()).ifPresent(v -> add(hits, e, new VideoHit(v, "sha256", 0, 100, 100, null)));
                case HashSetEntry.VPDQ -> {
                    if (e.frames().stream().anyMatch(f -> f.quality() >= VideoSearch.QUALITY_THRESHOLD)) {
                        for (VideoSearch.VideoMatch m : videos.matches(e.frames(), VideoSearch.QUERY_THRESHOLD_PERCENT, VideoSearch.COMPARED_THRESHOLD_PERCENT)) {
                            int nearest = m.pairs().stream().mapToInt(VideoSearch.FramePair::distance).min().orElse(0);
                            add(hits, e, new VideoHit(m.video(), "vpdq", nearest, m.queryPercent(), m.comparedPercent(), null));
                        }
                    }
                }
                case "pdq" -> {
                    stills.add(new PdqQuery(e.value(), Integer.toString(stillEntries.size())));
                    stillEntries.add(e);
                }
                default -> { }
            }
        }
        // One still at a time: a video near two listed photos is a hit of each.
        for (int i = 0; i < stills.size(); i++) {
            for (VideoSearch.FrameMatch m : videos.videosWithFrameNear(List.of(stills.get(i)), maxDistance)) {
                add(hits, stillEntries.get(i), new VideoHit(m.video(), "frame", m.distance(), 0, 0, m.timestamp()));
            }
        }
        return hits;
    }

    private static void add(Map<HashSetEntry, List<VideoHit>> hits, HashSetEntry e, VideoHit hit) {
        hits.computeIfAbsent(e, k -> new ArrayList<>()).add(hit);
    }
}
