package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.roomwatch.core.people.WatchedPerson;

/** Schools, grades, regions and mentions in one text; thread-safe. */
public final class Tagger {
    private final Gazetteer gazetteer;
    private final SchoolTagger schools;
    private final MentionTagger mentions;

    public Tagger(Gazetteer gazetteer, List<WatchedPerson> people) {
        this.gazetteer = gazetteer;
        this.schools = new SchoolTagger(gazetteer);
        this.mentions = new MentionTagger(people);
    }

    public record Result(String text, List<Tag> tags) {}

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    public Result tag(String raw) {
        return tag(NormalizedText.of(raw));
    }

    /** Tags of a text already normalized, so a caller that also looks for lexicon words normalizes it once. */
    Result tag(NormalizedText text) {
        List<Tag> tags = new ArrayList<>();
        schools.tag(text, tags);
        List<Tag> places = tags.stream().filter(t -> t.kind().startsWith("school")).toList();
        List<Tag> found = mentions.tag(text, new ArrayList<>());
        for (Tag mention : found) {
            // 가온 in 가온 초등학교 is the school's name, not the watched person 한가온.
            boolean insideSchool = mention.kind().equals("person")
                    && places.stream().anyMatch(p -> mention.start() < p.end() && p.start() < mention.end());
            if (!insideSchool) {
                tags.add(mention);
            }
        }
        tags.sort(Comparator.comparingInt(Tag::start).thenComparing(Tag::kind));
        return new Result(text.text(), tags);
    }
}
