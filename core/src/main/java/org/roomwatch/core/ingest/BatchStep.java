package org.roomwatch.core.ingest;

import java.util.List;
import org.roomwatch.core.Message;

/** One enrichment step of the ingest pipeline, run once on each fetched batch before it is stored (hashing photos, for one). */
@FunctionalInterface
public interface BatchStep {
    BatchStep NONE = messages -> messages;

    List<Message> apply(List<Message> messages) throws InterruptedException;

    /** This step, then {@code next} on its output. */
    default BatchStep then(BatchStep next) {
        return messages -> next.apply(apply(messages));
    }
}
