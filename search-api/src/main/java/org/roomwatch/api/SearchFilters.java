package org.roomwatch.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.RoomQuery;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Gazetteer;

/**
 * The search form's filters as an officer types them, read into what the index holds: a school by name (or a picked
 * suggestion, or its id), a room by title or username, a region by name. A name that fits several asks which; a
 * name that fits nothing says so instead of answering "no results".
 */
final class SearchFilters {
    private static final Pattern PICKED = Pattern.compile(".*\\[([^\\[\\]]+)]\\s*$");
    /** Form fields, in the order chips are shown. */
    static final List<String> PARAMS = List.of("q", "school", "region", "room", "from", "to", "hasMedia");

    private final SchoolLookup schools;
    private final SearchService search;

    SearchFilters(SchoolLookup schools, SearchService search) {
        this.schools = schools;
        this.search = search;
    }

    /** What the search holds once read: each part null when not given. */
    record Parts(String text, String school, String region, String room, Instant from, Instant to, Boolean media) {
        MessageQuery query(int page, int size) {
            return new MessageQuery(text, room, from, to, media, null, page, size, true,
                    new MessageFilters(school, region, null, null, null, null), false); // the page shows no facets
        }

        /** The same search without one form field (from and to go together as the date range). */
        Parts without(String param) {
            return switch (param) {
                case "q" -> new Parts(null, school, region, room, from, to, media);
                case "school" -> new Parts(text, null, region, room, from, to, media);
                case "region" -> new Parts(text, school, null, room, from, to, media);
                case "room" -> new Parts(text, school, region, null, from, to, media);
                case "from", "to" -> new Parts(text, school, region, room, null, null, media);
                case "hasMedia" -> new Parts(text, school, region, room, from, to, null);
                default -> this;
            };
        }

        boolean empty() {
            return text == null && school == null && region == null && room == null && from == null && to == null && media == null;
        }
    }

    /** An active filter as a chip: the form field, and what it stands for in words. */
    record Chip(String param, String shown) {}

    /** A typed name that fits several: the form field, what was typed, and the options (value to send, label, detail). */
    record Choice(String param, String typed, List<Option> options) {}

    record Option(String value, String label, String detail) {}

    /** The search read from the form: its parts and chips, or a choice to make, or a name that fits nothing. */
    record Outcome(Parts parts, List<Chip> chips, Choice choice, String unknownParam, String unknownTyped) {
        boolean runnable() {
            return choice == null && unknownParam == null;
        }
    }

    Outcome read(Context ctx) {
        String text = Layout.blank(ctx.queryParam("q"));
        String region = Layout.blank(ctx.queryParam("region"));
        Instant from = day(ctx.queryParam("from"), false);
        Instant to = day(ctx.queryParam("to"), true);
        Boolean media = "on".equals(ctx.queryParam("hasMedia")) ? Boolean.TRUE : null;
        List<Chip> chips = new ArrayList<>();
        if (text != null) {
            chips.add(new Chip("q", text));
        }
        String schoolId = null;
        String typedSchool = Layout.blank(ctx.queryParam("school"));
        if (typedSchool != null) {
            SchoolLookup.Resolved found = schools.resolve(typedSchool);
            if (found.schools().isEmpty()) {
                return new Outcome(null, chips, null, "school", typedSchool);
            }
            if (!found.one()) {
                return new Outcome(null, chips, new Choice("school", typedSchool, found.schools().stream()
                        .map(s -> new Option(SchoolLookup.label(s), s.name(), SchoolLookup.place(s))).toList()), null, null);
            }
            School school = found.schools().get(0);
            schoolId = school.id();
            chips.add(new Chip("school", school.name() + " (" + SchoolLookup.place(school) + ")"));
        }
        String sido = region == null ? null : Gazetteer.sidoShort(region);
        if (sido != null) {
            chips.add(new Chip("region", sido));
        }
        String roomId = null;
        String typedRoom = Layout.blank(ctx.queryParam("room"));
        if (typedRoom != null) {
            List<Hit> rooms = rooms(typedRoom);
            if (rooms.isEmpty()) {
                return new Outcome(null, chips, null, "room", typedRoom);
            }
            if (rooms.size() > 1) {
                return new Outcome(null, chips, new Choice("room", typedRoom, rooms.stream()
                        .map(r -> new Option(title(r) + " [" + r.id() + "]", title(r), r.id())).toList()), null, null);
            }
            roomId = rooms.get(0).id();
            chips.add(new Chip("room", title(rooms.get(0))));
        }
        if (from != null || to != null) {
            chips.add(new Chip("from", (from == null ? "" : ctx.queryParam("from").strip()) + " ~ "
                    + (to == null ? "" : ctx.queryParam("to").strip())));
        }
        if (media != null) {
            chips.add(new Chip("hasMedia", ""));
        }
        return new Outcome(new Parts(text, schoolId, sido, roomId, from, to, media), chips, null, null, null);
    }

    /**
     * Rooms a typed value stands for: its id or username exactly, a picked suggestion, else every room whose title or
     * username holds the words typed (case and spaces ignored), at most 20.
     */
    List<Hit> rooms(String typed) {
        Matcher picked = PICKED.matcher(typed);
        String value = picked.matches() ? picked.group(1).strip() : typed.strip();
        var exact = search.room(value.contains(":") ? value : "telegram:" + value.replaceFirst("^@", ""), 1);
        if (exact.isPresent()) {
            return List.of(exact.get().room());
        }
        String wanted = compact(value);
        List<Hit> out = new ArrayList<>();
        try {
            for (Hit r : search.rooms(new RoomQuery(value, null, null, null, 1, 50)).hits()) {
                if ((compact(title(r)).contains(wanted) || compact(String.valueOf(r.source().get("name"))).contains(wanted)) && out.size() < 20) {
                    out.add(r);
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of(); // not a search the room index can run (an unclosed quote): no room is named like that
        }
        return out;
    }

    static String title(Hit room) {
        Object title = room.source().get("title");
        Object name = room.source().get("name");
        return title == null || String.valueOf(title).isBlank() ? String.valueOf(name) : String.valueOf(title);
    }

    private static String compact(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    static Instant day(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate d = LocalDate.parse(value.strip());
        return (end ? d.plusDays(1) : d).atStartOfDay(Layout.KOREA).toInstant();
    }
}
