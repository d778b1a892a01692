package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.text.Phones;
import org.roomwatch.tagging.Tagging;

/** Schools (the registry with how often each is tagged, the rooms tied to one) and mentions of people. */
final class SchoolRoutes {
    private final Supplier<Tagging> tagging;
    private final SearchService search;
    private final BiConsumer<Context, Problem> problem;

    SchoolRoutes(Supplier<Tagging> tagging, SearchService search, BiConsumer<Context, Problem> problem) {
        this.tagging = tagging;
        this.search = search;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/schools", this::schools);
        app.get("/api/schools/{id}/rooms", this::rooms);
        app.get("/api/mentions", this::mentions);
    }

    /** Schools the query names (as the tagger reads it: 한빛여고 finds 한빛여자고등학교) or whose name contains it. */
    private void schools(Context ctx) {
        Params p = new Params(ctx, Set.of("q", "size"));
        String q = p.text("q");
        int size = p.integer("size", 20);
        if (size < 1 || size > 200) {
            throw new BadParameter("size", "size must be between 1 and 200, got " + size);
        }
        Tagging current = tagging.get();
        List<String> chosen = new SchoolLookup(tagging).find(q, size).stream().map(School::id).toList();
        Map<String, SearchService.SchoolCounts> counts = search.schoolCounts(chosen);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : chosen) {
            School s = current.school(id);
            Map<String, Object> school = new LinkedHashMap<>();
            school.put("id", s.id());
            school.put("name", s.name());
            school.put("level", s.level() == null ? null : s.level().abbreviation());
            school.put("gender", s.gender().name().toLowerCase());
            school.put("sido", s.sido());
            school.put("sigungu", s.sigungu());
            school.put("aliases", s.aliases());
            school.put("messages", counts.get(id).messages());
            school.put("rooms", counts.get(id).rooms());
            out.add(school);
        }
        ctx.json(Map.of("schools", out, "registry", current.schools()));
    }

    private void rooms(Context ctx) {
        Params p = new Params(ctx, Set.of("size"));
        int size = p.integer("size", 50);
        if (size < 1 || size > 500) {
            throw new BadParameter("size", "size must be between 1 and 500, got " + size);
        }
        String id = ctx.pathParam("id");
        School school = tagging.get().school(id);
        if (school == null) {
            problem.accept(ctx, Problem.notFound("no school with id " + id + " in the registry"));
            return;
        }
        ctx.json(Map.of("school", Map.of("id", school.id(), "name", school.name()), "rooms", search.schoolRooms(id, size)));
    }

    /** Messages naming a watched person, a phone number or a handle, newest first. Exactly one of them. */
    private void mentions(Context ctx) {
        Params p = new Params(ctx, Set.of("person", "phone", "handle", "page", "size"));
        String person = p.text("person");
        String phone = p.text("phone");
        String handle = p.text("handle");
        int given = (person == null ? 0 : 1) + (phone == null ? 0 : 1) + (handle == null ? 0 : 1);
        if (given != 1) {
            throw new BadParameter(given == 0 ? "person" : null, "give exactly one of person, phone or handle");
        }
        if (phone != null) {
            try {
                phone = Phones.requireMobile(phone);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("phone", e.getMessage());
            }
        }
        if (handle != null) {
            handle = handle.toLowerCase().replaceFirst("^@", "");
        }
        MessageQuery query;
        try {
            query = new MessageQuery(null, null, null, null, null, MessageSort.NEWEST, p.integer("page", 1), p.integer("size", 20),
                    false, new MessageFilters(null, null, null, person, phone, handle));
        } catch (IllegalArgumentException e) {
            throw new BadParameter(null, e.getMessage());
        }
        SearchPage mentions = search.messages(query);
        ApiSecurity.results(ctx, mentions.total());
        ctx.json(mentions);
    }
}
