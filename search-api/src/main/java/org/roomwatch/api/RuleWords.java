package org.roomwatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.tagging.Tag;
import org.roomwatch.tagging.Tagging;

/**
 * Watchlist rules between officers' words and what a list stores: a rule typed by name read into its stored value
 * (a school or person by name, a room by title), a stored rule said back in words, and a list's recorded changes
 * in words.
 */
final class RuleWords {
    private final SchoolLookup schools;
    private final SearchFilters rooms;
    private final Supplier<Tagging> tagging;

    RuleWords(SchoolLookup schools, SearchFilters rooms, Supplier<Tagging> tagging) {
        this.schools = schools;
        this.rooms = rooms;
        this.tagging = tagging;
    }

    /** A rule as typed, its value read into what the list stores: a school or person by name, a room by title. */
    Watchlists.NewRule read(String lang, int row, String kindKey, String value) {
        RuleKind kind = RuleKind.parse(kindKey);
        if (kind == null) {
            throw new IllegalArgumentException(I18n.format(lang, "watchlist.badKind", row, String.valueOf(kindKey)));
        }
        String stored = switch (kind) {
            case SCHOOL -> {
                SchoolLookup.Resolved found = schools.resolve(value);
                if (!found.one()) {
                    throw new IllegalArgumentException(found.schools().isEmpty() ? I18n.format(lang, "watchlist.noSchool", row, value)
                            : I18n.format(lang, "watchlist.whichSchool", row, value, String.join(", ",
                                    found.schools().stream().map(s -> SchoolLookup.label(s) + " " + SchoolLookup.place(s)).toList())));
                }
                yield found.schools().get(0).id();
            }
            case PERSON -> person(lang, row, value);
            case ROOM -> {
                List<Hit> found = rooms.rooms(value);
                if (found.size() == 1) {
                    yield found.get(0).id();
                }
                if (found.isEmpty()) {
                    yield value; // not captured yet: a room can be watched before it is seen, by its t.me name
                }
                throw new IllegalArgumentException(I18n.format(lang, "watchlist.whichRoom", row, value,
                        String.join(", ", found.stream().map(r -> SearchFilters.title(r) + " [" + r.id() + "]").toList())));
            }
            default -> value;
        };
        return new Watchlists.NewRule(kind, stored, null);
    }

    /** A watched person by name (as the tagger finds names in text) or by id. */
    private String person(String lang, int row, String value) {
        List<String> ids = tagging.get().tagger().tag(value).tags().stream().filter(t -> t.kind().equals("person"))
                .map(Tag::value).distinct().toList();
        if (ids.size() == 1) {
            return ids.get(0);
        }
        if (ids.size() > 1) {
            throw new IllegalArgumentException(I18n.format(lang, "watchlist.whichPerson", row, value));
        }
        return value; // an id; the store says so if there is no such person
    }

    /** A rule's value as an officer reads it: a school by name, a room by its name, the rest as stored. */
    String value(Rule r) {
        if (r.kind() == RuleKind.SCHOOL) {
            School s = schools.school(r.value());
            return s == null ? r.value() : s.name() + " (" + SchoolLookup.place(s) + ")";
        }
        return r.value();
    }

    String words(String lang, Rule r) {
        return I18n.t(lang, "rule.kind." + r.kind().key()) + ": " + value(r);
    }

    /** A change's recorded details ("name=…; priority=high; kind=school") in words, each value as recorded. */
    static String detail(String lang, String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String pair : recorded.split(";\\s*")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !I18n.has("watchlist.field." + pair.substring(0, eq))) {
                parts.add(pair);
                continue;
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (key.equals("priority") && I18n.has("alerts.priority." + value)) {
                value = I18n.t(lang, "alerts.priority." + value);
            } else if (key.equals("kind") && I18n.has("rule.kind." + value)) {
                value = I18n.t(lang, "rule.kind." + value);
            }
            parts.add(I18n.t(lang, "watchlist.field." + key) + ": " + value);
        }
        return String.join(", ", parts);
    }
}
