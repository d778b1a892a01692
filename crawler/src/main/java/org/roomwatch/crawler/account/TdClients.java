package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roomwatch.core.account.TdJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of one TDLib instance. TDLib has one receive queue for all its clients, so one thread here reads it
 * and hands each object to the session named by its {@code @client_id}. Close stops the thread; sessions should be
 * closed (TDLib {@code close}) before.
 */
public final class TdClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TdClients.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final TdJson td;
    private final Map<Integer, TdSession> sessions = new ConcurrentHashMap<>();
    private final Thread receiver;
    private volatile boolean running = true;

    public TdClients(TdJson td) {
        this.td = td;
        this.receiver = new Thread(this::receiveLoop, "tdlib-receive");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /** A new TDLib client with its own session; {@code name} is for logs (the account's name). */
    public TdSession open(String name) {
        int id = td.createClientId();
        TdSession session = new TdSession(td, id, name, () -> sessions.remove(id));
        sessions.put(id, session);
        return session;
    }

    private void receiveLoop() {
        while (running) {
            String raw;
            try {
                raw = td.receive(0.5);
            } catch (RuntimeException e) {
                log.error("TDLib receive failed; stopping: {}", e.toString());
                break;
            }
            if (raw == null) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(raw);
            } catch (IOException e) {
                log.warn("TDLib sent something that is not JSON ({} chars); ignored", raw.length());
                continue;
            }
            TdSession session = sessions.get(node.path("@client_id").asInt(-1));
            if (session == null) {
                continue; // a client closed a moment ago, or TDLib's global updates (updateOption before any client)
            }
            try {
                session.receive(node, raw);
            } catch (RuntimeException e) {
                log.warn("Handling a TDLib {} for {} failed: {}", node.path("@type").asText(), session.name(), e.toString());
            }
        }
        sessions.values().forEach(TdSession::abandon);
    }

    @Override
    public void close() {
        running = false;
        try {
            receiver.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
