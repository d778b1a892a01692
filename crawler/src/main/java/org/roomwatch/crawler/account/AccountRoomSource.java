package org.roomwatch.crawler.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomSnapshot;
import org.roomwatch.core.RoomSource;
import org.roomwatch.core.SourceException;
import org.roomwatch.core.account.CrawlAccount;
import org.roomwatch.core.text.Sha256;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.ocr.OcrPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms read through an authorized account: the room's header from getChat and its full info, and the messages above
 * the cursor from getChatHistory pages, newest first down to the cursor, at most {@code maxMessages} per crawl (a
 * long backfill continues on the next crawl below what it reached). Photos are downloaded into memory, hashed and
 * deleted from TDLib's files at once. An account that is banned or logged out is taken out of the pool and the
 * crawl fails with the cursor kept, so the room's next crawl goes through another account and nothing is skipped.
 */
public final class AccountRoomSource implements RoomSource {
    private static final Logger log = LoggerFactory.getLogger(AccountRoomSource.class);
    private static final int PAGE = 100;

    /** A room known by chat id (joined by invite link, no username), or by its public username. */
    private record Binding(long chatId, String username) {}

    private final AccountPool pool;
    private final ImageHasher hasher;
    private final VideoHasher videoHasher;
    private volatile OcrPool ocr;
    private volatile Duration ocrWait = Duration.ZERO;
    private final int maxMessages;
    private final Clock clock;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Map<Long, String> roomsByChat = new ConcurrentHashMap<>();

