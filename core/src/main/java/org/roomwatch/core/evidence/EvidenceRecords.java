package org.roomwatch.core.evidence;

import java.util.List;
import java.util.Map;

/** The records an evidence bundle is made of, read as the index holds them. */
public interface EvidenceRecords {
    /** Documents found (each with its id under "id"), in the order asked, and the ids not found. */
    record Found(List<Map<String, Object>> records, List<String> missing) {}

    Found messages(List<String> ids);

    Found rooms(List<String> ids);
}
