package org.roomwatch.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy on loopback in front of an Elasticsearch node that can hold a bulk request carrying messages,
 * so a test can kill or stop a crawler at an exact point of a bulk write: before the node saw it ({@link Mode#BEFORE})
 * or after the node applied it but before the crawler got the answer ({@link Mode#AFTER}). Everything else, and every
 * bulk while the gate is {@link Mode#OPEN}, passes straight through.
 */
final class BulkGate implements AutoCloseable {
    enum Mode { OPEN, BEFORE, AFTER }

    /** Request headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI target;
    private final String marker;
    private volatile Mode mode = Mode.OPEN;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger messagesAppliedWhileHeld = new AtomicInteger();
    private final AtomicInteger forwarding = new AtomicInteger();

    /** Holds bulks whose body names the index {@code messagesIndex}. */
    BulkGate(URI target, String messagesIndex) throws IOException {
        this.target = target;
        this.marker = "\"" + messagesIndex + "\"";
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Holds the next bulk of messages at {@code mode}; {@link #awaitHeld} says when it arrived. */
    void hold(Mode mode) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        this.mode = mode;
    }

    /** Waits until a bulk of messages is being held. */
    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held bulk (and every later one) through. */
    void open() {
        mode = Mode.OPEN;
        release.countDown();
    }

    /**
     * Message operations in the bulks the node applied while the gate held their answers ({@link Mode#AFTER}). The
     * client's bulk ingester may split one batch into several bulks (its flush timer can fire between two adds), so a
     * test counts what was really applied instead of assuming one bulk carries the whole batch.
     */
    int messagesAppliedWhileHeld() {
        return messagesAppliedWhileHeld.get();
    }

    /** Waits until no request is on its way to the node (a bulk read before its sender died still arrives). */
    boolean awaitNothingForwarding(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (forwarding.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            int messageOperations = path.endsWith("/_bulk") ? occurrences(new String(body, StandardCharsets.UTF_8), marker) : 0;
            Mode at = messageOperations > 0 ? mode : Mode.OPEN;
            if (at == Mode.BEFORE) {
                held.countDown();
                awaitRelease();
            }
            HttpResponse<byte[]> answer;
            forwarding.incrementAndGet();
            try {
                answer = forward(exchange, body);
                if (at == Mode.AFTER) {
                    messagesAppliedWhileHeld.addAndGet(messageOperations);
                }
            } finally {
                forwarding.decrementAndGet();
            }
            if (at == Mode.AFTER) {
                held.countDown();
                awaitRelease();
            }
            answer.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            boolean empty = answer.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each message operation's action line names the index once; a document never does. */
    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    private void awaitRelease() throws InterruptedException {
        // Bounded so a test that never opens the gate cannot leave a thread behind for ever.
        release.await(5, TimeUnit.MINUTES);
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(v -> request.header(header.getKey(), v));
            }
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        threads.shutdownNow();
    }
}
