package org.roomwatch.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.DurationText;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.core.watch.AlertInbox;
import org.roomwatch.core.watch.RetroRuns;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.tagging.Tagging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The investigators' HTTP API: thin routes over {@link SearchService} and {@link RoomWatcher}. */
public final class ApiServer implements AutoCloseable {
    private boolean securityDecided;
    private ApiSecurity security;
    private org.roomwatch.core.search.ImageSearch imageSearch;
    private VideoSearch videoSearch;
    private VideoRoutes videoRoutes;
    private CaseSpreadRoutes spreadRoutes;
    private ImageHasher imageHasher;
    private Watchlists pageWatchlists;
    private AlertInbox pageAlerts;
    private EvidenceRoutes evidence;
    private CaseRoutes caseRoutes;
    private org.roomwatch.core.cases.Cases cases;
    /** The school registry the pages look names up in: none until {@link #withSchools} gives it. */
    private Supplier<Tagging> tagging = () -> NO_SCHOOLS;
    private static final Tagging NO_SCHOOLS = new Tagging(List.of(), List.of());
    private org.roomwatch.core.search.MessageViews messageViews;
    private DiscoveredRooms pageDiscovered;
    /** The authorized accounts, when this server has them (discovered invite links are joined through them). */
    private volatile org.roomwatch.core.account.AccountOperations accounts;
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** Larger than any image the configured limits let through; the image routes apply the configured cap. */
    static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024;

    private final Javalin app;
    private final SearchService search;
    private final RoomWatcher watcher;
    private final OpsRoutes ops = new OpsRoutes();
    private final ObjectMapper json;

