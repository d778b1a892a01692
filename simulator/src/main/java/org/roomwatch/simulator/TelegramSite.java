package org.roomwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for t.me's public web: channel previews (/s/NAME, paged with ?before=N), landing pages
 * (/NAME), invite pages (/+HASH, /joinchat/HASH) and generated images, over real HTTP on loopback. Rooms
 * without a preview redirect /s/NAME to /NAME as t.me does. Tests can inject failures and raw pages.
 */
public final class TelegramSite implements AutoCloseable {
    public static final int PAGE_SIZE = 20;
    private static final Pattern IMAGE = Pattern.compile("/img/([A-Za-z0-9_]+)/(\\d+)-(\\d+)\\.png");
    private static final Pattern VIDEO = Pattern.compile("/vid/([A-Za-z0-9_]+)/(\\d+)\\.mp4");

    private final HttpServer server;
    private final Map<String, SimRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, SimInvite> invites = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Raw> raws = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> requests = new ConcurrentLinkedDeque<>();

    private record Fault(int status, String retryAfter, AtomicInteger remaining) {}

    /** One request for a room's preview page: which crawler (its User-Agent) asked, and when it began and ended. */
    public record Visit(String room, String agent, long startNanos, long endNanos) {
        public boolean open() {
            return endNanos == 0;
        }
    }

    private final ConcurrentLinkedDeque<Visit> visits = new ConcurrentLinkedDeque<>();
    private final Map<Long, Visit> openVisits = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong visitIds = new java.util.concurrent.atomic.AtomicLong();
    private volatile long pageDelayMillis;

    private record Raw(int status, String contentType, byte[] body, String location) {}

    private TelegramSite(HttpServer server) {
        this.server = server;
    }

    /** Starts the site on a free loopback port. */
    public static TelegramSite start() {
        return start(0);
    }

