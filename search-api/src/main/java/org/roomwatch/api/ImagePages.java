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

    ImagePages(ImageSearch images, ImageHasher hasher) {
        this.images = images;
        this.hasher = hasher;
    }

    void register(Javalin app) {
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
        Element form = main.appendElement("form").attr("method", "post").attr("action", "/images").attr("enctype", "multipart/form-data");
        csrf(ctx, form);
        Element file = form.appendElement("label").text(I18n.t(lang, "imageFile"));
        file.appendElement("input").attr("type", "file").attr("name", "image").attr("id", "image").attr("accept", "image/*");
        Element hex = form.appendElement("label").text(I18n.t(lang, "pdqHex"));
        hex.appendElement("input").attr("name", "pdq").attr("id", "pdq").attr("pattern", "[0-9a-fA-F]{64}");
        form.appendElement("button").attr("type", "submit").attr("id", "find").text(I18n.t(lang, "go"));
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
            imagesPage(ctx, null, I18n.t(lang, "badInput") + ": " + e.getMessage());
            return;
        }
        List<ImageMatch> matches = images.nearDuplicates(queries, 31);
        ApiSecurity.results(ctx, matches.size());
        imagesPage(ctx, matches, null);
    }
}
