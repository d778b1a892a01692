package org.roomwatch.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Users;
import org.roomwatch.media.ImageHasher;

/**
 * The investigators' pages, rendered on the server from the same services as the API, with nothing loaded from
 * elsewhere: search, schools and rooms, image search, and the admins' pages, each in its own class, sharing
 * {@link Layout}. Korean by default; {@code ?lang=en} switches to English (kept in a cookie). The security layer
 * logs in, checks roles and CSRF (a hidden {@code _csrf} field in forms) and audits every page like every API call.
 */
final class WebPages {
    private static final byte[] CSS = resource("/static/app.css");

    private final SearchService search;
    private final ImageSearch images;
    private final ImageHasher hasher;
    private final Users users;
    private final AuditLog audit;
    private final SchoolLookup schools;
    private final SearchFilters filters;
    private final java.util.function.Supplier<org.roomwatch.core.search.MessageViews> deep;

    WebPages(SearchService search, ImageSearch images, ImageHasher hasher, Users users, AuditLog audit, SchoolLookup schools,
             SearchFilters filters, java.util.function.Supplier<org.roomwatch.core.search.MessageViews> deep) {
        this.deep = deep;
        this.schools = schools;
        this.filters = filters;
        this.search = search;
        this.images = images;
        this.hasher = hasher;
        this.users = users;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/static/app.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(CSS));
        app.get("/", ctx -> ctx.redirect("/search"));
        app.get("/login", ctx -> LoginPage.login(ctx, null));
        new SearchPages(search, filters, deep).register(app);
        new PlacePages(search).register(app);
        new SchoolPages(search, schools).register(app);
        new Picks(schools, filters).register(app);
        new ImagePages(images, hasher).register(app);
        new AdminPages(users, audit).register(app);
    }

    static byte[] resource(String path) {
        try (InputStream in = WebPages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
