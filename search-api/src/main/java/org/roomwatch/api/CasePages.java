package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.CaseSightings;
import org.roomwatch.core.cases.Cases;

/**
 * The case pages: opening a case with photos hashed in the browser (the photos never leave the device), and a case's
 * results. The opening page forbids, by its content security policy, any request but to this server.
 */
final class CasePages {
    private static final String HASH_JS = resource("/static/roomwatch-hash.js");
    private static final String PAGE_JS = resource("/static/case-hashing.js");
    /** Scripts and requests from this server only: the page cannot send anything, photos least of all, elsewhere. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self';"
            + " style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Cases cases;
    private final Function<CaseFile, CaseRoutes.Results> results;

    CasePages(Cases cases, Function<CaseFile, CaseRoutes.Results> results) {
        this.cases = cases;
        this.results = results;
    }

    void register(Javalin app) {
        app.get("/static/roomwatch-hash.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(HASH_JS));
        app.get("/static/case-hashing.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(PAGE_JS));
        app.get("/cases/new", this::newCase);
        app.get("/cases/{number}", this::casePage);
    }

    private static String resource(String path) {
        try (InputStream in = CasePages.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void newCase(Context ctx) {
        String lang = Layout.lang(ctx);
        Document doc = Layout.page(ctx, I18n.t(lang, "case.openACaseHashThe"));
        Element main = Layout.main(doc);
        main.appendElement("p").attr("id", "promise").addClass("promise").text(I18n.t(lang, "case.promise"));
        Element unsupported = Layout.alert(main, I18n.t(lang, "case.unsupported"));
        unsupported.attr("id", "unsupported").attr("hidden", "");
        Element noscript = main.appendElement("noscript");
        noscript.appendElement("p").addClass("error").text(I18n.t(lang, "case.noscript"));
        Element form = main.appendElement("form").attr("id", "case-form").addClass("search");
        String token = ctx.attribute("auth.csrf");
        if (token != null) {
            form.attr("data-csrf", token);
        }
        field(form, I18n.t(lang, "case.caseNumber"), "caseNumber", "text", true);
        field(form, I18n.t(lang, "case.counselor"), "counselor", "text", true);
        field(form, I18n.t(lang, "case.consentWhatTheVictimAgreed"), "consentNote", "text", true);
        field(form, I18n.t(lang, "case.alertEMailOptional"), "notify", "text", false);
        Element photos = form.appendElement("label").text(I18n.t(lang, "case.photosHashedHereNotSent"));
        photos.appendElement("input").attr("type", "file").attr("id", "photos").attr("accept", "image/png,image/jpeg,image/gif,image/bmp")
                .attr("multiple", "");
        form.appendElement("button").attr("type", "submit").attr("id", "open-case").attr("disabled", "")
                .text(I18n.t(lang, "case.sendTheHashesAndOpen"));
        main.appendElement("p").attr("id", "status").attr("role", "status").attr("aria-live", "polite");
        Element table = main.appendElement("table").attr("id", "hashes");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "case.photo", "case.pdq", "case.quality", "case.md5", "case.sha256", "case.note")) {
            head.appendElement("th").text(h);
        }
        table.appendElement("tbody");
        doc.body().appendElement("script").attr("src", "/static/roomwatch-hash.js");
        doc.body().appendElement("script").attr("src", "/static/case-hashing.js");
        ctx.header("Content-Security-Policy", POLICY);
        Layout.send(ctx, doc);
    }

    private static void field(Element form, String text, String name, String type, boolean required) {
        Element label = form.appendElement("label").text(text);
        Element input = label.appendElement("input").attr("type", type).attr("name", name).attr("id", name);
        if (required) {
            input.attr("required", "");
        }
    }

    private void casePage(Context ctx) {
        String lang = Layout.lang(ctx);
        String number = ctx.pathParam("number");
        CaseFile file = cases.find(number).orElse(null);
        if (file == null) {
            Layout.messagePage(ctx, 404, I18n.t(lang, "case.noSuchCase"), I18n.t(lang, "case.noCase") + number);
            return;
        }
        CaseRoutes.Results r = results.apply(file);
        ApiSecurity.results(ctx, r.messages());
        Document doc = Layout.page(ctx, I18n.t(lang, "case.case") + file.caseNumber());
        Element main = Layout.main(doc);
        Element facts = main.appendElement("table").attr("id", "case");
        row(facts, I18n.t(lang, "case.counselor"), file.counselor());
        row(facts, I18n.t(lang, "case.consent"), file.consentNote());
        row(facts, I18n.t(lang, "case.photosHashesOnly"), Integer.toString(file.photos()));
        row(facts, I18n.t(lang, "case.opened"), Layout.when(file.createdAt()) + " · " + file.createdBy());
        if (r.messages() == 0) {
            main.appendElement("p").attr("id", "no-matches").text(I18n.t(lang, "case.noMatches"));
        } else {
            main.appendElement("p").attr("id", "summary").text(I18n.format(lang, "case.summary", r.matchedImages(), r.rooms().size(), r.messages()));
            Element rooms = main.appendElement("table").attr("id", "rooms");
            Element head = rooms.appendElement("tr");
            for (String h : I18n.all(lang, "case.room", "case.state", "case.firstSeen", "case.lastSeen", "case.messages", "case.nearestDistance", "case.photos")) {
                head.appendElement("th").text(h);
            }
            for (CaseSightings.RoomSummary room : r.rooms()) {
                Element tr = rooms.appendElement("tr");
                String name = room.roomId().contains(":") ? room.roomId().substring(room.roomId().indexOf(':') + 1) : room.roomId();
                tr.appendElement("td").appendElement("a").attr("href", "/rooms/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .text(room.title() == null ? name : room.title() + " (" + name + ")");
                tr.appendElement("td").text(state(room, lang));
                tr.appendElement("td").text(Layout.when(room.firstSeen()));
                tr.appendElement("td").text(Layout.when(room.lastSeen()));
                tr.appendElement("td").text(Integer.toString(room.messages()));
                tr.appendElement("td").text(Integer.toString(room.bestDistance()));
                tr.appendElement("td").text(String.join(", ", room.photos()));
            }
        }
        Element export = main.appendElement("p");
        String base = "/api/cases/" + java.net.URLEncoder.encode(file.caseNumber(), StandardCharsets.UTF_8).replace("+", "%20");
        export.appendElement("a").attr("id", "export-csv").attr("href", base + "/export?format=csv").text(I18n.t(lang, "case.exportCsv"));
        export.appendText(" · ");
        export.appendElement("a").attr("href", base + "/export?format=jsonl").text(I18n.t(lang, "case.exportJsonLines"));
        Layout.send(ctx, doc);
    }

    private static String state(CaseSightings.RoomSummary room, String lang) {
        StringBuilder s = new StringBuilder();
        if (Boolean.FALSE.equals(room.hasPreview())) {
            s.append(I18n.t(lang, "case.noWebPreview"));
        }
        if (room.invite() != null && !room.invite().equals("not_an_invite") && !room.invite().equals("NOT_AN_INVITE")) {
            s.append(s.isEmpty() ? "" : ", ").append(I18n.t(lang, "case.invite")).append(room.invite().toLowerCase(java.util.Locale.ROOT));
        }
        if (room.lastCaptured() != null) {
            s.append(s.isEmpty() ? "" : ", ").append(I18n.t(lang, "case.lastCaptured")).append(Layout.when(room.lastCaptured()));
        }
        return s.isEmpty() ? "-" : s.toString();
    }

    private static void row(Element table, String key, String value) {
        Element tr = table.appendElement("tr");
        tr.appendElement("th").text(key);
        tr.appendElement("td").text(value);
    }
}
