package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.tagging.Gazetteer;

/**
 * The investigators' pages, rendered on the server from the same services as the API, with no script and nothing
 * loaded from elsewhere. Every page is built as a DOM (jsoup), so whatever a room title or message holds is text, never
 * markup. Korean by default; {@code ?lang=en} switches to English (kept in a cookie). The security layer logs in,
 * checks roles and CSRF (a hidden {@code _csrf} field in forms) and audits every page like every API call.
 */
final class WebPages {
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    private static final String CSS = """
            body{font-family:system-ui,"Noto Sans KR",sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}
            header{background:#23303d;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
            header a{color:#fff}header .who{margin-left:auto}
            main{max-width:1200px;margin:0 auto;padding:1rem 1.2rem}
            a:focus,button:focus,input:focus{outline:3px solid #f5a623;outline-offset:1px}
            .skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.3rem}
            form.search{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem;align-items:end}
            label{display:flex;flex-direction:column;font-size:.85rem;gap:.2rem}
            input,select,button{font:inherit;padding:.35rem}
            .hit{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem;margin:.5rem 0}
            .meta{color:#555;font-size:.85rem}mark{background:#ffe58a}
            table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;font-size:.9rem}
            .error{background:#fde2e1;border:1px solid #e0a3a0;padding:.5rem}.hash{font-family:monospace;font-size:.8rem;word-break:break-all}
            """;

    private final SearchService search;
    private final ImageSearch images;
    private final ImageHasher hasher;
    private final Users users;
    private final AuditLog audit;

