package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.cases.Spread;

/**
 * A case's spread as a page: the totals, a timeline of postings and cumulative audience, a graph of the rooms (sized by
 * audience, forwards and re-postings as edges, the first posting marked, rooms never crawled apart; a click opens the
 * room), both drawn by Apache ECharts served from this server; and every posting. Hashes, counts and places only:
 * no picture of the victim, ever.
 */
final class SpreadPages {
    private static final byte[] ECHARTS = WebPages.resource("/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js");
    private static final byte[] PAGE_JS = WebPages.resource("/static/spread-page.js");

    private final Cases cases;
    private final CaseSpreadRoutes routes;
    private final ObjectMapper json;

    SpreadPages(Cases cases, CaseSpreadRoutes routes, ObjectMapper json) {
        this.cases = cases;
        this.routes = routes;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/static/echarts.min.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(ECHARTS));
        app.get("/static/spread-page.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(PAGE_JS));
        app.get("/cases/{number}/spread", this::page);
    }

    private void page(Context ctx) throws JsonProcessingException {
        String lang = lang(ctx);
        String number = ctx.pathParam("number");
        CaseFile file = cases.find(number).orElse(null);
        if (file == null) {
            ctx.status(404);
            Document doc = Layout.page(ctx, I18n.t(lang, "spread.title"));
            Layout.alert(Layout.main(doc), I18n.t(lang, "case.noSuchCase") + ": " + number);
            Layout.send(ctx, doc);
            return;
        }
        Spread whole = routes.spread(file);
        ApiSecurity.results(ctx, whole.postings().size());
        Spread spread = whole.listing(CaseSpreadRoutes.LISTED_POSTINGS);
        Document doc = Layout.page(ctx, I18n.t(lang, "spread.title") + " · " + file.caseNumber());
        Element main = Layout.main(doc);
        Element links = main.appendElement("p");
        links.appendElement("a").attr("href", "/cases/" + CasePages.path(file.caseNumber())).text(I18n.t(lang, "case.case") + file.caseNumber());
        links.appendText(" · ");
        links.appendElement("a").attr("id", "report").attr("href", "/api/cases/" + CasePages.path(file.caseNumber()) + "/report")
                .text(I18n.t(lang, "spread.report"));
        if (spread.postings().isEmpty()) {
            main.appendElement("p").attr("id", "no-spread").text(I18n.t(lang, "spread.none"));
            Layout.send(ctx, doc);
            return;
        }
        Spread.Totals t = spread.totals();
        Element totals = main.appendElement("table").attr("id", "totals");
        row(totals, I18n.t(lang, "spread.rooms"), Integer.toString(t.rooms()));
        row(totals, I18n.t(lang, "spread.postings"), Integer.toString(t.postings()));
        row(totals, I18n.t(lang, "spread.posters"), t.distinctPosters() + (t.postingsWithoutPoster() > 0
                ? " (" + I18n.format(lang, "spread.withoutPoster", t.postingsWithoutPoster()) + ")" : ""));
        row(totals, I18n.t(lang, "spread.audience"), "≤ " + t.audienceUpperBound() + (t.roomsWithUnknownAudience() > 0
                ? " (" + I18n.format(lang, "spread.unknownAudience", t.roomsWithUnknownAudience()) + ")" : ""));
        row(totals, I18n.t(lang, "spread.views"), Long.toString(t.views()));
        row(totals, I18n.t(lang, "spread.onlineDeleted"), t.online() + " / " + t.deleted());
        Spread.Posting first = spread.first();
        main.appendElement("p").attr("id", "first").text(I18n.format(lang, "spread.first", first.room(), when(first.at()),
                first.poster() == null ? "?" : first.poster()));

        main.appendElement("h2").text(I18n.t(lang, "spread.timeline"));
        main.appendElement("div").attr("id", "timeline").addClass("chart").attr("role", "img")
                .attr("aria-label", I18n.t(lang, "spread.timeline"));
        main.appendElement("h2").text(I18n.t(lang, "spread.graph"));
        main.appendElement("div").attr("id", "graph").addClass("chart").attr("role", "img")
                .attr("aria-label", I18n.t(lang, "spread.graph"));

        Element table = main.appendElement("table").attr("id", "postings");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "spread.when", "case.room", "spread.poster", "spread.views.one", "spread.forwardedFrom", "spread.deleted")) {
            head.appendElement("th").text(h);
        }
        Element body = table.appendElement("tbody");
        for (Spread.Posting p : spread.postings()) {
            Element tr = body.appendElement("tr").attr("data-id", p.roomId() + ":" + p.messageId());
            tr.appendElement("td").appendElement("a").attr("href", "/messages/" + enc(p.roomId() + ":" + p.messageId())).text(when(p.at()));
            String name = p.roomId().substring(p.roomId().indexOf(':') + 1);
            tr.appendElement("td").appendElement("a").attr("href", "/rooms/" + enc(name)).text(name);
            Element poster = tr.appendElement("td");
            if (p.poster() == null) {
                poster.text("?");
            } else {
                // Who else this poster's pictures show: further victims.
                poster.appendElement("a").attr("href", ClusterPages.forPoster(p.poster())).text(p.poster());
            }
            tr.appendElement("td").addClass("number").text(p.views() == null ? "?" : p.views().toString());
            tr.appendElement("td").text(p.forwardedFromRoom() == null ? "" : p.forwardedFromRoom());
            tr.appendElement("td").text(p.deletedAt() == null ? "" : when(p.deletedAt()));
        }
        if (spread.postingsCut()) {
            main.appendElement("p").attr("id", "postings-cut").text(I18n.format(lang, "spread.cut", spread.postings().size(),
                    spread.totals().postings()));
        }
        // The charts' data, read by spread-page.js: a JSON block is data, not script, so the page's CSP holds.
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("spread", spread);
        data.put("timeline", whole.timeline(1000)); // over every posting, not only those listed
        data.put("labels", Map.of("postings", I18n.t(lang, "spread.postings"), "audience", I18n.t(lang, "spread.audience"),
                "forward", I18n.t(lang, "spread.forward"), "shared", I18n.t(lang, "spread.shared"),
                "unwatched", I18n.t(lang, "spread.unwatched")));
        doc.body().appendElement("script").attr("type", "application/json").attr("id", "spread-data")
                .appendChild(new org.jsoup.nodes.DataNode(json.writeValueAsString(data).replace("</", "<\\/")));
        doc.body().appendElement("script").attr("src", "/static/echarts.min.js");
        doc.body().appendElement("script").attr("src", "/static/spread-page.js");
        Layout.send(ctx, doc);
    }

    private static void row(Element table, String header, String value) {
        Element tr = table.appendElement("tr");
        tr.appendElement("th").attr("scope", "row").text(header);
        tr.appendElement("td").text(value);
    }
}