    public AccountRoomSource(AccountPool pool, ImageHasher hasher, VideoHasher videoHasher, int maxMessages, Clock clock) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, got " + maxMessages);
        }
        this.pool = pool;
        this.hasher = hasher;
        this.videoHasher = videoHasher;
        this.maxMessages = maxMessages;
        this.clock = clock;
    }

    /** A private room roomwatch knows by {@code room} and Telegram by {@code chatId} (after joining by invite). */
    public void bind(String room, long chatId) {
        bindings.put(room, new Binding(chatId, null));
        roomsByChat.put(chatId, room);
    }

    /** The watched room a chat is, and how its messages link, once a crawl or a binding has met it. */
    public java.util.Optional<TdMessages.Origin> origin(long chatId, String account) {
        String room = roomsByChat.get(chatId);
        Binding b = room == null ? null : bindings.get(room);
        return b == null ? java.util.Optional.empty()
                : java.util.Optional.of(new TdMessages.Origin(room, b.username(), chatId, "account:" + account));
    }

    @Override
    public RoomSnapshot fetch(String roomName, CrawlPosition position) throws SourceException {
        Optional<AccountGateway> found = pool.gatewayFor(roomName);
        if (found.isEmpty()) {
            throw new SourceException("no authorized account can read " + roomName + " now (see 'roomwatch accounts list')", true);
        }
        AccountGateway gateway = found.get();
        try {
            return read(gateway, roomName, position);
        } catch (TdException e) {
            switch (e.kind()) {
                case BANNED -> pool.markUnusable(gateway.account(), CrawlAccount.State.BANNED, e.getMessage());
                case UNAUTHORIZED -> pool.markUnusable(gateway.account(), CrawlAccount.State.LOGGED_OUT, e.getMessage());
                default -> { }
            }
            boolean retryable = e.kind() != TdException.Kind.REJECTED;
            throw new SourceException("account " + gateway.account() + ": " + e.getMessage(), retryable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted", true, e);
        }
    }

    private RoomSnapshot read(AccountGateway gateway, String roomName, CrawlPosition position)
            throws TdException, InterruptedException {
        Binding binding = bindings.get(roomName);
        AccountGateway.ChatInfo chat = binding != null && binding.username() == null
                ? gateway.chat(binding.chatId()) : gateway.resolve(roomName);
        if (binding == null) {
            binding = new Binding(chat.chatId(), roomName);
            bindings.put(roomName, binding);
            roomsByChat.put(chat.chatId(), roomName);
        }
        Instant now = clock.instant();
        String seenThrough = "account:" + gateway.account();
        Room room = room(gateway, roomName, chat, now, seenThrough);
        TdMessages.Origin origin = new TdMessages.Origin(roomName, binding.username(), chat.chatId(), seenThrough);

        List<Message> newestFirst = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long from = position.inBackfill() ? TdMessages.tdId(position.resumeBefore() - 1) : 0;
        boolean complete = false;
        while (newestFirst.size() < maxMessages) {
            List<AccountGateway.RawMessage> page = gateway.history(chat.chatId(), from, PAGE);
            if (page.isEmpty()) {
                complete = true; // the beginning of the room
                break;
            }
            boolean reachedCursor = false;
            long oldest = Long.MAX_VALUE;
            for (AccountGateway.RawMessage raw : page) {
                long serverId = TdMessages.serverId(raw.message().path("id").asLong());
                oldest = Math.min(oldest, serverId);
                if (serverId <= position.cursor()) {
                    reachedCursor = true;
                    break;
                }
                if (newestFirst.size() == maxMessages) {
                    break;
                }
                try {
                    newestFirst.add(TdMessages.toMessage(raw.message(), raw.raw(), origin, now, gateway::userName));
                } catch (RuntimeException e) {
                    log.warn("Message {} of {} could not be read and is skipped: {}", serverId, roomName, e.toString());
                    skipped.add(serverId + ": " + e.getMessage());
                }
            }
            if (reachedCursor || oldest <= 1) {
                complete = true;
                break;
            }
            from = TdMessages.tdId(oldest - 1);
        }
        Collections.reverse(newestFirst);
        List<Message> messages = new ArrayList<>(newestFirst.size());
        for (Message m : newestFirst) {
            messages.add(hashPhotos(gateway, m));
        }
        if (complete) {
            return new RoomSnapshot(room, messages, skipped, true, 0);
        }
        long oldestRead = messages.isEmpty() ? position.resumeBefore() : messages.get(0).messageId();
        return new RoomSnapshot(room, messages, skipped, false, oldestRead);
    }

    Room room(AccountGateway gateway, String roomName, AccountGateway.ChatInfo chat, Instant now,
                      String seenThrough) throws TdException, InterruptedException {
        Long members = null;
        String description = null;
        String raw = chat.raw();
        if (chat.supergroupId() != 0) {
            TdSession.Answer info = gateway.fullInfo(chat.supergroupId());
            members = info.body().path("member_count").asLong();
            description = info.body().path("description").asText(null);
            raw = raw + "\n" + info.raw();
        }
        // hasPreview: false, "not seen through a web preview". An account cannot tell whether t.me shows one, and the
        // rooms read through accounts are, nearly always, the ones t.me hides.
        return new Room("telegram", roomName, chat.title(), description, chat.kind(), members, null, null, null, null, null,
                false, InviteStatus.NOT_AN_INVITE, now, seenThrough, Sha256.hex(raw));
    }

    /** Photos and videos into memory, hashed, gone: the file is deleted from TDLib's cache right after reading. */
    Message hashPhotos(AccountGateway gateway, Message m) throws TdException, InterruptedException {
        PhotoHashing<TdException> hashing = new PhotoHashing<>(new AccountPhotos(gateway), hasher, videoHasher);
        OcrPool pool = ocr;
        return (pool == null ? hashing : hashing.withText(pool, ocrWait)).hash(m);
    }

    /** Reads the text in the photos too, while they are in memory ({@link PhotoHashing#withText}). */
    public void readTextWith(OcrPool pool, Duration wait) {
        this.ocrWait = wait;
        this.ocr = pool;
    }

    /** An account's photos and videos: TDLib downloads them into its (memory) files directory, read and deleted at once. */
    private record AccountPhotos(AccountGateway gateway) implements PhotoHashing.PhotoFetcher<TdException> {
        @Override
        public boolean fetches(MediaRef ref) {
            return (ref.kind() == MediaKind.PHOTO || ref.kind() == MediaKind.VIDEO) && TdMessages.fileId(ref.url()) >= 0;
        }

        @Override
        public byte[] fetch(MediaRef ref, long maxBytes) throws PhotoHashing.PhotoUnavailableException, TdException,
                InterruptedException {
            try {
                return gateway.media(TdMessages.fileId(ref.url()), maxBytes,
                        ref.kind() == MediaKind.VIDEO ? "media.maxVideoBytes" : "media.maxImageBytes");
            } catch (IOException e) {
                throw new PhotoHashing.PhotoUnavailableException(e.getMessage());
            } catch (TdException e) {
                if (e.kind() == TdException.Kind.REJECTED || e.kind() == TdException.Kind.OTHER) {
                    throw new PhotoHashing.PhotoUnavailableException("download failed: " + e.tdMessage());
                }
                throw e; // the account itself has a problem: fail the crawl, keep the cursor
            }
        }
    }
}
