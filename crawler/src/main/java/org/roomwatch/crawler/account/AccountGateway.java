package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.RoomKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What roomwatch asks Telegram through one logged-in account: rooms by username or invite link, joining (only once
 * an analyst approved), leaving, history pages, users' names, and photos. Every request spends the account's budget
 * (at most {@code requestsPerMinute}); a 429 makes the account rest until Telegram's "retry after" has passed, and
 * every request in that time fails at once without reaching Telegram.
 */
public final class AccountGateway {
    private static final Logger log = LoggerFactory.getLogger(AccountGateway.class);

    /** A room as the account sees it, with the JSON it was read from (for the evidence digest). */
    public record ChatInfo(long chatId, String title, RoomKind kind, long supergroupId, String raw) {}

    /** What an invite link leads to, before joining. */
    public record InviteInfo(String link, InviteStatus status, String title, RoomKind kind, long members,
                             boolean joinRequest, long chatIdIfMember, String detail) {}

    /** The outcome of joining by invite link, as recorded. */
    public enum JoinOutcome { JOINED, REQUEST_SENT, DECLINED }

    /** A message object and its exact JSON. */
    public record RawMessage(JsonNode message, String raw) {}

    private final TdSession session;
    private final String account;
    private final Duration timeout;
    private final Duration spacing;
    private final Clock clock;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private Instant nextRequest = Instant.EPOCH;
    private volatile Instant restingUntil = Instant.EPOCH;
    private volatile TdRateLimitException lastLimit;

