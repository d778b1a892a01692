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
            + " style-src 'self'; media-src 'self' blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Cases cases;
    private final Function<CaseFile, CaseRoutes.Results> results;

    CasePages(Cases cases, Function<CaseFile, CaseRoutes.Results> results) {
        this.cases = cases;
        this.results = results;
    }

    void register(Javalin app) {
        app.get("/static/roomwatch-hash.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(HASH_JS));
        app.get("/static/case-hashing.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(PAGE_JS));
        app.get("/cases", this::list);
        app.get("/cases/new", this::newCase);
        app.get("/cases/{number}", this::casePage);
    }

    /** The cases this officer may see (those that name her; an admin sees all), newest first. */
    private void list(Context ctx) {
        String lang = Layout.lang(ctx);
        Document doc = Layout.page(ctx, I18n.t(lang, "cases.title"));
        Element main = Layout.main(doc);
        main.appendElement("p").appendElement("a").attr("id", "new-case").attr("href", "/cases/new").text(I18n.t(lang, "nav.openCase"));
        java.util.List<CaseFile> mine = cases.list().stream().filter(c -> ApiSecurity.sees(ctx, Ownership.Scope.CASE, c.caseNumber()))
                .sorted(java.util.Comparator.comparing(CaseFile::createdAt).reversed()).toList();
        ApiSecurity.results(ctx, mine.size());
        if (mine.isEmpty()) {
            main.appendElement("p").attr("id", "no-cases").text(I18n.t(lang, "cases.none"));
        }
        Element table = main.appendElement("table").attr("id", "cases");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "cases.title"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "case.caseNumber", "case.counselor", "case.photosHashesOnly", "case.opened")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (CaseFile c : mine) {
            Element tr = body.appendElement("tr").attr("data-case", c.caseNumber());
            tr.appendElement("td").appendElement("a").attr("href", "/cases/" + path(c.caseNumber())).text(c.caseNumber());
            tr.appendElement("td").text(c.counselor());
            tr.appendElement("td").addClass("number").text(Integer.toString(c.photos()));
            tr.appendElement("td").text(Layout.when(c.createdAt()) + " · " + c.createdBy());
        }
        Layout.send(ctx, doc);
    }

    /** The page for a case number that names no case (the access table answers the same for another's case). */
    static void noSuchCase(Context ctx, String number) {
        String lang = Layout.lang(ctx);
        Layout.messagePage(ctx, 404, I18n.t(lang, "case.noSuchCase"), I18n.t(lang, "case.noCase") + number);
    }

    /** A case number as a path segment (spaces as %20, not '+'). */
    static String path(String caseNumber) {
        return java.net.URLEncoder.encode(caseNumber, StandardCharsets.UTF_8).replace("+", "%20");
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
        photos.appendElement("input").attr("type", "file").attr("id", "photos").attr("accept", "image/png,image/jpeg,image/gif,image/bmp,video/mp4,video/webm")
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
        doc.body().appendElement("script").attr("src", "/static/video-hashing.js");
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
            noSuchCase(ctx, number);
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
        messages(main, lang, r);
        Element export = main.appendElement("section").attr("id", "case-files").attr("aria-labelledby", "files-h");
        export.appendElement("h2").attr("id", "files-h").text(I18n.t(lang, "case.files"));
        Element links = export.appendElement("ul");
        String base = "/api/cases/" + path(file.caseNumber());
        links.appendElement("li").appendElement("a").attr("id", "spread-link").attr("href", "/cases/" + path(file.caseNumber()) + "/spread")
                .text(I18n.t(lang, "spread.title"));
        links.appendElement("li").appendElement("a").attr("id", "export-csv").attr("href", base + "/export?format=csv").text(I18n.t(lang, "case.exportCsv"));
        links.appendElement("li").appendElement("a").attr("href", base + "/export?format=jsonl").text(I18n.t(lang, "case.exportJsonLines"));
        String takedown = "/api/takedown?set=" + java.net.URLEncoder.encode(file.hashSet(), StandardCharsets.UTF_8);
        links.appendElement("li").appendElement("a").attr("id", "takedown-json").attr("href", takedown + "&format=json").text(I18n.t(lang, "case.takedownJson"));
        links.appendElement("li").appendElement("a").attr("id", "takedown-csv").attr("href", takedown + "&format=csv").text(I18n.t(lang, "case.takedownCsv"));
        if (r.messages() > 0) {
            // The whole case as one signed bundle: every message where its photos were seen, gathered on the server.
            Element form = export.appendElement("form").attr("id", "case-bundle").attr("method", "post")
                    .attr("action", "/cases/" + path(file.caseNumber()) + "/evidence");
            Layout.csrf(ctx, form);
            Element reason = form.appendElement("label").text(I18n.t(lang, "bundle.reason"));
            reason.appendElement("input").attr("name", "reason").attr("id", "case-reason").attr("required", true).attr("maxlength", "500");
            form.appendElement("button").attr("type", "submit").attr("id", "make-case-bundle")
                    .text(I18n.format(lang, "case.bundle", r.messages()));
        }
        Layout.send(ctx, doc);
    }

    /** Every message where the case's photos were seen (up to the page's cap; the export holds all). */
    private static void messages(Element main, String lang, CaseRoutes.Results r) {
        if (r.shownMessages().isEmpty()) {
            return;
        }
        Element table = main.appendElement("table").attr("id", "case-messages");
        table.appendElement("caption").text(r.truncated() ? I18n.format(lang, "case.messagesCapped", r.shownMessages().size(), r.messages())
                : I18n.t(lang, "case.messagesAll"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "case.room", "message.posted", "message.captured", "case.state", "case.photo", "case.distance")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (CaseSightings.Sighting s : r.shownMessages()) {
            String id = s.roomId() + ":" + s.messageId();
            Element tr = body.appendElement("tr").attr("data-id", id);
            tr.appendElement("td").appendElement("a").attr("href", "/messages/" + Layout.enc(id))
                    .text((s.room() == null ? s.roomId() : s.room()) + " #" + s.messageId());
            tr.appendElement("td").text(s.postedAt() == null ? I18n.t(lang, "unknown") : Layout.when(s.postedAt()));
            tr.appendElement("td").text(Layout.when(s.capturedAt()));
            tr.appendElement("td").text(s.deletedAt() == null ? I18n.t(lang, "case.online")
                    : I18n.t(lang, "deleted") + " " + Layout.when(s.deletedAt()));
            tr.appendElement("td").text(s.photo());
            tr.appendElement("td").addClass("number").text(Integer.toString(s.distance()));
        }
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
