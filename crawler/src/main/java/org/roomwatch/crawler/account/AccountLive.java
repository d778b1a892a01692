package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.ingest.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TDLib pushes about watched rooms, stored as it happens through the same ingest pipeline as a crawl: new messages (photos hashed), edits (the message
 * again, so its new content becomes a new version), deletions for everyone (as facts), title changes (the room
 * again, so the old title stays in its history). Rooms no crawl has met yet are ignored. The cursor is left to the
 * scheduled crawl, which reads everything above it again: a message missed here while the process was down, or
 * one whose handling failed, is stored by that catch-up.
 */
public final class AccountLive {
    private static final Logger log = LoggerFactory.getLogger(AccountLive.class);

    private final AccountGateway gateway;
    private final AccountRoomSource source;
    private final IngestPipeline ingest;
    private final Clock clock;

    private AccountLive(AccountGateway gateway, AccountRoomSource source, IngestPipeline ingest, Clock clock) {
        this.gateway = gateway;
        this.source = source;
        this.ingest = ingest;
        this.clock = clock;
    }

    /** Starts storing the updates of {@code gateway}'s session. */
    public static AccountLive attach(AccountGateway gateway, AccountRoomSource source, IngestPipeline ingest, Clock clock) {
        AccountLive live = new AccountLive(gateway, source, ingest, clock);
        gateway.session().onUpdate(live::onUpdate);
        return live;
    }

    void onUpdate(TdSession.Update update) {
        try {
            switch (update.type()) {
                case "updateNewMessage" -> newMessage(update.body().path("message"));
                case "updateMessageEdited" -> edited(update.body().path("chat_id").asLong(), update.body().path("message_id").asLong());
                case "updateDeleteMessages" -> deleted(update.body());
                case "updateChatTitle" -> retitled(update.body().path("chat_id").asLong());
                default -> { }
            }
        } catch (TdException e) {
            log.warn("Account {}: could not follow {} ({}); the next crawl catches up", gateway.account(), update.type(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Account {}: storing {} failed ({}); the next crawl catches up", gateway.account(), update.type(),
                    e.toString());
        }
    }

    private void newMessage(JsonNode message) throws TdException, InterruptedException {
        Optional<TdMessages.Origin> origin = source.origin(message.path("chat_id").asLong(), gateway.account());
        if (origin.isEmpty()) {
            return;
        }
        Message m = TdMessages.toMessage(message, message.toString(), origin.get(), clock.instant(), gateway::userName);
        store(m);
    }

    private void edited(long chatId, long tdId) throws TdException, InterruptedException {
        Optional<TdMessages.Origin> origin = source.origin(chatId, gateway.account());
        if (origin.isEmpty()) {
            return;
        }
        AccountGateway.RawMessage raw = gateway.message(chatId, tdId);
        Message m = TdMessages.toMessage(raw.message(), raw.raw(), origin.get(), clock.instant(), gateway::userName);
        store(m);
    }

    /** Through the pipeline a crawl uses: photos hashed, links discovered, stored, matched, signals. */
    private void store(Message m) throws TdException, InterruptedException {
        ingest.store(null, ingest.enrich(List.of(source.hashPhotos(gateway, m))));
    }

    private void deleted(JsonNode update) {
        // from_cache: TDLib only dropped its copy; not permanent: not deleted for everyone. Neither is a fact.
        if (!update.path("is_permanent").asBoolean() || update.path("from_cache").asBoolean()) {
            return;
        }
        Optional<TdMessages.Origin> origin = source.origin(update.path("chat_id").asLong(), gateway.account());
        if (origin.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<MessageDeletion> deletions = new ArrayList<>();
        for (JsonNode id : update.path("message_ids")) {
            long serverId = TdMessages.serverId(id.asLong());
            if (serverId > 0) {
                deletions.add(new MessageDeletion("telegram", origin.get().room(), serverId, now, origin.get().seenThrough()));
            }
        }
        if (!deletions.isEmpty()) {
            ingest.storeDeletions(deletions);
        }
    }

    private void retitled(long chatId) throws TdException, InterruptedException {
        Optional<TdMessages.Origin> origin = source.origin(chatId, gateway.account());
        if (origin.isEmpty()) {
            return;
        }
        AccountGateway.ChatInfo chat = gateway.chat(chatId);
        ingest.store(source.room(gateway, origin.get().room(), chat, clock.instant(), origin.get().seenThrough()), List.of());
    }
}
