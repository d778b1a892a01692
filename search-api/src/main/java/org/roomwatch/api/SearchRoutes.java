package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.search.MessageViews;
import org.roomwatch.core.search.RoomQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Gazetteer;

/**
 * The search API: messages (numbered pages within the engine's window, or, with {@code cursor}, deep pages through a
 * point in time with search_after), rooms, and one room.
 */
final class SearchRoutes {
    private static final Set<String> MESSAGE_PARAMS = Set.of("q", "room", "from", "to", "hasMedia", "sort", "page", "size", "highlight",
            "school", "region", "level", "cursor", "skip", "facets");
    private static final Set<String> ROOM_PARAMS = Set.of("q", "platform", "minMembers", "maxMembers", "page", "size");

    private static final java.util.regex.Pattern SCHOOL_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final SearchService search;
    private final Supplier<MessageViews> views;

    SearchRoutes(SearchService search, Supplier<MessageViews> views) {
        this.search = search;
        this.views = views;
    }

    void register(Javalin app) {
        app.get("/api/messages", this::messages);
        app.get("/api/rooms", this::rooms);
    }

    private void messages(Context ctx) {
        Params p = new Params(ctx, MESSAGE_PARAMS);
        String sort = p.text("sort");
        MessageQuery query;
        try {
            String level = p.text("level");
            if (level != null && !Set.of("초", "중", "고", "대").contains(level)) {
                throw new BadParameter("level", "level must be one of 초, 중, 고, 대, got '" + level + "'");
            }
            String region = p.text("region");
            String school = p.text("school");
            if (school != null && !SCHOOL_CODE.matcher(school).matches()) {
                throw new BadParameter("school", school.contains(",")
                        ? "school takes one school's code (search one school at a time, or by region or level); got a list of "
                                + school.split(",").length
                        : "school must be a school's code from the registry (letters and digits, as on the schools page), got '"
                                + (school.length() > 40 ? school.substring(0, 40) + "..." : school) + "'");
            }
            query = new MessageQuery(p.text("q"), p.text("room"), p.instant("from", false), p.instant("to", true), p.bool("hasMedia"),
                    sort == null ? null : parseSort(sort), ctx.queryParam("cursor") != null ? 1 : p.integer("page", 1), p.integer("size", 20),
                    !Boolean.FALSE.equals(p.bool("highlight")),
                    new MessageFilters(school, region == null ? null : Gazetteer.sidoShort(region), level, null, null, null),
                    !Boolean.FALSE.equals(p.bool("facets")));
        } catch (org.roomwatch.core.search.SearchSyntax.SyntaxError e) {
            throw new BadParameter("q", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadParameter(parameterIn(e.getMessage()), e.getMessage());
        }
        if (ctx.queryParam("cursor") != null) {
            deepPage(ctx, query, p);
            return;
        }
        SearchPage page = search.messages(query);
        ApiSecurity.results(ctx, page.total());
        ctx.json(page);
    }

    private static MessageSort parseSort(String value) {
        try {
            return MessageSort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("sort", e.getMessage());
        }
    }

    private void rooms(Context ctx) {
        Params p = new Params(ctx, ROOM_PARAMS);
        RoomQuery query;
        try {
            query = new RoomQuery(p.text("q"), p.text("platform"), p.longValue("minMembers"), p.longValue("maxMembers"),
                    p.integer("page", 1), p.integer("size", 20));
        } catch (IllegalArgumentException e) {
            throw new BadParameter(parameterIn(e.getMessage()), e.getMessage());
        }
        SearchPage rooms = search.rooms(query);
        ApiSecurity.results(ctx, rooms.total());
        ctx.json(rooms);
    }

    void room(Context ctx) {
        Params p = new Params(ctx, Set.of("latest"));
        int latest = p.integer("latest", 20);
        if (latest < 1 || latest > 100) {
            throw new BadParameter("latest", "latest must be between 1 and 100, got " + latest);
        }
        String id = ctx.pathParam("id");
        String roomId = id.contains(":") ? id : "telegram:" + id;
        search.room(roomId, latest).ifPresentOrElse(
                detail -> ctx.json(Map.of("room", detail.room(), "latest", detail.latest(), "history", detail.history())),
                () -> { throw new NotFound("no room " + roomId + " has been captured"); });
    }


    /**
     * One deep page: {@code cursor} empty starts a walk (after {@code skip} hits, at most the window), a cursor from
     * the previous page's {@code next} continues it. The answer is the page with {@code next} (null at the end).
     */
    private void deepPage(Context ctx, MessageQuery query, Params p) {
        MessageViews deep = views.get();
        if (deep == null) {
            throw new BadParameter("cursor", "deep paging is not available on this server");
        }
        String cursor = Layout.blank(ctx.queryParam("cursor"));
        int skip = p.integer("skip", 0);
        if (cursor != null && ctx.queryParam("skip") != null) {
            throw new BadParameter("skip", "skip starts a walk; a cursor already says where it stands");
        }
        MessageViews.CursorPage page;
        try {
            page = deep.scroll(query, cursor, skip);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage().startsWith("skip") ? "skip" : "cursor", e.getMessage());
        }
        ApiSecurity.results(ctx, page.page().hits().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.page().total());
        body.put("size", page.page().size());
        body.put("hits", page.page().hits());
        body.put("next", page.next());
        ctx.json(body);
    }

    /** A 404 answered as the API's problem (the server's exception handler writes it). */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    static String parameterIn(String message) {
        String first = message.split("[ ,;]")[0];
        return first.matches("[a-zA-Z]+") ? first : null;
    }
}
