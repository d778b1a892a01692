package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.row;
import static org.roomwatch.api.Layout.send;
import static org.roomwatch.api.Layout.when;
import static org.roomwatch.api.SearchPages.hitCard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;

/** A school's page (its rooms, the latest mentions) and a room's page (facts, title history, latest messages with their hashes). */
final class PlacePages {
    private final SearchService search;

    PlacePages(SearchService search) {
        this.search = search;
    }

    void register(Javalin app) {
        app.get("/rooms/{id}", this::roomPage);
    }

    private void roomPage(Context ctx) {
        String lang = lang(ctx);
        String id = ctx.pathParam("id");
        String roomId = id.contains(":") ? id : "telegram:" + id;
        var detail = search.room(roomId, 50);
        if (detail.isEmpty()) {
            ctx.status(404);
            Document doc = page(ctx, I18n.t(lang, "roomInfo"));
            main(doc).appendElement("p").text(I18n.t(lang, "notFound") + " " + roomId);
            send(ctx, doc);
            return;
        }
        Map<String, Object> room = detail.get().room().source();
        Document doc = page(ctx, String.valueOf(room.getOrDefault("title", id)));
        Element main = main(doc);
        Element facts = main.appendElement("table").attr("id", "room-facts");
        row(facts, I18n.t(lang, "room"), String.valueOf(room.get("name")));
        row(facts, I18n.t(lang, "members"), room.get("audience") == null ? I18n.t(lang, "unknown") : String.valueOf(room.get("audience")));
        row(facts, I18n.t(lang, "seenThrough"), String.valueOf(room.get("seen_through")));
        row(facts, I18n.t(lang, "room.description"), room.get("description") == null ? "" : String.valueOf(room.get("description")));
        main.appendElement("p").appendElement("a").attr("id", "room-clusters").attr("href", ClusterPages.forRoom(roomId))
                .text(I18n.t(lang, "clusters.ofRoom"));
        if (room.get("signals") instanceof Map<?, ?> signals) {
            Element tr = facts.appendElement("tr").attr("id", "signals");
            tr.appendElement("th").attr("scope", "row").text(I18n.t(lang, "signals"));
            Element cell = tr.appendElement("td");
            cell.appendElement("strong").text(String.valueOf(signals.get("score")) + " / 100");
            Element reasons = cell.appendElement("ul").addClass("plain");
            if (signals.get("reasons") instanceof List<?> list) {
                list.forEach(r -> reasons.appendElement("li").text(SignalWords.say(lang, String.valueOf(r))));
            }
        }
        if (!detail.get().history().isEmpty()) {
            main.appendElement("h2").text(I18n.t(lang, "room.titleHistory"));
            Element history = main.appendElement("table").attr("id", "room-history");
            Element head = history.appendElement("thead").appendElement("tr");
            for (String h : I18n.all(lang, "versions.when", "discovered.title", "room.description", "message.seenThrough")) {
                head.appendElement("th").attr("scope", "col").text(h);
            }
            history = history.appendElement("tbody");
            for (Map<String, Object> v : detail.get().history()) {
                Element tr = history.appendElement("tr");
                tr.appendElement("td").text(when(v.get("first_captured_at")));
                tr.appendElement("td").text(String.valueOf(v.getOrDefault("title", "")));
                tr.appendElement("td").text(String.valueOf(v.getOrDefault("description", "")));
                tr.appendElement("td").text(String.valueOf(v.getOrDefault("seen_through", "")));
            }
        }
        main.appendElement("h2").text(I18n.t(lang, "timeline"));
        SearchPage latest = detail.get().latest();
        for (Hit hit : latest.hits()) {
            hitCard(main, lang, hit);
            Object media = hit.source().get("media");
            if (media instanceof List<?> items && !items.isEmpty()) {
                Element hashes = main.appendElement("ul").addClass("hash").attr("aria-label", I18n.t(lang, "media"));
                for (Object item : items) {
                    if (item instanceof Map<?, ?> m && m.get("pdq") != null) {
                        hashes.appendElement("li").text("PDQ " + m.get("pdq") + " · SHA-256 " + m.get("sha256"));
                    }
                }
            }
            if (hit.source().get("links") instanceof List<?> links && !links.isEmpty()) {
                Element ul = main.appendElement("ul").attr("aria-label", I18n.t(lang, "links"));
                links.forEach(l -> ul.appendElement("li").text(String.valueOf(l)));
            }
        }
        ApiSecurity.results(ctx, latest.total());
        send(ctx, doc);
    }
}
