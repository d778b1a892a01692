package org.roomwatch.core.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Searches over the hashes of every image seen. Exact: every stored image within the distance is found. */
public interface ImageSearch {
    /** A PDQ hash to look for (64 hex digits) and what to call a match on it ({@code original}, {@code rotate90}...). */
    record PdqQuery(String pdq, String label) {}

    /** Every stored image within {@code maxDistance} (0..256) of any of the queries, nearest first, each once. */
    List<ImageMatch> nearDuplicates(List<PdqQuery> queries, int maxDistance);

    Optional<ImageRecord> bySha256(String sha256);

    List<ImageRecord> byMd5(String md5);

    /** For each given MD5 or SHA-256 (told apart by length), the stored images it names; absent ones map to []. */
    Map<String, List<ImageRecord>> lookup(List<String> digests);
}