    public ApiServer(SearchService search, RoomWatcher watcher, BooleanSupplier indexHealthy) {
        this.search = search;
        this.watcher = watcher;
        ops.check("elasticsearch", indexHealthy);
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(json, false));
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            // Uploaded images are held in memory up to this size and refused beyond it: never spooled to a file.
            config.http.maxRequestSize = MAX_UPLOAD_BYTES;
            config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES + 64 * 1024, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) MAX_UPLOAD_BYTES + 1, SizeUnit.BYTES);
            // Javalin checks the declared length only: this caps chunked bodies too (see BodyLimit).
            config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new org.eclipse.jetty.servlet.FilterHolder(new BodyLimit(MAX_UPLOAD_BYTES + 64 * 1024)), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
        });
        routes();
    }

    private void routes() {
        app.before(SecurityHeaders::set);
        ops.register(app);
        SearchRoutes searches = new SearchRoutes(search, () -> messageViews);
        searches.register(app);
        app.get("/api/rooms/watched", ctx -> ctx.json(Map.of("rooms", watcher.watched().stream().map(ApiServer::watchedJson).toList())));
        app.post("/api/rooms/watched", this::watch);
        app.delete("/api/rooms/watched/{name}", this::unwatch);
        app.get("/api/rooms/{id}", searches::room); // after the watched list, which this path would otherwise take
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
        app.exception(BodyLimit.TooLarge.class, (e, ctx) -> {
            ctx.header("Connection", "close");
            problem(ctx, new Problem(Problem.BASE + "too-large", "Request body too large", 413, e.getMessage(), null));
        });
        app.exception(BadParameter.class, (e, ctx) -> problem(ctx, Problem.invalidParameter(e.parameter, e.getMessage())));
        app.exception(SearchRoutes.NotFound.class, (e, ctx) -> problem(ctx, Problem.notFound(e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, Problem.invalidParameter(null, e.getMessage())));
        app.exception(UncheckedIOException.class, (e, ctx) -> {
            log.warn("Search backend error: {}", e.getMessage());
            problem(ctx, Problem.unavailable("the index did not answer; try again shortly"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                problem(ctx, Problem.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    private void watch(Context ctx) throws IOException {
        WatchRequest body;
        try {
            body = json.readValue(ctx.body(), WatchRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem(ctx, Problem.invalidBody("expected {\"name\": \"room_name\", \"source\": \"public\", \"interval\": \"10m\"}: "
                    + e.getOriginalMessage()));
            return;
        }
        WatchedRoom room;
        try {
            room = new WatchedRoom(body.name(), body.source() == null ? SourceKind.PUBLIC : SourceKind.parse(body.source()),
                    body.interval() == null ? java.time.Duration.ofMinutes(10) : DurationText.parse(body.interval()));
        } catch (IllegalArgumentException e) {
            problem(ctx, Problem.invalidBody(e.getMessage()));
            return;
        }
        boolean added = watcher.watch(room);
        ctx.status(added ? 201 : 200).json(watchedJson(room));
    }

    private void unwatch(Context ctx) {
        String name = ctx.pathParam("name");
        if (watcher.unwatch(name)) {
            ctx.status(204);
        } else {
            problem(ctx, Problem.notFound("room " + name + " is not watched"));
        }
    }

    record WatchRequest(String name, String source, String interval) {}

    private static Map<String, Object> watchedJson(WatchedRoom room) {
        return Map.of("name", room.name(), "source", room.source().key(), "interval", DurationText.format(room.interval()));
    }

    private void problem(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType("application/problem+json");
        try {
            ctx.result(json.writeValueAsString(problem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String openApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the image routes: near-duplicate search, exact lookups. */
    public ApiServer withImages(ImageSearch images, ImageHasher hasher) {
        return withImages(images, hasher, null, null);
    }

    /** Adds the image routes and, given {@code videos}, the video routes; image searches then list video frames too. */
    public ApiServer withImages(ImageSearch images, ImageHasher hasher, VideoSearch videos, VideoHasher videoHasher) {
        this.imageSearch = images;
        this.imageHasher = hasher;
        this.videoSearch = videos;
        new ImageRoutes(images, videos, hasher, json, this::problem).register(app);
        if (videos != null) {
            videoRoutes = new VideoRoutes(videos, videoHasher, json, this::problem);
            videoRoutes.register(app);
        }
        return this;
    }

    /** Adds the school and mention routes over the live registry. */
    public ApiServer withSchools(Supplier<Tagging> tagging) {
        new SchoolRoutes(tagging, search, this::problem).register(app);
        this.tagging = tagging;
        return this;
    }

    /** Adds the triage queue of rooms found through links. */
    public ApiServer withDiscovered(DiscoveredRooms rooms) {
        this.pageDiscovered = rooms;
        new DiscoveredRoutes(rooms, watcher, json, this::problem, java.time.Clock.systemUTC(), () -> accounts).register(app);
        return this;
    }

    /** Adds the authorized accounts: their states, looking at invite links, approved joins. */
    public ApiServer withAccounts(org.roomwatch.core.account.AccountOperations accounts) {
        this.accounts = accounts;
        new AccountRoutes(accounts, watcher, json, this::problem).register(app);
        return this;
    }

    /** Adds watchlists and the alerts they raise. */
    public ApiServer withWatchlists(Watchlists watchlists, AlertInbox alerts, RetroRuns retro, ImageHasher hasher) {
        this.pageWatchlists = watchlists;
        this.pageAlerts = alerts;
        new WatchRoutes(watchlists, alerts, retro, hasher, json, this::problem).register(app);
        return this;
    }

    /**
     * Alert mail as the outbox holds it: {@code GET /api/alerts/mail?status=failed} shows sends that keep failing
     * (queued and sent too). The mails carry no matched names or images, so listing them spreads nothing.
     */
    public ApiServer withMailOutbox(java.util.function.Function<String, List<?>> byStatus) {
        app.get("/api/alerts/mail", ctx -> {
            Params p = new Params(ctx, Set.of("status"));
            String status = p.text("status") == null ? "failed" : p.text("status");
            if (!Set.of("queued", "sent", "failed").contains(status)) {
                throw new BadParameter("status", "status must be queued, sent or failed, got '" + status + "'");
            }
            ctx.json(Map.of("status", status, "mails", byStatus.apply(status)));
        });
        return this;
    }

    /** Health, readiness and metrics of this process: add its other dependencies and its meters here. */
    public OpsRoutes ops() {
        return ops;
    }

    /** A read-only JSON route (the demo's mailbox), answered from {@code body}. */
    public ApiServer withGet(String path, java.util.function.Supplier<?> body) {
        app.get(path, ctx -> ctx.json(body.get()));
        return this;
    }

    /**
     * Adds cases: opening one from hashes computed in the browser, its results, their export, and its pages; and
     * takedown lists of a hash set's or a search's images. Give {@link #withImages} first.
     */
    public ApiServer withCases(org.roomwatch.core.cases.Cases cases, HashSets sets, HashSetMatcher matcher,
                               org.roomwatch.core.cases.CaseSightings sightings, Watchlists watchlists) {
        CaseRoutes routes = new CaseRoutes(cases, sets, matcher, sightings, watchlists, json, this::problem);
        routes.register(app);
        this.caseRoutes = routes;
        this.cases = cases;
        new CasePages(cases, routes::results).register(app);
        CaseSpreadRoutes spread = new CaseSpreadRoutes(cases, matcher, sightings, this::problem);
        spread.register(app);
        this.spreadRoutes = spread;
        new SpreadPages(cases, spread, json).register(app);
        new TakedownRoutes(sets, matcher, imageSearch, videoSearch, cases, json, this::problem).register(app);
        return this;
    }

    /** Adds further victims ({@code GET /api/clusters}) over what rooms and posters posted; after withImages and withCases. */
    public ApiServer withClusters(org.roomwatch.core.cases.PostedMedia posted, HashSets sets) {
        if (imageSearch == null || cases == null) {
            throw new IllegalStateException("clusters need withImages and withCases first");
        }
        ClusterRoutes routes = new ClusterRoutes(posted, imageSearch, videoSearch, cases, sets);
        routes.register(app);
        new ClusterPages(routes).register(app);
        return this;
    }

    /** Adds the room graph of a school (its API and page) over how rooms are tied; after withSchools. */
    public ApiServer withSchoolGraph(org.roomwatch.core.search.RoomTies ties) {
        if (tagging == null) {
            throw new IllegalStateException("the school graph needs withSchools first");
        }
        SchoolGraphRoutes routes = new SchoolGraphRoutes(tagging, search, ties, this::problem);
        routes.register(app);
        new SchoolGraphPage(routes, json).register(app);
        return this;
    }

    /** Adds evidence bundles of selected messages and rooms, signed with the deployment's key (made when first needed). */
    public ApiServer withEvidence(org.roomwatch.core.evidence.EvidenceRecords records, java.util.function.Supplier<org.roomwatch.core.evidence.EvidenceKey> key) {
        evidence = new EvidenceRoutes(records, key, json, java.time.Clock.systemUTC(), this::problem,
                spreadRoutes == null ? null : spreadRoutes::reportFor);
        evidence.register(app);
        return this;
    }

    /** Adds the message pages (a message whole, the selection, bundles from the pages, search exports); before withPages. */
    public ApiServer withMessages(org.roomwatch.core.search.MessageViews views) {
        this.messageViews = views;
        return this;
    }

    /** Adds the known-hash set routes: import, list, delete, match against the index. */
    public ApiServer withHashSets(HashSets sets, HashSetMatcher matcher) {
        new HashSetRoutes(sets, matcher, this::problem).register(app);
        return this;
    }

    /**
     * Logins, roles, CSRF and the audit trail on every route (see {@link ApiSecurity}). A server must be given this
     * or, in tests of the routes themselves, {@link #withoutSecurityForRouteTests()}: it does not start otherwise.
     */
    public ApiServer withSecurity(ApiSecurity security) {
        security.register(app, json, this::problem);
        this.security = security;
        this.securityDecided = true;
        return this;
    }

    /** The investigators' pages (login, search, school, room, image search, users, audit); needs security and images. */
    public ApiServer withPages(org.roomwatch.core.security.Users users, org.roomwatch.core.security.AuditLog audit) {
        if (security == null || imageSearch == null) {
            throw new IllegalStateException("the pages need withSecurity and withImages first");
        }
        SchoolLookup schools = new SchoolLookup(tagging);
        SearchFilters filters = new SearchFilters(schools, search);
        new WebPages(search, imageSearch, imageHasher, users, audit, schools, filters, () -> messageViews).register(app);
        if (videoRoutes != null) {
            new VideoPages(videoRoutes).register(app);
        }
        if (messageViews != null && evidence != null) {
            new MessagePages(messageViews, evidence, filters).register(app);
        }
        if (caseRoutes != null && evidence != null) {
            new CaseBundlePage(cases, caseRoutes, evidence).register(app);
        }
        if (pageWatchlists != null && pageAlerts != null && pageDiscovered != null) {
            new WatchPages(pageWatchlists, pageAlerts, pageDiscovered, java.time.Clock.systemUTC(), watcher, () -> accounts, tagging, schools, filters, messageViews).register(app);
        }
        return this;
    }

    /** Every registered HTTP route as {@code "METHOD /path/{param}"} (the access policy must cover each). */
    public List<String> registeredRoutes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.getEndpoint().getMethod().isHttpMethod())
                .map(e -> e.getEndpoint().getMethod().name() + " " + e.getEndpoint().getPath()).distinct().toList();
    }

    /** Whether {@code role} (null: no session) may call {@code "METHOD /path"} under this server's access policy. */
    public boolean allows(String route, org.roomwatch.core.security.Role role) {
        if (security == null) {
            return true;
        }
        var rule = security.policy().all().get(route);
        return rule != null && (rule.open() || (role != null && rule.allows(role)));
    }

    /** Registered routes the access policy has no rule for (refused to everyone); a complete server has none. */
    public List<String> routesWithoutAccessRule() {
        if (security == null) {
            return registeredRoutes();
        }
        return registeredRoutes().stream().filter(r -> !security.policy().all().containsKey(r)).toList();
    }

    /** No logins, roles or audit: only for tests of the routes' own behaviour. */
    public ApiServer withoutSecurityForRouteTests() {
        this.securityDecided = true;
        return this;
    }

    public ApiServer start(String host, int port) {
        if (!securityDecided) {
            throw new IllegalStateException("the API has no security configured: call withSecurity (or, in route tests,"
                    + " withoutSecurityForRouteTests) before start");
        }
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
