package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.roomwatch.tagging.NormalizedText;
import org.roomwatch.tagging.Tag;
import org.roomwatch.tagging.Tagging;

/**
 * The schools a search's words name, as the tagger reads them (한빛여고, ㅎㅂ여고, hanbit yeogo): one school, or an
 * ambiguous name's candidates, and only when the words are the name and nothing more, so 한빛여고 합성본 is searched
 * word by word.
 */
final class SchoolsNamed {
    private final Supplier<Tagging> tagging;

    /** {@code tagging} may be null: then no words name a school. */
    SchoolsNamed(Supplier<Tagging> tagging) {
        this.tagging = tagging;
    }

    List<String> by(String words) {
        if (tagging == null || words == null || words.isBlank()) {
            return List.of();
        }
        String stripped = words.strip();
        int length = NormalizedText.of(stripped).text().length(); // tag spans refer to the normalized text
        List<String> ids = new ArrayList<>();
        for (Tag tag : tagging.get().tagger().tag(stripped).tags()) {
            boolean whole = tag.start() == 0 && tag.end() == length;
            if (whole && tag.kind().equals("school")) {
                ids.add(tag.value());
            } else if (whole && tag.kind().equals("school_ambiguous") && tag.candidates() != null) {
                ids.addAll(tag.candidates());
            }
        }
        return ids;
    }
}
