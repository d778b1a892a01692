package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.when;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.cases.Clusters;

/**
 * Further victims as a page ({@code /clusters?room=ID} or {@code ?poster=sender:ID|author:NAME}): what a room or a
 * poster posted, in near-duplicate clusters, most posted first, each with how far it spread and the cases (that the
 * officer may see) it belongs to; a cluster in none may be a victim nobody has come forward for, and the page offers
 * to open a case. Hashes, counts and places only: no picture, ever.
 */
final class ClusterPages {
    private final ClusterRoutes routes;

    ClusterPages(ClusterRoutes routes) {
        this.routes = routes;
    }

    void register(Javalin app) {
        app.get("/clusters", this::page);
    }

    private void page(Context ctx) {
        String lang = lang(ctx);
        String room = Layout.blank(ctx.queryParam("room"));
        String poster = Layout.blank(ctx.queryParam("poster"));
        Document doc = Layout.page(ctx, I18n.t(lang, "clusters.title"));
        Element main = Layout.main(doc);
        main.appendElement("p").text(I18n.t(lang, "clusters.explain"));
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/clusters");
        form.appendElement("label").text(I18n.t(lang, "clusters.room"))
                .appendElement("input").attr("type", "text").attr("name", "room").attr("id", "room").attr("placeholder", "telegram:name")
                .val(room == null ? "" : room);
        form.appendElement("label").text(I18n.t(lang, "clusters.poster"))
                .appendElement("input").attr("type", "text").attr("name", "poster").attr("id", "poster")
                .attr("placeholder", "sender:ID / author:NAME").val(poster == null ? "" : poster);
        form.appendElement("button").attr("type", "submit").text(I18n.t(lang, "clusters.find"));
        if (room == null && poster == null) {
            ApiSecurity.results(ctx, 0);
            Layout.send(ctx, doc);
            return;
        }
        Clusters clusters;
        try {
            clusters = routes.clusters(ctx, room, poster);
        } catch (BadParameter e) {
            ctx.status(400);
            ApiSecurity.results(ctx, 0);
            Layout.alert(main, e.getMessage());
            Layout.send(ctx, doc);
            return;
        }
        ApiSecurity.results(ctx, clusters.clusters().size());
        main.appendElement("h2").text(room != null ? I18n.format(lang, "clusters.fromRoom", room)
                : I18n.format(lang, "clusters.fromPoster", poster));
        if (clusters.clusters().isEmpty()) {
            main.appendElement("p").attr("id", "no-clusters").text(I18n.t(lang, "clusters.none"));
            Layout.send(ctx, doc);
            return;
        }
        long inNoCase = clusters.clusters().stream().filter(c -> c.cases().isEmpty()).count();
        main.appendElement("p").attr("id", "clusters-count").text(I18n.format(lang, "clusters.count", clusters.clusters().size(), inNoCase));
        Element table = main.appendElement("table").attr("id", "clusters");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "clusters.items", "clusters.digest", "spread.postings", "spread.rooms", "clusters.first",
                "clusters.last", "clusters.cases")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (Clusters.Cluster c : clusters.clusters()) {
            Clusters.Item first = c.items().get(0);
            Element tr = body.appendElement("tr").attr("data-sha256", first.sha256()).attr("data-cases", String.join(" ", c.cases()));
            long videos = c.items().stream().filter(i -> i.kind().equals("video")).count();
            tr.appendElement("td").text(I18n.format(lang, "clusters.itemsOf", c.items().size() - videos, videos));
            tr.appendElement("td").appendElement("code").attr("title", first.sha256()).text(first.sha256().substring(0, 16) + "…");
            tr.appendElement("td").addClass("number").text(Integer.toString(c.postings()));
            tr.appendElement("td").addClass("number").text(Integer.toString(c.rooms()));
            tr.appendElement("td").text(when(c.firstSeen()));
            tr.appendElement("td").text(when(c.lastSeen()));
            Element cases = tr.appendElement("td");
            if (c.cases().isEmpty()) {
                cases.appendElement("span").addClass("no-case").text(I18n.t(lang, "clusters.noCase") + " · ");
                cases.appendElement("a").attr("href", "/cases/new").text(I18n.t(lang, "clusters.openCase"));
            } else {
                for (String number : c.cases()) {
                    cases.appendElement("a").attr("href", "/cases/" + CasePages.path(number)).text(number);
                    cases.appendText(" ");
                }
            }
        }
        if (clusters.cut()) {
            main.appendElement("p").attr("id", "clusters-cut").text(I18n.format(lang, "clusters.cut", ClusterRoutes.MAX_MEDIA));
        }
        Layout.send(ctx, doc);
    }

    /** This page for a room. */
    static String forRoom(String roomId) {
        return "/clusters?room=" + enc(roomId);
    }

    /** This page for a poster as the spread names one. */
    static String forPoster(String poster) {
        return "/clusters?poster=" + enc(poster);
    }
}
