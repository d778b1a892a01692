package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.roomwatch.core.account.TdJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TDLib client: requests are matched to their answers by {@code @extra}, everything else is an update handed to
 * the listeners, in order, on the session's own thread (so a listener may call the session without blocking the
 * receive loop). TDLib {@code error} answers become {@link TdException}s, 429 a {@link TdRateLimitException}.
 */
public final class TdSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TdSession.class);

    /** An update and the exact JSON it arrived as (for the evidence digest). */
    public record Update(JsonNode body, String raw) {
        public String type() {
            return body.path("@type").asText();
        }
    }

    private final TdJson td;
    private final int clientId;
    private final String name;
    private final Runnable onClose;
    private final AtomicLong nextExtra = new AtomicLong(1);
    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService updates;
    /** Completes when TDLib reports authorizationStateClosed: only then may the process exit safely. */
    private final CompletableFuture<Void> closedByTdlib = new CompletableFuture<>();

    /** An answer and its exact JSON. */
    public record Answer(JsonNode body, String raw) {}

    TdSession(TdJson td, int clientId, String name, Runnable onClose) {
        this.td = td;
        this.clientId = clientId;
        this.name = name;
        this.onClose = onClose;
        this.updates = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tdlib-updates-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return name;
    }

    public void onUpdate(java.util.function.Consumer<Update> listener) {
        listeners.add(listener);
    }

    /** Sends {@code request} (a TDLib function object); the future completes with the answer or a TdException. */
    public CompletableFuture<Answer> send(ObjectNode request) {
        String extra = name + "#" + nextExtra.getAndIncrement();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(extra, answer);
        ObjectNode copy = request.deepCopy();
        copy.put("@extra", extra);
        td.send(clientId, copy.toString());
        return answer;
    }

    /** Sends {@code request} and waits for its answer. */
    public Answer call(ObjectNode request, Duration timeout) throws TdException, InterruptedException {
        CompletableFuture<Answer> answer = send(request);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new TdException(0, request.path("@type").asText() + " got no answer within " + timeout.toSeconds() + " s",
                    TdException.Kind.TIMEOUT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TdException td) {
                throw td;
            }
            throw new TdException(0, String.valueOf(e.getCause()), TdException.Kind.OTHER);
        }
    }

    /** Called by the receive loop with every object for this client. */
    void receive(JsonNode node, String raw) {
        JsonNode extra = node.get("@extra");
        if (extra != null) {
            CompletableFuture<Answer> answer = pending.remove(extra.asText());
            if (answer != null) {
                if ("error".equals(node.path("@type").asText())) {
                    answer.completeExceptionally(TdException.of(node.path("code").asInt(), node.path("message").asText()));
                } else {
                    answer.complete(new Answer(node, raw));
                }
                return;
            }
        }
        if ("updateAuthorizationState".equals(node.path("@type").asText())
                && "authorizationStateClosed".equals(node.path("authorization_state").path("@type").asText())) {
            closedByTdlib.complete(null);
        }
        Update update = new Update(node, raw);
        if (updates.isShutdown()) {
            return; // closed: nobody listens any more
        }
        updates.execute(() -> {
            for (var listener : listeners) {
                try {
                    listener.accept(update);
                } catch (RuntimeException e) {
                    log.warn("A listener of {} failed on {}: {}", name, update.type(), e.toString());
                }
            }
        });
    }

    /** The receive loop stopped: nothing pending will ever be answered. */
    void abandon() {
        pending.values().forEach(f -> f.completeExceptionally(
                new TdException(0, "the TDLib receive loop stopped", TdException.Kind.OTHER)));
        pending.clear();
    }

    /**
     * Asks TDLib to close this client and waits until TDLib says it is closed (it flushes its database first; a
     * process that exits before that can crash inside the native library), then stops the listeners.
     */
    @Override
    public void close() {
        try {
            call(TdRequests.of("close"), Duration.ofSeconds(10));
            closedByTdlib.get(10, TimeUnit.SECONDS);
        } catch (TdException e) {
            log.debug("Closing {}: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("TDLib did not report {} closed within 10 s", name);
        }
        updates.shutdown();
        try {
            updates.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.run();
    }
}