    WebPages(SearchService search, ImageSearch images, ImageHasher hasher, Users users, AuditLog audit) {
        this.search = search;
        this.images = images;
        this.hasher = hasher;
        this.users = users;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/static/app.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(CSS));
        app.get("/", ctx -> ctx.redirect("/search"));
        app.get("/login", ctx -> login(ctx, null));
        app.get("/search", this::searchPage);
        app.get("/schools/{id}", this::schoolPage);
        app.get("/rooms/{id}", this::roomPage);
        app.get("/images", ctx -> imagesPage(ctx, null, null));
        app.post("/images", this::imageSearch);
        app.get("/admin/users", this::usersPage);
        app.post("/admin/users", this::addUser);
        app.post("/admin/users/{name}/disable", ctx -> setDisabled(ctx, true));
        app.post("/admin/users/{name}/enable", ctx -> setDisabled(ctx, false));
        app.get("/admin/audit", this::auditPage);
    }

    static String lang(Context ctx) {
        String asked = ctx.queryParam("lang");
        if ("en".equals(asked) || "ko".equals(asked)) {
            ctx.cookie("rw_lang", asked);
            return asked;
        }
        return "en".equals(ctx.cookie("rw_lang")) ? "en" : "ko";
    }

    /** A page with the header (what the user's role may open), the given title, and an empty main to fill. */
    static Document page(Context ctx, String title) {
        String lang = lang(ctx);
        Document doc = Document.createShell("");
        doc.outputSettings().prettyPrint(false);
        doc.selectFirst("html").attr("lang", lang);
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("link").attr("rel", "stylesheet").attr("href", "/static/app.css");
        doc.title(title + " · roomwatch");
        doc.body().appendElement("a").addClass("skip").attr("href", "#main").text(I18n.t(lang, "skip"));
        Element header = doc.body().appendElement("header");
        header.appendElement("strong").text("roomwatch");
        String user = ApiSecurity.user(ctx);
        Role role = ApiSecurity.role(ctx);
        if (user != null) {
            Element nav = header.appendElement("nav").attr("aria-label", "main");
            nav.appendElement("a").attr("href", "/search").text(I18n.t(lang, "search"));
            nav.appendText(" · ");
            nav.appendElement("a").attr("href", "/images").text(I18n.t(lang, "images"));
            if (role != null && role.includes(Role.ANALYST)) {
                for (String[] link : new String[][] {{"/watchlists", "감시 목록", "Watchlists"}, {"/alerts", "알림함", "Alerts"},
                        {"/discovered", "발견된 방", "Discovered"}, {"/cases/new", "사건 등록", "Open a case"}}) {
                    nav.appendText(" · ");
                    nav.appendElement("a").attr("href", link[0]).text("en".equals(lang) ? link[2] : link[1]);
                }
            }
            if (role != null && role.includes(Role.ADMIN)) {
                nav.appendText(" · ");
                nav.appendElement("a").attr("href", "/admin/users").text(I18n.t(lang, "users"));
                nav.appendText(" · ");
                nav.appendElement("a").attr("href", "/admin/audit").text(I18n.t(lang, "audit"));
            }
            Element who = header.appendElement("form").addClass("who").attr("method", "post").attr("action", "/logout");
            who.appendElement("span").text(user + " (" + role.key() + ") ");
            csrf(ctx, who);
            who.appendElement("button").attr("type", "submit").text(I18n.t(lang, "logout"));
        }
        header.appendElement("a").attr("href", "?lang=" + ("en".equals(lang) ? "ko" : "en")).attr("lang", "en".equals(lang) ? "ko" : "en")
                .text(I18n.t(lang, "language"));
        Element main = doc.body().appendElement("main").attr("id", "main");
        main.appendElement("h1").text(title);
        return doc;
    }

    static Element main(Document doc) {
        return doc.getElementById("main");
    }

    static void csrf(Context ctx, Element form) {
        String token = ctx.attribute("auth.csrf");
        if (token != null) {
            form.appendElement("input").attr("type", "hidden").attr("name", "_csrf").val(token);
        }
    }

    /** An error paragraph that screen readers announce. */
    static Element alert(Element parent, String text) {
        return parent.appendElement("p").addClass("error").attr("role", "alert").text(text);
    }

    /** A whole page that only says something went wrong, with its status. */
    static void messagePage(Context ctx, int status, String title, String text) {
        ctx.status(status);
        Document doc = page(ctx, title);
        alert(main(doc), text);
        send(ctx, doc);
    }

    static void send(Context ctx, Document doc) {
        ctx.contentType("text/html; charset=utf-8").result("<!DOCTYPE html>" + doc.outerHtml());
    }

    /** The login page; {@code failed} shows why the last try did not work. */
    static void login(Context ctx, String failed) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "login"));
        Element main = main(doc);
        if (failed != null) {
            alert(main, failed);
        }
        Element form = main.appendElement("form").attr("method", "post").attr("action", "/login");
        String next = ctx.queryParam("next");
        if (next != null && next.startsWith("/") && !next.startsWith("//")) {
            form.appendElement("input").attr("type", "hidden").attr("name", "next").val(next);
        }
        Element u = form.appendElement("label").text(I18n.t(lang, "user"));
        u.appendElement("input").attr("name", "user").attr("id", "user").attr("autocomplete", "username").attr("required", true);
        Element p = form.appendElement("label").text(I18n.t(lang, "password"));
        p.appendElement("input").attr("type", "password").attr("name", "password").attr("id", "password")
                .attr("autocomplete", "current-password").attr("required", true);
        form.appendElement("button").attr("type", "submit").attr("id", "login").text(I18n.t(lang, "login"));
        send(ctx, doc);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void field(Element form, String lang, String key, String name, String value, String type) {
        Element label = form.appendElement("label").text(I18n.t(lang, key));
        Element input = label.appendElement("input").attr("name", name).attr("id", name).attr("type", type);
        if (value != null) {
            if (type.equals("checkbox")) {
                input.attr("checked", true);
            } else {
                input.val(value);
            }
        }
    }

    private void searchPage(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "search"));
        Element main = main(doc);
        String q = ctx.queryParam("q");
        String school = ctx.queryParam("school");
        String region = ctx.queryParam("region");
        String room = ctx.queryParam("room");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        boolean media = "on".equals(ctx.queryParam("hasMedia"));
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/search")
                .attr("role", "search");
        field(form, lang, "query", "q", q, "search");
        field(form, lang, "school", "school", school, "text");
        field(form, lang, "region", "region", region, "text");
        field(form, lang, "room", "room", room, "text");
        field(form, lang, "from", "from", from, "date");
        field(form, lang, "to", "to", to, "date");
        field(form, lang, "hasMedia", "hasMedia", media ? "on" : null, "checkbox");
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
        if (ctx.queryParamMap().isEmpty() || (ctx.queryParamMap().size() == 1 && ctx.queryParam("lang") != null)) {
            send(ctx, doc);
            return;
        }
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1")));
            MessageQuery query = new MessageQuery(blank(q), blank(room), day(from, false), day(to, true), media ? Boolean.TRUE : null,
                    null, page, 20, true, new MessageFilters(blank(school), blank(region) == null ? null : Gazetteer.sidoShort(region),
                    null, null, null, null));
            SearchPage results = search.messages(query);
            ApiSecurity.results(ctx, results.total());
            main.appendElement("p").attr("id", "total").text(results.total() + " " + I18n.t(lang, "results"));
            if (results.hits().isEmpty()) {
                main.appendElement("p").text(I18n.t(lang, "noResults"));
            }
            for (Hit hit : results.hits()) {
                hitCard(main, lang, hit);
            }
            Element pager = main.appendElement("nav").attr("aria-label", "pages");
            String base = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)page=[^&]*", "");
            if (page > 1) {
                pager.appendElement("a").attr("href", "/search?" + base + "&page=" + (page - 1)).text(I18n.t(lang, "prev"));
                pager.appendText(" ");
            }
            if ((long) page * 20 < results.total()) {
                pager.appendElement("a").attr("href", "/search?" + base + "&page=" + (page + 1)).attr("id", "next").text(I18n.t(lang, "next"));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            alert(main, I18n.t(lang, "badInput") + ": " + e.getMessage());
        }
        send(ctx, doc);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant day(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate d = LocalDate.parse(value.strip());
        return (end ? d.plusDays(1) : d).atStartOfDay(KOREA).toInstant();
    }

    /** One message: room link, time, author, and the text (highlights kept as marks, everything else as text). */
    private static void hitCard(Element parent, String lang, Hit hit) {
        Map<String, Object> s = hit.source();
        Element card = parent.appendElement("article").addClass("hit");
        Element meta = card.appendElement("div").addClass("meta");
        String roomName = String.valueOf(s.get("room"));
        meta.appendElement("a").attr("href", "/rooms/" + enc(roomName)).text(roomName);
        meta.appendText(" · " + I18n.t(lang, "posted") + " " + when(s.get("posted_at")) + " · "
                + (s.get("author") == null ? "" : s.get("author")));
        if (s.get("schools") instanceof List<?> schools) {
            for (Object school : schools) {
                if (school instanceof Map<?, ?> m && m.get("id") != null) {
                    meta.appendText(" · ");
                    meta.appendElement("a").attr("href", "/schools/" + enc(String.valueOf(m.get("id"))))
                            .text(String.valueOf(m.get("name")));
                }
            }
        }
        Element text = card.appendElement("p");
        if (hit.highlights() != null && !hit.highlights().isEmpty()) {
            for (String fragment : hit.highlights()) {
                appendMarked(text, fragment);
                text.appendText(" … ");
            }
        } else {
            text.text(String.valueOf(s.getOrDefault("text", "")));
        }
    }

    /** An indexed instant as Korean wall-clock time, minutes precision. */
    static String when(Object value) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(Instant.parse(String.valueOf(value))
                    .atZone(KOREA));
        } catch (DateTimeParseException e) {
            return String.valueOf(value);
        }
    }

    /** Appends a highlight fragment: {@code <mark>} becomes a mark element, every other character stays text. */
    static void appendMarked(Element parent, String fragment) {
        int at = 0;
        while (at < fragment.length()) {
            int open = fragment.indexOf("<mark>", at);
            if (open < 0) {
                parent.appendText(fragment.substring(at));
                return;
            }
            int close = fragment.indexOf("</mark>", open);
            if (close < 0) {
                parent.appendText(fragment.substring(at));
                return;
            }
            parent.appendText(fragment.substring(at, open));
            parent.appendElement("mark").text(fragment.substring(open + 6, close));
            at = close + 7;
        }
    }

    private void schoolPage(Context ctx) {
        String lang = lang(ctx);
        String id = ctx.pathParam("id");
        Document doc = page(ctx, I18n.t(lang, "schools") + " " + id);
        Element main = main(doc);
        main.appendElement("h2").text(I18n.t(lang, "rooms"));
        Element list = main.appendElement("ul").attr("id", "school-rooms");
        var rooms = search.schoolRooms(id, 50);
        for (var r : rooms) {
            String name = r.roomId().contains(":") ? r.roomId().substring(r.roomId().indexOf(':') + 1) : r.roomId();
            Element li = list.appendElement("li");
            li.appendElement("a").attr("href", "/rooms/" + enc(name)).text(r.title() == null ? name : r.title());
            li.appendText(" (" + r.messages() + ")");
        }
        main.appendElement("h2").text(I18n.t(lang, "latest"));
        SearchPage latest = search.messages(new MessageQuery(null, null, null, null, null, null, 1, 20, false,
                new MessageFilters(id, null, null, null, null, null)));
        for (Hit hit : latest.hits()) {
            hitCard(main, lang, hit);
        }
        ApiSecurity.results(ctx, rooms.size() + latest.total());
        send(ctx, doc);
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
        row(facts, I18n.t(lang, "members"), String.valueOf(room.get("audience")));
        row(facts, I18n.t(lang, "seenThrough"), String.valueOf(room.get("seen_through")));
        row(facts, "description", String.valueOf(room.getOrDefault("description", "")));
        if (room.get("signals") instanceof Map<?, ?> signals) {
            row(facts, I18n.t(lang, "signals"), signals.get("score") + " " + signals.get("reasons"));
        }
        if (!detail.get().history().isEmpty()) {
            main.appendElement("h2").text("en".equals(lang) ? "Title history" : "제목·설명 변경 기록");
            Element history = main.appendElement("table").attr("id", "room-history");
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

    private static void row(Element table, String key, String value) {
        Element tr = table.appendElement("tr");
        tr.appendElement("th").attr("scope", "row").text(key);
        tr.appendElement("td").text(value);
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

    private void usersPage(Context ctx) {
        usersPage(ctx, null);
    }

    /** Users with their state, a form per user to disable or enable it, and a form to add one. */
    private void usersPage(Context ctx, String error) {
        String lang = lang(ctx);
        boolean en = "en".equals(lang);
        Document doc = page(ctx, I18n.t(lang, "users"));
        Element main = main(doc);
        if (error != null) {
            alert(main, error);
        }
        Element table = main.appendElement("table").attr("id", "users");
        for (User u : users.list()) {
            Element tr = table.appendElement("tr");
            tr.appendElement("td").text(u.name());
            tr.appendElement("td").text(u.role().key());
            tr.appendElement("td").addClass("state").text(u.disabled() ? "disabled" : u.lockedUntil() != null
                    && u.lockedUntil().isAfter(Instant.now()) ? "locked until " + when(u.lockedUntil().toString()) : "active");
            Element form = tr.appendElement("td").appendElement("form").attr("method", "post")
                    .attr("action", "/admin/users/" + enc(u.name()) + (u.disabled() ? "/enable" : "/disable"));
            csrf(ctx, form);
            form.appendElement("button").attr("type", "submit").text(u.disabled() ? (en ? "Enable" : "사용") : (en ? "Disable" : "사용 중지"));
        }
        main.appendElement("h2").text(en ? "Add a user" : "사용자 추가");
        Element add = main.appendElement("form").attr("method", "post").attr("action", "/admin/users").addClass("search");
        csrf(ctx, add);
        add.appendElement("label").text(I18n.t(lang, "user")).appendElement("input").attr("name", "name").attr("id", "new-name");
        Element role = add.appendElement("label").text(en ? "Role" : "역할").appendElement("select").attr("name", "role").attr("id", "new-role");
        for (Role r : Role.values()) {
            role.appendElement("option").val(r.key()).text(r.key());
        }
        add.appendElement("label").text(I18n.t(lang, "password")).appendElement("input").attr("type", "password")
                .attr("name", "password").attr("id", "new-password").attr("autocomplete", "new-password");
        add.appendElement("button").attr("type", "submit").attr("id", "add-user").text(en ? "Add" : "추가");
        send(ctx, doc);
    }

    private void addUser(Context ctx) {
        try {
            users.add(String.valueOf(ctx.formParam("name")).strip(), Role.parse(ctx.formParam("role")),
                    String.valueOf(ctx.formParam("password")), ApiSecurity.user(ctx));
            ctx.status(303).header("Location", "/admin/users");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, e.getMessage());
        }
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String name = ctx.pathParam("name");
        try {
            if (disabled && name.equals(ApiSecurity.user(ctx))) {
                throw new IllegalArgumentException("you cannot disable yourself");
            }
            users.setDisabled(name, disabled, ApiSecurity.user(ctx));
            if (disabled) {
                ApiSecurity.endSessionsOf(ctx, name);
            }
            ctx.status(303).header("Location", "/admin/users");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, e.getMessage());
        }
    }

    private void auditPage(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "audit"));
        Element main = main(doc);
        String actor = blank(ctx.queryParam("actor"));
        Element form = main.appendElement("form").attr("method", "get").attr("action", "/admin/audit");
        Element label = form.appendElement("label").text("actor");
        label.appendElement("input").attr("name", "actor").attr("id", "actor").val(actor == null ? "" : actor);
        form.appendElement("button").attr("type", "submit").text(I18n.t(lang, "go"));
        AuditLog.Verification check = audit.verify();
        main.appendElement("p").attr("id", "chain").text(check.ok() ? "hash chain intact: " + check.entries() + " entries"
                : "hash chain BROKEN at " + check.brokenAt() + ": " + check.problem());
        Element table = main.appendElement("table").attr("id", "audit");
        for (AuditEntry e : audit.read(new AuditLog.Filter(actor, null, null, null, 200))) {
            Element tr = table.appendElement("tr");
            for (Object cell : new Object[] {e.seq(), e.at(), e.actor(), e.role(), e.address(), e.action(), e.detail(),
                    e.results() == null ? "" : e.results(), e.status()}) {
                tr.appendElement("td").text(String.valueOf(cell));
            }
        }
        send(ctx, doc);
    }

    static final Set<String> PAGE_PREFIXES = Set.of("/search", "/schools", "/rooms", "/images", "/admin", "/login", "/logout", "/");
}