    public static TelegramSite start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            TelegramSite site = new TelegramSite(server);
            server.createContext("/", site::handle);
            server.setExecutor(Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "telegram-site");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return site;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the simulated Telegram site: " + e.getMessage(), e);
        }
    }

    /** The t.me/s page of {@code room} with posts older than {@code before} (0: the newest), without serving it. */
    public static String renderChannelPage(String baseUrl, SimRoom room, long before) {
        List<SimPost> page = room.page(before, PAGE_SIZE);
        boolean hasOlder = !page.isEmpty() && room.firstId() < page.get(0).id();
        return PageRenderer.channelPage(baseUrl, room, page, hasOlder);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public TelegramSite add(SimRoom room) {
        rooms.put(room.name(), room);
        return this;
    }

    public TelegramSite add(SimInvite invite) {
        invites.put(invite.hash(), invite);
        return this;
    }

    public SimRoom room(String name) {
        SimRoom room = rooms.get(name);
        if (room == null) {
            throw new IllegalArgumentException("no simulated room " + name);
        }
        return room;
    }

    public Collection<SimRoom> rooms() {
        return rooms.values();
    }

    public Collection<SimInvite> invites() {
        return invites.values();
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status}. */
    public void failNext(String pathPrefix, int status, int times, String retryAfter) {
        faults.put(pathPrefix, new Fault(status, retryAfter, new AtomicInteger(times)));
    }

    /** Serves exactly these bytes for this path and query (e.g. "/s/broken" or "/s/room?before=5"). */
    /**
     * Answers {@code pathAndQuery} with 200, headers and {@code start}, then nothing more for {@code hold}: a body
     * that never finishes arriving.
     */
    public void serveStalling(String pathAndQuery, String contentType, byte[] start, java.time.Duration hold) {
        stalling.put(pathAndQuery, new Stall(contentType, start.clone(), hold));
    }

    private record Stall(String contentType, byte[] start, java.time.Duration hold) {}

    private final Map<String, Stall> stalling = new ConcurrentHashMap<>();

    public void serveRaw(String pathAndQuery, int status, String contentType, byte[] body) {
        raws.put(pathAndQuery, new Raw(status, contentType, body, null));
    }

    public void clearRaw() {
        raws.clear();
    }

    /** Requests received for this path (query included), so far. */
    public int hits(String pathAndQuery) {
        AtomicInteger count = hits.get(pathAndQuery);
        return count == null ? 0 : count.get();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Requests for {@code room}'s preview are held without an answer for {@code duration} (a source that hangs:
     * accepted, then silent), then the connection is closed with nothing sent.
     */
    public void hang(String room, java.time.Duration duration) {
        hanging.put(room, duration.toMillis());
    }

    private final Map<String, Long> hanging = new ConcurrentHashMap<>();

    /** Every preview page answers this much later (a slow site: crawls then take long enough to be interrupted). */
    public void delayPages(java.time.Duration delay) {
        this.pageDelayMillis = delay.toMillis();
    }

    /** The finished and open preview-page requests, oldest first. */
    public List<Visit> visits() {
        List<Visit> all = new java.util.ArrayList<>(visits);
        all.addAll(openVisits.values());
        all.sort(java.util.Comparator.comparingLong(Visit::startNanos));
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            String key = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            requests.add(key);
            for (Map.Entry<String, Fault> fault : faults.entrySet()) {
                if (key.startsWith(fault.getKey()) && fault.getValue().remaining().getAndDecrement() > 0) {
                    if (fault.getValue().retryAfter() != null) {
                        exchange.getResponseHeaders().add("Retry-After", fault.getValue().retryAfter());
                    }
                    send(exchange, fault.getValue().status(), "text/plain", "simulated failure".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            Stall stall = stalling.get(key);
            if (stall != null) {
                exchange.getResponseHeaders().add("Content-Type", stall.contentType());
                exchange.sendResponseHeaders(200, 0); // chunked: no length, so the client waits for more
                exchange.getResponseBody().write(stall.start());
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(stall.hold().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Raw raw = raws.get(key);
            if (raw != null) {
                send(exchange, raw.status(), raw.contentType(), raw.body());
                return;
            }
            route(exchange, path, uri.getRawQuery());
        }
    }

    private void route(HttpExchange exchange, String path, String query) throws IOException {
        if (path.startsWith("/s/") && rooms.containsKey(path.substring(3))) {
            String name = path.substring(3);
            long id = visitIds.incrementAndGet();
            String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
            long start = System.nanoTime();
            openVisits.put(id, new Visit(name, agent, start, 0));
            try {
                Long hold = hanging.get(name);
                if (hold != null) {
                    Thread.sleep(hold);
                    return; // closed without a byte of answer
                }
                if (pageDelayMillis > 0) {
                    Thread.sleep(pageDelayMillis);
                }
                routePage(exchange, path, query);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                openVisits.remove(id);
                visits.add(new Visit(name, agent, start, System.nanoTime()));
            }
            return;
        }
        routePage(exchange, path, query);
    }

    private void routePage(HttpExchange exchange, String path, String query) throws IOException {
        if (path.startsWith("/s/")) {
            SimRoom room = rooms.get(path.substring(3));
            if (room == null) {
                redirect(exchange, "/" + path.substring(3));
                return;
            }
            if (!room.preview()) {
                redirect(exchange, "/" + room.name());
                return;
            }
            html(exchange, renderChannelPage(baseUrl(), room, beforeParameter(query)));
            return;
        }
        Matcher image = IMAGE.matcher(path);
        if (image.matches()) {
            send(exchange, 200, "image/png", generatedImage(path));
            return;
        }
        Matcher video = VIDEO.matcher(path);
        if (video.matches()) {
            // Posts whose ids agree modulo 7 carry the same clip, as a fake passed from room to room is; rooms whose
            // names hash odd post it re-encoded.
            send(exchange, 200, "video/mp4", SyntheticVideos.posted(Long.parseLong(video.group(2)) % 7,
                    (video.group(1).hashCode() & 1) == 1));
            return;
        }
        if (path.startsWith("/+") || path.startsWith("/joinchat/")) {
            String hash = path.startsWith("/+") ? path.substring(2) : path.substring("/joinchat/".length());
            SimInvite invite = invites.get(hash);
            html(exchange, invite == null
                    ? PageRenderer.invitePage(new SimInvite(hash, null, null, false, 0, true))
                    : PageRenderer.invitePage(invite));
            return;
        }
        SimRoom room = rooms.get(path.length() > 1 ? path.substring(1) : "");
        html(exchange, room == null ? PageRenderer.unknownRoomPage() : PageRenderer.landingPage(baseUrl(), room));
    }

    private static long beforeParameter(String query) {
        if (query == null) {
            return 0;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("before=")) {
                try {
                    return Long.parseLong(part.substring(7));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * A synthetic picture (gradients and shapes, nothing real) that follows from the post: posts whose ids agree
     * modulo 11 show the same picture, as a photo reposted from room to room does. Rooms whose names hash odd add a
     * small mark in a corner: a re-encoded copy, different bytes but the same picture to PDQ.
     */
    static byte[] generatedImage(String path) throws IOException {
        Matcher m = IMAGE.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException(path);
        }
        long post = Long.parseLong(m.group(2));
        int index = Integer.parseInt(m.group(3));
        return SyntheticPictures.png(post % 11 * 31 + index, (m.group(1).hashCode() & 1) == 1);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void html(HttpExchange exchange, String html) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
