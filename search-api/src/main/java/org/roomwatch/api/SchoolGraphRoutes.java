package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.RoomGraph;
import org.roomwatch.core.search.RoomTies;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Tagging;

/**
 * The room graph of a school: {@code GET /api/schools/{id}/graph?rooms=N} answers the rooms tagged with the school (by
 * their names or their messages, the same rooms as {@code /api/schools/{id}/rooms}) and their ties: forwards, invite
 * links, shared images and shared posters, with the rooms outside the school's that forwards and links reach.
 */
final class SchoolGraphRoutes {
    static final int DEFAULT_ROOMS = 100;
    static final int MAX_ROOMS = 500;

    private final Supplier<Tagging> tagging;
    private final SearchService search;
    private final RoomTies ties;
    private final BiConsumer<Context, Problem> problem;

    SchoolGraphRoutes(Supplier<Tagging> tagging, SearchService search, RoomTies ties, BiConsumer<Context, Problem> problem) {
        this.tagging = tagging;
        this.search = search;
        this.ties = ties;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/schools/{id}/graph", this::graph);
    }

    private void graph(Context ctx) {
        int rooms = rooms(new Params(ctx, Set.of("rooms")));
        String id = ctx.pathParam("id");
        School school = tagging.get().school(id);
        if (school == null) {
            problem.accept(ctx, Problem.notFound("no school with id " + id + " in the registry"));
            return;
        }
        RoomGraph graph = graph(school, rooms);
        ApiSecurity.results(ctx, graph.nodes().size());
        ctx.json(java.util.Map.of("school", java.util.Map.of("id", school.id(), "name", school.name()), "graph", graph));
    }

    /** The {@code rooms} parameter: how many of the school's rooms, most tied to it first. */
    static int rooms(Params p) {
        int rooms = p.integer("rooms", DEFAULT_ROOMS);
        if (rooms < 1 || rooms > MAX_ROOMS) {
            throw new BadParameter("rooms", "rooms must be between 1 and " + MAX_ROOMS + ", got " + rooms);
        }
        return rooms;
    }

    /** The school's rooms, then their ties. */
    RoomGraph graph(School school, int rooms) {
        List<SearchService.SchoolRoom> found = search.schoolRooms(school.id(), rooms + 1);
        List<RoomGraph.Node> tagged = found.stream().limit(rooms)
                .map(r -> new RoomGraph.Node(r.roomId(), r.title(), true, r.namedForSchool(), false, null, r.messages()))
                .toList();
        RoomGraph graph = RoomGraph.of(school.id(), ties.among(tagged));
        // More rooms than asked for: the graph says it was cut, as it does when the ties were.
        return found.size() > rooms ? new RoomGraph(graph.schoolId(), graph.nodes(), graph.edges(), graph.totals(), true) : graph;
    }

    /** The school the path names, or null. */
    School school(String id) {
        return tagging.get().school(id);
    }
}
