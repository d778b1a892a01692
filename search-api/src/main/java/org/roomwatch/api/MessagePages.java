package org.roomwatch.api;

import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.messagePage;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.row;
import static org.roomwatch.api.Layout.send;
import static org.roomwatch.api.Layout.when;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageViews;
import org.roomwatch.core.text.Csv;

/**
 * From a search hit to evidence: one message as an officer examines it (full text, room, poster, times, capture
 * details, every version, permalink), the selection that carries messages across result pages into a signed
 * evidence bundle, and the export of a whole search result as CSV, streamed.
 */
final class MessagePages {
    private static final byte[] JS = WebPages.resource("/static/workbench.js");
    static final List<String> EXPORT_COLUMNS = List.of("id", "room_id", "room", "message_id", "posted_at", "author", "sender_id",
            "text", "permalink", "captured_at", "deleted_at", "edited", "schools", "media_sha256", "seen_through");

    private final MessageViews views;
    private final EvidenceRoutes evidence;
    private final SearchFilters filters;

    MessagePages(MessageViews views, EvidenceRoutes evidence, SearchFilters filters) {
        this.filters = filters;
        this.views = views;
        this.evidence = evidence;
    }

    void register(Javalin app) {
        app.get("/static/workbench.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(JS));
        app.get("/messages/{id}", this::messageView);
        app.get("/search/export.csv", this::export);
        app.post("/evidence", this::bundle);
    }

    private void messageView(Context ctx) {
        String lang = lang(ctx);
        String id = ctx.pathParam("id");
        var found = views.message(id);
        if (found.isEmpty()) {
            ApiSecurity.results(ctx, 0);
            messagePage(ctx, 404, I18n.t(lang, "message.title"), I18n.format(lang, "message.missing", id));
            return;
        }
        ApiSecurity.results(ctx, 1);
        Map<String, Object> m = found.get().source();
        Document doc = page(ctx, I18n.format(lang, "message.heading", String.valueOf(m.getOrDefault("room", "")),
                String.valueOf(m.getOrDefault("message_id", ""))));
        Element main = main(doc);
        Element pick = main.appendElement("p").addClass("pick-one");
        Element label = pick.appendElement("label");
        label.appendElement("input").attr("type", "checkbox").addClass("pick").attr("data-id", id).attr("name", "m")
                .attr("form", "bundle").val(id);
        label.appendText(" " + I18n.t(lang, "select.this"));
        Element text = main.appendElement("section").attr("aria-labelledby", "text-h");
        text.appendElement("h2").attr("id", "text-h").text(I18n.t(lang, "message.text"));
        text.appendElement("p").addClass("fulltext").attr("id", "text").text(String.valueOf(m.getOrDefault("text", "")));
        if (m.get("image_text") instanceof String read && !read.isBlank()) {
            // What OCR read in the message's pictures (the pictures themselves were never kept).
            Element pictures = main.appendElement("section").attr("aria-labelledby", "image-text-h");
            pictures.appendElement("h2").attr("id", "image-text-h").text(I18n.t(lang, "message.imageText"));
            pictures.appendElement("p").addClass("fulltext").attr("id", "image-text").text(read);
        }
        Element facts = main.appendElement("table").addClass("facts").attr("id", "facts");
        facts.appendElement("caption").text(I18n.t(lang, "message.facts"));
        Element roomRow = facts.appendElement("tr");
        roomRow.appendElement("th").attr("scope", "row").text(I18n.t(lang, "room"));
        roomRow.appendElement("td").appendElement("a").attr("href", "/rooms/" + enc(String.valueOf(m.get("room_id"))))
                .text(String.valueOf(m.getOrDefault("room", m.get("room_id"))));
        row(facts, I18n.t(lang, "message.number"), String.valueOf(m.getOrDefault("message_id", "")));
        row(facts, I18n.t(lang, "message.poster"), poster(lang, m));
        row(facts, I18n.t(lang, "message.posted"), m.get("posted_at") == null ? I18n.t(lang, "unknown") : when(m.get("posted_at")));
        row(facts, I18n.t(lang, "message.captured"), when(m.get("captured_at")));
        row(facts, I18n.t(lang, "message.seenThrough"), String.valueOf(m.getOrDefault("seen_through", "")));
        if (m.get("views") != null) {
            row(facts, I18n.t(lang, "message.views"), String.valueOf(m.get("views")));
        }
        if (Boolean.TRUE.equals(m.get("edited"))) {
            row(facts, I18n.t(lang, "message.edited"), I18n.t(lang, "yes"));
        }
        if (m.get("deleted_at") != null) {
            row(facts, I18n.t(lang, "message.deleted"), when(m.get("deleted_at")));
        }
        if (m.get("forwarded_from") != null) {
            row(facts, I18n.t(lang, "message.forwardedFrom"), String.valueOf(m.get("forwarded_from")));
        }
        if (m.get("reply_to") != null) {
            row(facts, I18n.t(lang, "message.replyTo"), String.valueOf(m.get("reply_to")));
        }
        Element linkRow = facts.appendElement("tr");
        linkRow.appendElement("th").attr("scope", "row").text(I18n.t(lang, "message.permalink"));
        Object permalink = m.get("permalink");
        if (permalink != null && String.valueOf(permalink).startsWith("https://")) {
            // Opened outside roomwatch, never fetched by it; no referrer so the room's host learns nothing of this page.
            linkRow.appendElement("td").appendElement("a").attr("id", "permalink").attr("href", String.valueOf(permalink))
                    .attr("rel", "noreferrer noopener").attr("target", "_blank").text(String.valueOf(permalink));
        } else {
            linkRow.appendElement("td").text(permalink == null ? "" : String.valueOf(permalink));
        }
        row(facts, I18n.t(lang, "message.rawSha256"), String.valueOf(m.getOrDefault("raw_sha256", "")));
        schools(main, lang, m);
        media(main, lang, m);
        versions(main, lang, found.get().versions());
        bundleForm(ctx, main, lang);
        send(ctx, doc);
    }

    private static String poster(String lang, Map<String, Object> m) {
        String author = m.get("author") == null ? "" : String.valueOf(m.get("author"));
        String sender = m.get("sender_id") == null ? "" : String.valueOf(m.get("sender_id"));
        if (author.isEmpty() && sender.isEmpty()) {
            return I18n.t(lang, "unknown");
        }
        return author.isEmpty() ? sender : sender.isEmpty() ? author : author + " (" + sender + ")";
    }

    private static void schools(Element main, String lang, Map<String, Object> m) {
        if (!(m.get("schools") instanceof List<?> schools) || schools.isEmpty()) {
            return;
        }
        Element p = main.appendElement("p").attr("id", "schools").text(I18n.t(lang, "schools") + ": ");
        for (Object school : schools) {
            if (school instanceof Map<?, ?> s && s.get("id") != null) {
                p.appendElement("a").attr("href", "/schools/" + enc(String.valueOf(s.get("id")))).text(String.valueOf(s.get("name")));
                p.appendText(" ");
            }
        }
    }

    private static void media(Element main, String lang, Map<String, Object> m) {
        if (!(m.get("media") instanceof List<?> media) || media.isEmpty()) {
            return;
        }
        Element table = main.appendElement("table").attr("id", "message-media");
        table.appendElement("caption").text(I18n.t(lang, "media"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : new String[] {I18n.t(lang, "media.kind"), "SHA-256", "MD5", "PDQ", I18n.t(lang, "media.quality")}) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (Object item : media) {
            Map<?, ?> one = (Map<?, ?>) item;
            Element tr = body.appendElement("tr");
            tr.appendElement("td").text(I18n.t(lang, "media.kind." + one.get("kind")));
            if (one.get("sha256") == null) {
                tr.appendElement("td").attr("colspan", "4").text(I18n.t(lang, "media.unhashed") + " "
                        + (one.get("unhashed") == null ? "" : String.valueOf(one.get("unhashed"))));
                continue;
            }
            tr.appendElement("td").addClass("hash").text(String.valueOf(one.get("sha256")));
            tr.appendElement("td").addClass("hash").text(String.valueOf(one.get("md5")));
            tr.appendElement("td").addClass("hash").text(String.valueOf(one.get("pdq")));
            tr.appendElement("td").text(String.valueOf(one.get("quality")));
        }
    }

    private static void versions(Element main, String lang, List<Map<String, Object>> versions) {
        Element table = main.appendElement("table").attr("id", "versions");
        table.appendElement("caption").text(I18n.format(lang, "versions.caption", versions.size()));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "versions.when", "versions.content", "message.seenThrough", "message.rawSha256")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (Map<String, Object> v : versions) {
            Element tr = body.appendElement("tr");
            tr.appendElement("td").text(when(v.get("first_captured_at")));
            if (Boolean.TRUE.equals(v.get("deleted"))) {
                tr.addClass("deleted");
                tr.appendElement("td").text(I18n.t(lang, "versions.deleted"));
            } else {
                tr.appendElement("td").addClass("fulltext").text(String.valueOf(v.getOrDefault("text", "")));
            }
            tr.appendElement("td").text(String.valueOf(v.getOrDefault("seen_through", "")));
            tr.appendElement("td").addClass("hash").text(v.get("raw_sha256") == null ? "" : String.valueOf(v.get("raw_sha256")));
        }
    }

    /**
     * The selection bar and the bundle form. Checkboxes anywhere on the page belong to this form ({@code form="bundle"}),
     * so a page's selection is sent even without scripts; workbench.js keeps the selection across pages.
     */
    static void bundleForm(Context ctx, Element parent, String lang) {
        bundleForm(ctx, parent, lang, List.of(), null, null);
    }

    private static void bundleForm(Context ctx, Element parent, String lang, List<String> kept, String reason, String caseNumber) {
        Element section = parent.appendElement("section").attr("id", "selection").attr("aria-labelledby", "selection-h");
        section.appendElement("h2").attr("id", "selection-h").text(I18n.t(lang, "select.heading"));
        Element status = section.appendElement("p").attr("role", "status");
        status.appendElement("span").attr("id", "selection-count").text(Integer.toString(kept.size()));
        status.appendText(" " + I18n.t(lang, "select.count") + " ");
        status.appendElement("button").attr("type", "button").attr("id", "clear-selection").text(I18n.t(lang, "select.clear"));
        Element form = section.appendElement("form").attr("id", "bundle").attr("method", "post").attr("action", "/evidence");
        Layout.csrf(ctx, form);
        for (String id : kept) {
            Element label = form.appendElement("label").addClass("kept");
            label.appendElement("input").attr("type", "checkbox").addClass("pick").attr("data-id", id).attr("name", "m").val(id)
                    .attr("checked", true);
            label.appendText(" " + id);
        }
        Element reasonLabel = form.appendElement("label").text(I18n.t(lang, "bundle.reason"));
        Element reasonInput = reasonLabel.appendElement("input").attr("name", "reason").attr("id", "reason").attr("required", true)
                .attr("maxlength", "500");
        if (reason != null) {
            reasonInput.val(reason);
        }
        Element caseLabel = form.appendElement("label").text(I18n.t(lang, "bundle.case"));
        Element caseInput = caseLabel.appendElement("input").attr("name", "case").attr("id", "case").attr("maxlength", "100");
        if (caseNumber != null) {
            caseInput.val(caseNumber);
        }
        form.appendElement("button").attr("type", "submit").attr("id", "make-bundle").text(I18n.t(lang, "bundle.make"));
        section.appendElement("p").addClass("hint").text(I18n.t(lang, "bundle.hint"));
        section.appendElement("noscript").text(I18n.t(lang, "select.noscript"));
        parent.ownerDocument().body().appendElement("script").attr("src", "/static/workbench.js");
    }

    /** The bundle of the selection, as a download; a selection that cannot be bundled comes back with why, kept whole. */
    private void bundle(Context ctx) throws IOException {
        String lang = lang(ctx);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(ctx.formParams("m").stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList()));
        String reason = ctx.formParam("reason");
        String caseNumber = Layout.blank(ctx.formParam("case"));
        String problem;
        int status = 400;
        if (ids.isEmpty()) {
            problem = I18n.t(lang, "bundle.none");
        } else if (ids.size() > EvidenceRoutes.MAX_RECORDS) {
            problem = I18n.format(lang, "bundle.tooMany", EvidenceRoutes.MAX_RECORDS);
        } else if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            problem = I18n.t(lang, "bundle.noReason");
        } else {
            List<String> missing = evidence.write(ctx, ids, List.of(), reason.strip(), caseNumber);
            if (missing.isEmpty()) {
                return;
            }
            // Refused whole, as the API refuses it: the ids named, the rest kept for a second try without them.
            problem = I18n.format(lang, "bundle.missing", EvidenceRoutes.named(missing));
            ids.removeAll(missing);
            status = 409;
        }
        ctx.status(status);
        Document doc = page(ctx, I18n.t(lang, "bundle.title"));
        Element main = main(doc);
        alert(main, problem);
        bundleForm(ctx, main, lang, ids.size() > 200 ? ids.subList(0, 200) : ids, reason, caseNumber);
        send(ctx, doc);
    }

    /** Everything the search matched, as CSV, streamed from one point in time however many there are. */
    private void export(Context ctx) throws IOException {
        MessageQuery query;
        try {
            SearchFilters.Outcome read = filters.read(ctx);
            if (!read.runnable()) {
                // An export is of a search the officer has seen: a name still to be chosen is sent back to the search.
                ctx.redirect("/search?" + (ctx.queryString() == null ? "" : ctx.queryString()));
                return;
            }
            query = read.parts().query(1, 1);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            messagePage(ctx, 400, I18n.t(ctx, "search"), I18n.t(ctx, "badInput") + ": " + ErrorWords.say(Layout.lang(ctx), e.getMessage()));
            return;
        }
        ctx.contentType("text/csv; charset=utf-8");
        Attachment.name(ctx, "roomwatch-search-" + Instant.now().toString().replace(":", "").replace("-", "") + ".csv");
        long rows;
        try (Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8)) {
            out.write(Csv.header(EXPORT_COLUMNS));
            rows = views.export(query, hit -> out.write(csv(hit.id(), hit.source())));
        }
        ApiSecurity.results(ctx, rows);
    }

    static String csv(String id, Map<String, Object> s) {
        List<String> schools = new ArrayList<>();
        if (s.get("schools") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> school && school.get("name") != null) {
                    schools.add(String.valueOf(school.get("name")));
                }
            }
        }
        List<?> media = s.get("media_sha256") instanceof List<?> l ? l : List.of();
        return Csv.row(Csv.cell(id), Csv.cell(str(s.get("room_id"))), Csv.cell(str(s.get("room"))), str(s.get("message_id")),
                str(s.get("posted_at")), Csv.cell(str(s.get("author"))), Csv.cell(str(s.get("sender_id"))), Csv.cell(str(s.get("text"))),
                Csv.cell(str(s.get("permalink"))), str(s.get("captured_at")), str(s.get("deleted_at")),
                Boolean.TRUE.equals(s.get("edited")) ? "true" : "false", Csv.cell(String.join("; ", schools)),
                Csv.cell(String.join(" ", media.stream().map(String::valueOf).toList())), Csv.cell(str(s.get("seen_through"))));
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