    public AccountGateway(TdSession session, String account, int requestsPerMinute, Duration timeout, Clock clock) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
        }
        this.session = session;
        this.account = account;
        this.timeout = timeout;
        this.spacing = Duration.ofNanos(60_000_000_000L / requestsPerMinute);
        this.clock = clock;
    }

    public String account() {
        return account;
    }

    public TdSession session() {
        return session;
    }

    /** Until when Telegram asked this account to wait (the past when it may ask now). */
    public Instant restingUntil() {
        return restingUntil;
    }

    /** One request, within the budget, failing fast while the account rests. */
    JsonNode call(ObjectNode request) throws TdException, InterruptedException {
        return callRaw(request).body();
    }

    private TdSession.Answer callRaw(ObjectNode request) throws TdException, InterruptedException {
        Instant now = clock.instant();
        if (now.isBefore(restingUntil)) {
            throw lastLimit;
        }
        waitForBudget();
        try {
            return session.call(request, timeout);
        } catch (TdRateLimitException e) {
            restingUntil = clock.instant().plus(e.retryAfter());
            lastLimit = e;
            log.warn("Account {} is rate-limited for {} s (until {}): {}", account, e.retryAfter().toSeconds(), restingUntil,
                    e.tdMessage());
            throw e;
        }
    }

    private void waitForBudget() throws InterruptedException {
        Instant wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant slot = nextRequest.isAfter(now) ? nextRequest : now;
            nextRequest = slot.plus(spacing);
            wait = slot;
        }
        long millis = Duration.between(clock.instant(), wait).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    public ChatInfo resolve(String username) throws TdException, InterruptedException {
        return chatInfo(callRaw(TdRequests.searchPublicChat(username)));
    }

    public ChatInfo chat(long chatId) throws TdException, InterruptedException {
        return chatInfo(callRaw(TdRequests.getChat(chatId)));
    }

    private static ChatInfo chatInfo(TdSession.Answer answer) {
        JsonNode chat = answer.body();
        JsonNode type = chat.path("type");
        RoomKind kind = switch (type.path("@type").asText()) {
            case "chatTypeSupergroup" -> type.path("is_channel").asBoolean() ? RoomKind.CHANNEL : RoomKind.GROUP;
            case "chatTypeBasicGroup" -> RoomKind.GROUP;
            default -> RoomKind.UNKNOWN;
        };
        return new ChatInfo(chat.path("id").asLong(), chat.path("title").asText(), kind,
                type.path("supergroup_id").asLong(0), answer.raw());
    }

    /** Members and description of a supergroup or channel (the raw JSON too). */
    public TdSession.Answer fullInfo(long supergroupId) throws TdException, InterruptedException {
        return callRaw(TdRequests.getSupergroupFullInfo(supergroupId));
    }

    /** Looks at an invite link without joining: title, type, member count, whether joining needs approval. */
    public InviteInfo inspectInvite(String link) throws TdException, InterruptedException {
        JsonNode info;
        try {
            info = call(TdRequests.checkChatInviteLink(link));
        } catch (TdException e) {
            if (e.kind() == TdException.Kind.REJECTED) {
                return new InviteInfo(link, InviteStatus.EXPIRED_OR_INVALID, null, RoomKind.UNKNOWN, 0, false, 0,
                        e.tdMessage());
            }
            throw e;
        }
        RoomKind kind = switch (info.path("type").path("@type").asText()) {
            case "inviteLinkChatTypeChannel" -> RoomKind.CHANNEL;
            case "inviteLinkChatTypeSupergroup", "inviteLinkChatTypeBasicGroup" -> RoomKind.GROUP;
            default -> RoomKind.UNKNOWN;
        };
        return new InviteInfo(link, InviteStatus.VALID, info.path("title").asText(), kind,
                info.path("member_count").asLong(), info.path("creates_join_request").asBoolean(),
                info.path("chat_id").asLong(0), null);
    }

    /** Joins by invite link. Call only for a link an analyst approved; the outcome is what gets recorded. */
    public JoinOutcome join(String link) throws TdException, InterruptedException {
        JsonNode result = call(TdRequests.joinChatByInviteLink(link));
        return switch (result.path("@type").asText()) {
            case "chatJoinResultSuccess" -> JoinOutcome.JOINED;
            case "chatJoinResultRequestSent" -> JoinOutcome.REQUEST_SENT;
            default -> JoinOutcome.DECLINED;
        };
    }

    public void leave(long chatId) throws TdException, InterruptedException {
        call(TdRequests.leaveChat(chatId));
    }

    /** One page of history: messages up to and including {@code fromTdId} (0: the newest), newest first. */
    public List<RawMessage> history(long chatId, long fromTdId, int limit) throws TdException, InterruptedException {
        JsonNode page = call(TdRequests.getChatHistory(chatId, fromTdId, limit));
        List<RawMessage> out = new ArrayList<>();
        for (JsonNode m : page.path("messages")) {
            out.add(new RawMessage(m, m.toString()));
        }
        return out;
    }

    public RawMessage message(long chatId, long tdId) throws TdException, InterruptedException {
        TdSession.Answer answer = callRaw(TdRequests.getMessage(chatId, tdId));
        return new RawMessage(answer.body(), answer.raw());
    }

    /** A user's display name, asked once per user; a user TDLib cannot show is named by id. */
    public String userName(long userId) {
        String cached = names.get(userId);
        if (cached != null) {
            return cached;
        }
        String name;
        try {
            JsonNode user = call(TdRequests.getUser(userId));
            name = (user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip();
            JsonNode handles = user.path("usernames").path("active_usernames");
            if (handles.size() > 0) {
                name = name + " (@" + handles.get(0).asText() + ")";
            }
        } catch (TdException e) {
            return "user " + userId;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "user " + userId;
        }
        names.put(userId, name);
        return name;
    }

    /**
     * A photo's or video's bytes, in memory only: TDLib downloads into its files directory, the file is read and then
     * deleted at once through TDLib (and from the disk, should TDLib have left it). {@code capKey} names the
     * configured cap in the refusal.
     */
    public byte[] media(int fileId, long maxBytes, String capKey) throws TdException, InterruptedException, IOException {
        JsonNode file = call(TdRequests.downloadFile(fileId));
        Path path = Path.of(file.path("local").path("path").asText(""));
        try {
            if (!file.path("local").path("is_downloading_completed").asBoolean() || !Files.isRegularFile(path)) {
                throw new IOException("TDLib did not complete the download of file " + fileId);
            }
            if (Files.size(path) > maxBytes) {
                throw new IOException("the file is larger than " + capKey + " (" + maxBytes + " bytes)");
            }
            return Files.readAllBytes(path);
        } finally {
            try {
                call(TdRequests.deleteFile(fileId));
            } finally {
                if (!path.toString().isEmpty()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
