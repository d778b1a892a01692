package org.roomwatch.api;

import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.csrf;
import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.send;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.search.VideoSearch.VideoMatch;
import org.roomwatch.media.Vpdq;

/**
 * Video search from the browser: a video hashed on this device (video-hashing.js: only its vPDQ is sent), its vPDQ
 * pasted, or, said as it is, the video sent to the server, which hashes it in memory and drops it. The answer lists
 * the stored videos that match, with both shares, their times and rooms; never a frame.
 */
final class VideoPages {
    private static final byte[] JS = WebPages.resource("/static/video-hashing.js");
    private static final byte[] PAGE_JS = WebPages.resource("/static/video-page.js");

    private final VideoRoutes routes;

    VideoPages(VideoRoutes routes) {
        this.routes = routes;
    }

    void register(Javalin app) {
        app.get("/static/video-hashing.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(JS));
        app.get("/static/video-page.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(PAGE_JS));
        app.get("/videos", ctx -> videosPage(ctx, null, null));
        app.post("/videos", this::videoSearch);
    }

    private void videosPage(Context ctx, List<VideoMatch> matches, String error) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "videos"));
        Element main = main(doc);
        main.appendElement("p").text(I18n.t(lang, "video.neverShown"));
        if (error != null) {
            alert(main, error);
        }
        Element local = main.appendElement("section").attr("id", "on-device").attr("aria-labelledby", "video-on-device-h");
        local.appendElement("h2").attr("id", "video-on-device-h").text(I18n.t(lang, "image.onDevice"));
        local.appendElement("p").addClass("promise").text(I18n.t(lang, "video.onDevicePromise"));
        local.appendElement("label").text(I18n.t(lang, "video.chooseLocal"))
                .appendElement("input").attr("type", "file").attr("id", "local-video").attr("accept", "video/*");
        local.appendElement("p").attr("id", "local-status").attr("role", "status").attr("aria-live", "polite");
        Element form = local.appendElement("form").attr("method", "post").attr("action", "/videos").attr("id", "vpdq-form");
        csrf(ctx, form);
        Element lines = form.appendElement("label").text(I18n.t(lang, "video.vpdqLines"));
        lines.appendElement("textarea").attr("name", "vpdq").attr("id", "vpdq").attr("rows", "6").attr("spellcheck", "false")
                .text(ctx.formParam("vpdq") == null ? "" : ctx.formParam("vpdq"));
        form.appendElement("button").attr("type", "submit").attr("id", "find-vpdq").text(I18n.t(lang, "go"));
        Element upload = main.appendElement("details").attr("id", "upload");
        upload.appendElement("summary").text(I18n.t(lang, "video.upload"));
        upload.appendElement("p").text(I18n.t(lang, "video.uploadTruth"));
        Element uploadForm = upload.appendElement("form").attr("method", "post").attr("action", "/videos").attr("enctype", "multipart/form-data");
        csrf(ctx, uploadForm);
        uploadForm.appendElement("label").text(I18n.t(lang, "video.file"))
                .appendElement("input").attr("type", "file").attr("name", "video").attr("id", "video").attr("accept", "video/*");
        uploadForm.appendElement("button").attr("type", "submit").attr("id", "find").text(I18n.t(lang, "video.uploadGo"));
        doc.body().appendElement("script").attr("src", "/static/roomwatch-hash.js");
        doc.body().appendElement("script").attr("src", "/static/video-hashing.js");
        doc.body().appendElement("script").attr("src", "/static/video-page.js");
        if (matches != null) {
            results(main, matches, lang);
        }
        send(ctx, doc);
    }

    private static void results(Element main, List<VideoMatch> matches, String lang) {
        main.appendElement("p").attr("id", "total").text(matches.size() + " " + I18n.t(lang, "results"));
        Element table = main.appendElement("table").attr("id", "matches");
        Element head = table.appendElement("tr");
        for (String h : I18n.all(lang, "video.queryShare", "video.storedShare", "video.matchedAt", "video.sha256", "rooms")) {
            head.appendElement("th").text(h);
        }
        for (VideoMatch m : matches) {
            Element tr = table.appendElement("tr").attr("data-sha256", m.video().sha256());
            tr.appendElement("td").addClass("number").text(String.format(Locale.ROOT, "%.0f%%", m.queryPercent()));
            tr.appendElement("td").addClass("number").text(String.format(Locale.ROOT, "%.0f%%", m.comparedPercent()));
            // Where in the stored video the match runs: its first and last paired seconds (times only, no frame).
            double first = m.pairs().stream().mapToDouble(p -> p.storedTimestamp()).min().orElse(0);
            double last = m.pairs().stream().mapToDouble(p -> p.storedTimestamp()).max().orElse(0);
            tr.appendElement("td").text(String.format(Locale.ROOT, "%s–%s / %s", clock(first), clock(last), clock(m.video().durationSeconds())));
            tr.appendElement("td").addClass("hash").text(m.video().sha256());
            Element rooms = tr.appendElement("td");
            for (String r : m.video().rooms()) {
                String name = r.contains(":") ? r.substring(r.indexOf(':') + 1) : r;
                rooms.appendElement("a").attr("href", "/rooms/" + enc(name)).text(name);
                rooms.appendText(" ");
            }
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A vPDQ pasted or computed in the page, or a video sent and hashed in memory; only hashes are searched. */
    private void videoSearch(Context ctx) throws IOException {
        String lang = lang(ctx);
        List<VideoMatch> matches;
        try {
            UploadedFile file = ctx.uploadedFile("video");
            VideoRoutes.Query query;
            if (file != null && file.size() > 0) {
                try (InputStream in = file.content()) {
                    query = routes.fromVideo(routes.readCapped(in), Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT);
                }
            } else if (ctx.formParam("vpdq") != null && !ctx.formParam("vpdq").isBlank()) {
                query = routes.fromLines(ctx.formParam("vpdq"), Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT);
            } else {
                ctx.status(400);
                videosPage(ctx, null, I18n.t(lang, "badInput") + ": " + I18n.t(lang, "video.file"));
                return;
            }
            matches = routes.search(query);
        } catch (BadParameter e) {
            ctx.status(400);
            videosPage(ctx, null, I18n.t(lang, "badInput") + ": " + ErrorWords.say(lang, e.getMessage()));
            return;
        }
        ApiSecurity.results(ctx, matches.size());
        videosPage(ctx, matches, null);
    }
}
