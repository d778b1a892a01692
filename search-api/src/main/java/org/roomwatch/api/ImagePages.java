package org.roomwatch.api;

import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.blank;
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
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;

/** Image search from the browser: a photo hashed in memory and dropped, or a PDQ typed in; only hashes are searched. */
final class ImagePages {
    private final ImageSearch images;
    private final ImageHasher hasher;

    private static final byte[] JS = WebPages.resource("/static/image-hashing.js");

    ImagePages(ImageSearch images, ImageHasher hasher) {
        this.images = images;
        this.hasher = hasher;
    }

    void register(Javalin app) {
        app.get("/static/image-hashing.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(JS));
        app.get("/images", ctx -> imagesPage(ctx, null, null));
        app.post("/images", this::imageSearch);
    }

    private void imagesPage(Context ctx, List<ImageMatch> matches, String error) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "images"));
        Element main = main(doc);
        main.appendElement("p").text(I18n.t(lang, "noImage"));
        if (error != null) {
            alert(main, error);
        }
        // First choice: hashed in this page, only the hash sent (image-hashing.js); the PDQ can also be typed.
        Element local = main.appendElement("section").attr("id", "on-device").attr("aria-labelledby", "on-device-h");
        local.appendElement("h2").attr("id", "on-device-h").text(I18n.t(lang, "image.onDevice"));
        local.appendElement("p").addClass("promise").text(I18n.t(lang, "image.onDevicePromise"));
        local.appendElement("label").text(I18n.t(lang, "image.chooseLocal"))
                .appendElement("input").attr("type", "file").attr("id", "local-image").attr("accept", "image/*");
        local.appendElement("p").attr("id", "local-status").attr("role", "status").attr("aria-live", "polite");
        Element form = local.appendElement("form").attr("method", "post").attr("action", "/images").attr("id", "pdq-form");
        csrf(ctx, form);
        Element hex = form.appendElement("label").text(I18n.t(lang, "pdqHex"));
        hex.appendElement("input").attr("name", "pdq").attr("id", "pdq").attr("pattern", "[0-9a-fA-F]{64}")
                .val(blank(ctx.formParam("pdq")) == null ? "" : ctx.formParam("pdq"));
        form.appendElement("button").attr("type", "submit").attr("id", "find-hash").text(I18n.t(lang, "go"));
        // Fallback, said as it is: the picture goes to the server, which hashes it in memory and drops it.
        Element upload = main.appendElement("details").attr("id", "upload");
        upload.appendElement("summary").text(I18n.t(lang, "image.upload"));
        upload.appendElement("p").text(I18n.t(lang, "image.uploadTruth"));
        Element uploadForm = upload.appendElement("form").attr("method", "post").attr("action", "/images").attr("enctype", "multipart/form-data");
        csrf(ctx, uploadForm);
        uploadForm.appendElement("label").text(I18n.t(lang, "imageFile"))
                .appendElement("input").attr("type", "file").attr("name", "image").attr("id", "image").attr("accept", "image/*");
        uploadForm.appendElement("button").attr("type", "submit").attr("id", "find").text(I18n.t(lang, "image.uploadGo"));
        doc.body().appendElement("script").attr("src", "/static/roomwatch-hash.js");
        doc.body().appendElement("script").attr("src", "/static/image-hashing.js");
        if (matches != null) {
            main.appendElement("p").attr("id", "total").text(matches.size() + " " + I18n.t(lang, "results"));
            Element table = main.appendElement("table").attr("id", "matches");
            Element head = table.appendElement("tr");
            head.appendElement("th").text(I18n.t(lang, "distance"));
            head.appendElement("th").text("SHA-256 / PDQ");
            head.appendElement("th").text(I18n.t(lang, "rooms"));
            for (ImageMatch m : matches) {
                Element tr = table.appendElement("tr");
                tr.appendElement("td").text(String.valueOf(m.distance()));
                tr.appendElement("td").addClass("hash").text(m.image().sha256() + " / " + m.image().pdq());
                Element rooms = tr.appendElement("td");
                for (String r : m.image().rooms()) {
                    String name = r.contains(":") ? r.substring(r.indexOf(':') + 1) : r;
                    rooms.appendElement("a").attr("href", "/rooms/" + enc(name)).text(name);
                    rooms.appendText(" ");
                }
            }
        }
        send(ctx, doc);
    }

    /** An uploaded photo is hashed in memory and dropped; only its hashes are searched. */
    private void imageSearch(Context ctx) throws IOException {
        String lang = lang(ctx);
        String hex = blank(ctx.formParam("pdq"));
        UploadedFile file = ctx.uploadedFile("image");
        List<ImageSearch.PdqQuery> queries;
        try {
            if (file != null && file.size() > 0) {
                byte[] bytes;
                try (InputStream in = file.content()) {
                    bytes = ImageRoutes.readCapped(in, hasher);
                }
                ImageFingerprint f = ImageRoutes.hash(bytes, false, hasher);
                queries = List.of(new ImageSearch.PdqQuery(f.pdq().hex(), "original"));
            } else if (hex != null) {
                queries = List.of(new ImageSearch.PdqQuery(ImageRoutes.parsePdq(hex).hex(), "original"));
            } else {
                ctx.status(400);
                imagesPage(ctx, null, I18n.t(lang, "badInput") + ": " + I18n.t(lang, "imageFile"));
                return;
            }
        } catch (BadParameter e) {
            ctx.status(400);
            imagesPage(ctx, null, I18n.t(lang, "badInput") + ": " + ErrorWords.say(lang, e.getMessage()));
            return;
        }
        List<ImageMatch> matches = images.nearDuplicates(queries, 31);
        ApiSecurity.results(ctx, matches.size());
        imagesPage(ctx, matches, null);
    }
}
