package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.messagePage;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.send;
import static org.roomwatch.api.SearchPages.hitCard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolLevel;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Gazetteer;

/**
 * Schools as officers look for them: the registry searched by name (as the tagger reads names), narrowed by level and
 * region, with the rooms and messages found for each; and a school's own page, titled by its name.
 */
final class SchoolPages {
    static final int PAGE_SIZE = 50;

    private final SearchService search;
    private final SchoolLookup schools;

    SchoolPages(SearchService search, SchoolLookup schools) {
        this.search = search;
        this.schools = schools;
    }

    void register(Javalin app) {
        app.get("/schools", this::list);
        app.get("/schools/{id}", this::schoolPage);
    }

    private void list(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "schools.title"));
        Element main = main(doc);
        String q = Layout.blank(ctx.queryParam("q"));
        String level = Layout.blank(ctx.queryParam("level"));
        String region = Layout.blank(ctx.queryParam("region"));
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/schools").attr("role", "search");
        Element qLabel = form.appendElement("label").text(I18n.t(lang, "schools.q"));
        qLabel.appendElement("input").attr("type", "search").attr("name", "q").attr("id", "q").val(q == null ? "" : q);
        Element levelLabel = form.appendElement("label").text(I18n.t(lang, "schools.level"));
        Element levels = levelLabel.appendElement("select").attr("name", "level").attr("id", "level");
        levels.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        for (SchoolLevel l : SchoolLevel.values()) {
            Element option = levels.appendElement("option").val(l.abbreviation()).text(l.suffix());
            if (l.abbreviation().equals(level)) {
                option.attr("selected", true);
            }
        }
        Element regionLabel = form.appendElement("label").text(I18n.t(lang, "region"));
        Element regions = regionLabel.appendElement("select").attr("name", "region").attr("id", "region");
        regions.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        for (String sido : Gazetteer.sidoNames()) {
            Element option = regions.appendElement("option").val(sido).text(sido);
            if (sido.equals(region)) {
                option.attr("selected", true);
            }
        }
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
        int page;
        try {
            page = Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1").strip());
            if (page < 1 || page > 10_000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            messagePage(ctx, 400, I18n.t(lang, "schools.title"), I18n.t(lang, "badInput") + ": page");
            return;
        }
        if (level != null && java.util.Arrays.stream(SchoolLevel.values()).noneMatch(l -> l.abbreviation().equals(level))) {
            messagePage(ctx, 400, I18n.t(lang, "schools.title"), I18n.format(lang, "schools.badLevel", level));
            return;
        }
        if (region != null && !Gazetteer.sidoNames().contains(region)) {
            messagePage(ctx, 400, I18n.t(lang, "schools.title"), I18n.format(lang, "schools.badRegion", region));
            return;
        }
        List<School> matching = (q == null ? schools.all() : schools.find(q, Integer.MAX_VALUE)).stream()
                .filter(s -> level == null || (s.level() != null && s.level().abbreviation().equals(level)))
                .filter(s -> region == null || region.equals(Gazetteer.sidoShort(s.sido())))
                .toList();
        int from = Math.min(matching.size(), (page - 1) * PAGE_SIZE);
        List<School> shown = matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE));
        Map<String, SearchService.SchoolCounts> counts = search.schoolCounts(shown.stream().map(School::id).toList());
        ApiSecurity.results(ctx, matching.size());
        main.appendElement("p").attr("id", "total").attr("data-total", Integer.toString(matching.size()))
                .text(I18n.format(lang, "schools.count", String.format("%,d", matching.size())));
        if (matching.isEmpty()) {
            main.appendElement("p").attr("id", "no-results").text(I18n.t(lang, q == null && level == null && region == null
                    ? "schools.none" : "schools.noneNamed"));
        }
        Element table = main.appendElement("table").attr("id", "schools");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "schools.title"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "schools.name", "schools.level", "region", "schools.rooms", "schools.messages")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (School s : shown) {
            Element tr = body.appendElement("tr").attr("data-id", s.id());
            tr.appendElement("td").appendElement("a").attr("href", "/schools/" + enc(s.id())).text(s.name());
            tr.appendElement("td").text(s.level() == null ? "" : s.level().suffix());
            tr.appendElement("td").text(((s.sido() == null ? "" : s.sido()) + " " + (s.sigungu() == null ? "" : s.sigungu())).strip());
            SearchService.SchoolCounts c = counts.get(s.id());
            tr.appendElement("td").addClass("number").text(Long.toString(c == null ? 0 : c.rooms()));
            tr.appendElement("td").addClass("number").text(Long.toString(c == null ? 0 : c.messages()));
        }
        if (matching.size() > PAGE_SIZE) {
            Element nav = main.appendElement("nav").addClass("pager").attr("aria-label", I18n.t(lang, "search.pages"));
            String base = "/schools?" + SearchPages.without(ctx, "page");
            if (page > 1) {
                nav.appendElement("a").attr("href", base + "&page=" + (page - 1)).attr("id", "prev").text(I18n.t(lang, "prev"));
            }
            nav.appendElement("span").addClass("current").attr("aria-current", "page").text(Integer.toString(page));
            if (from + PAGE_SIZE < matching.size()) {
                nav.appendElement("a").attr("href", base + "&page=" + (page + 1)).attr("id", "next").text(I18n.t(lang, "next"));
            }
        }
        send(ctx, doc);
    }

    private void schoolPage(Context ctx) {
        String lang = lang(ctx);
        String id = ctx.pathParam("id");
        School school = schools.school(id);
        if (school == null) {
            ApiSecurity.results(ctx, 0);
            messagePage(ctx, 404, I18n.t(lang, "schools.title"), I18n.format(lang, "schools.unknown", id));
            return;
        }
        Document doc = page(ctx, school.name());
        Element main = main(doc);
        main.appendElement("p").attr("id", "school-facts").text(SchoolLookup.place(school) + " · " + I18n.t(lang, "schools.id") + " " + id
                + (school.aliases().isEmpty() ? "" : " · " + I18n.t(lang, "schools.aliases") + " " + String.join(", ", school.aliases())));
        main.appendElement("p").appendElement("a").attr("id", "search-school")
                .attr("href", "/search?school=" + enc(SchoolLookup.label(school))).text(I18n.t(lang, "schools.searchThis"));
        main.appendElement("p").appendElement("a").attr("id", "school-graph")
                .attr("href", "/schools/" + enc(id) + "/graph").text(I18n.t(lang, "graph.open"));
        main.appendElement("h2").text(I18n.t(lang, "rooms"));
        Element list = main.appendElement("ul").attr("id", "school-rooms");
        var rooms = search.schoolRooms(id, 50);
        for (var r : rooms) {
            String name = r.roomId().contains(":") ? r.roomId().substring(r.roomId().indexOf(':') + 1) : r.roomId();
            Element li = list.appendElement("li");
            li.appendElement("a").attr("href", "/rooms/" + enc(name)).text(r.title() == null ? name : r.title());
            li.appendText(" (" + r.messages() + ")");
        }
        if (rooms.isEmpty()) {
            list.appendElement("li").text(I18n.t(lang, "schools.noRooms"));
        }
        main.appendElement("h2").text(I18n.t(lang, "latest"));
        SearchPage latest = search.messages(new MessageQuery(null, null, null, null, null, null, 1, 20, false,
                new MessageFilters(id, null, null, null, null, null), false));
        for (Hit hit : latest.hits()) {
            hitCard(main, lang, hit);
        }
        ApiSecurity.results(ctx, rooms.size() + latest.total());
        send(ctx, doc);
    }
}
