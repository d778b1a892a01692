package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tag;
import org.roomwatch.testkit.ControlPlaneExtension;

/** Registry and watched-people changes made by another process reach the pipeline's tagger without a restart. */
@ExtendWith(ControlPlaneExtension.class)
class LiveTaggingTest {

    private static List<String> kinds(LiveTagging tagging, String text) {
        return tagging.get().tagger().tag(text).tags().stream().map(Tag::kind).toList();
    }

    @Test
    void recompilesWhenSchoolsOrPeopleChange(ControlPlaneDatabase db) {
        LiveTagging tagging = new LiveTagging(new JdbcSchoolRegistry(db.dataSource()), new JdbcWatchedPeople(db.dataSource()),
                Lexicon.empty());
        assertEquals(List.of("school_candidate"), kinds(tagging, "한빛여고 유나래"), "school-shaped, not yet in the registry");
        new JdbcSchoolRegistry(db.dataSource()).importAll(SchoolsCommand.sample());
        String id = new JdbcWatchedPeople(db.dataSource()).add("유나래", List.of(), List.of(), "test");
        tagging.refresh();
        assertEquals(List.of("school", "person"), kinds(tagging, "한빛여고 유나래"));
        new JdbcWatchedPeople(db.dataSource()).remove(id);
        tagging.refresh();
        assertEquals(List.of("school"), kinds(tagging, "한빛여고 유나래"));
    }
}
