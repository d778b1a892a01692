package org.roomwatch.core.hashes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageRecord;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.ImageSearch.PdqQuery;

/** Runs a hash set against everything indexed: digests exactly, PDQ hashes within a distance. */
public final class HashSetMatcher {
    /** PDQ entries searched together in one query (each adds 272 chunk terms at distance 31). */
    private static final int PDQ_BATCH = 32;

    private final HashSets sets;
    private final ImageSearch images;

    public HashSetMatcher(HashSets sets, ImageSearch images) {
        this.sets = sets;
        this.images = images;
    }

    /** A listed hash and the stored images it matches ({@code distance} 0 for digests). */
    public record EntryMatch(HashSetEntry entry, List<ImageMatch> images) {}

    /** The entries that match something, in the set's order. */
    public List<EntryMatch> match(String setName, int maxDistance) {
        List<HashSetEntry> entries = sets.entries(setName);
        Map<HashSetEntry, List<ImageMatch>> found = new LinkedHashMap<>();
        List<String> digests = new ArrayList<>();
        List<HashSetEntry> pdq = new ArrayList<>();
        for (HashSetEntry e : entries) {
            if (e.kind().equals("pdq")) {
                pdq.add(e);
            } else {
                digests.add(e.value());
            }
        }
        if (!digests.isEmpty()) {
            Map<String, List<ImageRecord>> exact = images.lookup(digests);
            for (HashSetEntry e : entries) {
                List<ImageRecord> records = e.kind().equals("pdq") ? null : exact.get(e.value());
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
        List<EntryMatch> out = new ArrayList<>();
        for (HashSetEntry e : entries) {
            if (found.containsKey(e)) {
                out.add(new EntryMatch(e, List.copyOf(found.get(e))));
            }
        }
        return out;
    }
}
