package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.RoomGraph;

/**
 * A school's rooms as a graph to explore, drawn by Apache ECharts served from this server: rooms sized by audience,
 * those named for the school apart from those only tagged by their messages and from rooms outside the school's that
 * forwards and links reach; forwards, invite links, shared images and shared posters as edges. A click on a room opens
 * its page. The same rooms and ties are listed in tables under the picture, for reading without it.
 */
final class SchoolGraphPage {
    private static final byte[] PAGE_JS = WebPages.resource("/static/room-graph.js");

    private final SchoolGraphRoutes routes;
    private final ObjectMapper json;

    SchoolGraphPage(SchoolGraphRoutes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/static/room-graph.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(PAGE_JS));
        app.get("/schools/{id}/graph", this::page);
    }

    private void page(Context ctx) throws JsonProcessingException {
        String lang = lang(ctx);
        int rooms = SchoolGraphRoutes.rooms(new Params(ctx, Set.of("rooms")));
        String id = ctx.pathParam("id");
        School school = routes.school(id);
        if (school == null) {
            ApiSecurity.results(ctx, 0);
            Layout.messagePage(ctx, 404, I18n.t(lang, "graph.title"), I18n.format(lang, "schools.unknown", id));
            return;
        }
        RoomGraph graph = routes.graph(school, rooms);
        ApiSecurity.results(ctx, graph.nodes().size());
        Document doc = Layout.page(ctx, I18n.t(lang, "graph.title") + " · " + school.name());
        Element main = Layout.main(doc);
        main.appendElement("p").appendElement("a").attr("href", "/schools/" + enc(school.id())).text(school.name());
        if (graph.nodes().isEmpty()) {
            main.appendElement("p").attr("id", "no-rooms").text(I18n.t(lang, "schools.noRooms"));
            Layout.send(ctx, doc);
            return;
        }
        RoomGraph.Totals t = graph.totals();
        main.appendElement("p").attr("id", "graph-totals").text(I18n.format(lang, "graph.totals", t.taggedRooms(), t.otherRooms(),
                t.edges().get(RoomGraph.FORWARD), t.edges().get(RoomGraph.LINK), t.edges().get(RoomGraph.SHARED),
                t.edges().get(RoomGraph.POSTER)));
        if (graph.cut()) {
            main.appendElement("p").attr("id", "graph-cut").text(I18n.format(lang, "graph.cut", rooms));
        }
        main.appendElement("div").attr("id", "graph").addClass("chart").addClass("tall").attr("role", "img")
                .attr("aria-label", I18n.t(lang, "graph.title"));

        main.appendElement("h2").text(I18n.t(lang, "rooms"));
        Element nodes = main.appendElement("table").attr("id", "graph-rooms");
        Element head = nodes.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "case.room", "graph.tie", "graph.audience", "schools.messages")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = nodes.appendElement("tbody");
        for (RoomGraph.Node n : graph.nodes()) {
            Element tr = body.appendElement("tr").attr("data-id", n.roomId());
            String page = roomPage(n);
            Element name = tr.appendElement("td");
            if (page != null) {
                name.appendElement("a").attr("href", page).text(label(n));
            } else {
                name.text(label(n));
            }
            tr.appendElement("td").text(I18n.t(lang, !n.tagged() ? (n.watched() ? "graph.outside" : "graph.unwatched")
                    : n.namedForSchool() ? "graph.named" : "graph.tagged"));
            tr.appendElement("td").addClass("number").text(n.audience() == null ? "?" : n.audience().toString());
            tr.appendElement("td").addClass("number").text(Long.toString(n.schoolMessages()));
        }

        main.appendElement("h2").text(I18n.t(lang, "graph.ties"));
        Element edges = main.appendElement("table").attr("id", "graph-edges");
        Element edgeHead = edges.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "graph.from", "graph.to", "graph.kind", "graph.count")) {
            edgeHead.appendElement("th").attr("scope", "col").text(h);
        }
        Element edgeBody = edges.appendElement("tbody");
        for (RoomGraph.Edge e : graph.edges()) {
            Element tr = edgeBody.appendElement("tr").attr("data-kind", e.kind());
            tr.appendElement("td").text(e.from());
            tr.appendElement("td").text(e.to());
            tr.appendElement("td").text(I18n.t(lang, "graph.kind." + e.kind()));
            tr.appendElement("td").addClass("number").text(Long.toString(e.count()));
        }
        // The picture's data, read by room-graph.js: a JSON block is data, not script, so the page's CSP holds.
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("graph", graph);
        Map<String, String> pages = new LinkedHashMap<>();
        graph.nodes().forEach(n -> {
            if (roomPage(n) != null) {
                pages.put(n.roomId(), roomPage(n));
            }
        });
        data.put("pages", pages);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : new String[] {"forward", "link", "shared", "poster"}) {
            labels.put(key, I18n.t(lang, "graph.kind." + key));
        }
        for (String key : new String[] {"named", "tagged", "outside", "unwatched"}) {
            labels.put(key, I18n.t(lang, "graph." + key));
        }
        data.put("labels", labels);
        doc.body().appendElement("script").attr("type", "application/json").attr("id", "graph-data")
                .appendChild(new DataNode(json.writeValueAsString(data).replace("</", "<\\/")));
        doc.body().appendElement("script").attr("src", "/static/echarts.min.js");
        doc.body().appendElement("script").attr("src", "/static/room-graph.js");
        Layout.send(ctx, doc);
    }

    /** A room's page here, or null for a room never crawled (an invite or a name only seen in links). */
    static String roomPage(RoomGraph.Node n) {
        if (!n.watched() && !n.tagged()) {
            return null;
        }
        String id = n.roomId();
        return "/rooms/" + enc(id.startsWith("telegram:") && !id.startsWith("telegram:chat:") ? id.substring("telegram:".length()) : id);
    }

    private static String label(RoomGraph.Node n) {
        String name = n.roomId().startsWith("telegram:") ? n.roomId().substring("telegram:".length()) : n.roomId();
        return n.title() == null || n.title().isBlank() ? name : n.title() + " (" + name + ")";
    }
}
