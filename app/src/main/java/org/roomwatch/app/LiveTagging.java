package org.roomwatch.app;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tagging the pipeline uses, recompiled when the school registry or the watched people change (by another
 * process too): checked every few seconds, swapped whole, so a message is tagged with one registry or the other.
 */
final class LiveTagging implements Supplier<Tagging> {
    private static final Logger log = LoggerFactory.getLogger(LiveTagging.class);

    private final JdbcSchoolRegistry schools;
    private final JdbcWatchedPeople people;
    private final AtomicReference<Tagging> current = new AtomicReference<>(Tagging.none());
    private final Lexicon lexicon;
    private volatile String version = "";

    /** Compiles now; the composition root calls {@link #refresh} every few seconds. */
    LiveTagging(JdbcSchoolRegistry schools, JdbcWatchedPeople people, Lexicon lexicon) {
        this.schools = schools;
        this.people = people;
        this.lexicon = lexicon;
        refresh();
    }

    @Override
    public Tagging get() {
        return current.get();
    }

    /** Recompiles if the registry or the watched people changed since the last compile. */
    void refresh() {
        String now = schools.version() + "|" + people.version();
        if (!now.equals(version)) {
            List<WatchedPerson> watched = people.all();
            Tagging compiled = new Tagging(schools.all(), watched, lexicon);
            current.set(compiled);
            version = now;
            log.info("Tagging compiled: {} schools, {} watched people", compiled.schools(), watched.size());
        }
    }
}
