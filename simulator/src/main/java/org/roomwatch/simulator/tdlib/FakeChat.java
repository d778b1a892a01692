package org.roomwatch.simulator.tdlib;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A supergroup or channel in the fake TDLib, with its messages as TDLib's JSON objects. Message ids are TDLib's:
 * the server's message number shifted left by 20 bits (what t.me links show is {@code id >> 20}).
 */
public final class FakeChat {
    /**
     * A message to post: text (or a photo's or video's caption), an optional photo, forward origin, reply and views;
     * optionally a video instead of the photo, sent as the given TDLib content type ({@code messageVideo},
     * {@code messageAnimation}, {@code messageVideoNote} or {@code messageDocument} with a video MIME type).
     */
    public record Post(long senderUserId, String text, byte[] photo, String forwardedFromChannel, Long replyToServerId,
                       int views, Instant date, byte[] video, String videoContent) {
        public Post(long senderUserId, String text, byte[] photo, String forwardedFromChannel, Long replyToServerId, int views,
                    Instant date) {
            this(senderUserId, text, photo, forwardedFromChannel, replyToServerId, views, date, null, null);
        }

        public static Post video(long sender, String caption, byte[] video, String contentType, Instant date) {
            return new Post(sender, caption, null, null, null, 0, date, video, contentType);
        }

        public static Post text(long sender, String text, Instant date) {
            return new Post(sender, text, null, null, null, 0, date);
        }

        public static Post photo(long sender, String caption, byte[] photo, Instant date) {
            return new Post(sender, caption, photo, null, null, 0, date);
        }
    }

    public static final int ID_SHIFT = 20;

    private final FakeTdlib td;
    final long id;
    final String username;
    private volatile String title;
    final boolean channel;
    private final int extraMembers;
    final String description;
    private final Set<Long> members = ConcurrentHashMap.newKeySet();
    private final Set<Long> banned = ConcurrentHashMap.newKeySet();
    private final Set<Long> requested = ConcurrentHashMap.newKeySet();
    private final NavigableMap<Long, ObjectNode> messages = new ConcurrentSkipListMap<>();
    private long nextServerId = 1;

    FakeChat(FakeTdlib td, long id, String username, String title, boolean channel, int members) {
        this.td = td;
        this.id = id;
        this.username = username;
        this.title = title;
        this.channel = channel;
        this.extraMembers = members;
        this.description = "합성 테스트 방 " + Math.abs(id % 1000);
    }

    public long id() {
        return id;
    }

    public String title() {
        return title;
    }

    long supergroupId() {
        return Math.abs(id) % 1_000_000_000_000L;
    }

    int memberCount() {
        return extraMembers + members.size();
    }

    int size() {
        return messages.size();
    }

    public boolean isMember(long userId) {
        return members.contains(userId);
    }

    boolean isBanned(long userId) {
        return banned.contains(userId);
    }

    boolean canRead(long userId) {
        return !banned.contains(userId) && (username != null || members.contains(userId));
    }

    public void join(long userId) {
        members.add(userId);
        requested.remove(userId);
    }

    void requested(long userId) {
        requested.add(userId);
    }

    public boolean hasJoinRequestFrom(long userId) {
        return requested.contains(userId);
    }

    void leave(long userId) {
        members.remove(userId);
    }

    /** The room removes and bans the account: reading fails from now on. */
    public void kick(long userId) {
        members.remove(userId);
        banned.add(userId);
    }

    public void retitle(String newTitle) {
        this.title = newTitle;
        td.broadcast(this, FakeTdlib.json().createObjectNode().put("@type", "updateChatTitle").put("chat_id", id)
                .put("title", newTitle));
    }

    /** Posts a message (members that are logged in get updateNewMessage); returns its server id (as on t.me). */
    public synchronized long post(Post post) {
        long serverId = nextServerId++;
        ObjectNode message = message(serverId, post);
        messages.put(serverId, message);
        td.broadcast(this, (ObjectNode) FakeTdlib.json().createObjectNode().put("@type", "updateNewMessage")
                .set("message", message.deepCopy()));
        return serverId;
    }

    /** Posts many messages without updates (a room's history before anyone watched it). */
    public synchronized void backfill(List<Post> posts) {
        for (Post post : posts) {
            long serverId = nextServerId++;
            messages.put(serverId, message(serverId, post));
        }
    }

    /** Edits a text message: TDLib sends updateMessageContent and updateMessageEdited. */
    public synchronized void edit(long serverId, String newText, Instant at) {
        ObjectNode message = messages.get(serverId);
        ObjectNode content = textContent(newText);
        message.set("content", content);
        message.put("edit_date", at.getEpochSecond());
        long tdId = serverId << ID_SHIFT;
        td.broadcast(this, (ObjectNode) FakeTdlib.json().createObjectNode().put("@type", "updateMessageContent")
                .put("chat_id", id).put("message_id", tdId).set("new_content", content.deepCopy()));
        td.broadcast(this, FakeTdlib.json().createObjectNode().put("@type", "updateMessageEdited").put("chat_id", id)
                .put("message_id", tdId).put("edit_date", at.getEpochSecond()));
    }

    /** Deletes messages for everyone: updateDeleteMessages with is_permanent. */
    public synchronized void delete(long... serverIds) {
        ObjectNode update = FakeTdlib.json().createObjectNode().put("@type", "updateDeleteMessages").put("chat_id", id)
                .put("is_permanent", true).put("from_cache", false);
        ArrayNode ids = update.putArray("message_ids");
        for (long s : serverIds) {
            messages.remove(s);
            ids.add(s << ID_SHIFT);
        }
        td.broadcast(this, update);
    }

    ObjectNode message(long tdMessageId) {
        ObjectNode m = messages.get(tdMessageId >> ID_SHIFT);
        return m == null || tdMessageId % (1L << ID_SHIFT) != 0 ? null : m.deepCopy();
    }

    /** Messages with ids up to {@code fromTdId} (everything when 0), newest first, at most {@code count}. */
    synchronized List<ObjectNode> page(long fromTdId, int count) {
        NavigableMap<Long, ObjectNode> older = fromTdId == 0 ? messages.descendingMap()
                : messages.headMap(fromTdId >> ID_SHIFT, true).descendingMap();
        List<ObjectNode> out = new ArrayList<>(count);
        for (Map.Entry<Long, ObjectNode> e : older.entrySet()) {
            if (out.size() == count) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }

    ObjectNode json() {
        ObjectNode chat = FakeTdlib.json().createObjectNode().put("@type", "chat").put("id", id).put("title", title);
        chat.set("type", FakeTdlib.json().createObjectNode().put("@type", "chatTypeSupergroup")
                .put("supergroup_id", supergroupId()).put("is_channel", channel));
        return chat;
    }

    ObjectNode fullInfo() {
        return FakeTdlib.json().createObjectNode().put("@type", "supergroupFullInfo").put("description", description)
                .put("member_count", memberCount()).put("administrator_count", 1);
    }

    private ObjectNode message(long serverId, Post post) {
        ObjectNode m = FakeTdlib.json().createObjectNode().put("@type", "message").put("id", serverId << ID_SHIFT);
        m.set("sender_id", channel
                ? FakeTdlib.json().createObjectNode().put("@type", "messageSenderChat").put("chat_id", id)
                : FakeTdlib.json().createObjectNode().put("@type", "messageSenderUser").put("user_id", post.senderUserId()));
        m.put("chat_id", id).put("is_outgoing", false).put("is_channel_post", channel)
                .put("date", post.date().getEpochSecond()).put("edit_date", 0);
        if (post.forwardedFromChannel() != null) {
            ObjectNode origin = FakeTdlib.json().createObjectNode().put("@type", "messageOriginHiddenUser")
                    .put("sender_name", post.forwardedFromChannel());
            m.set("forward_info", FakeTdlib.json().createObjectNode().put("@type", "messageForwardInfo")
                    .put("date", post.date().getEpochSecond() - 3600).set("origin", origin));
        }
        if (post.replyToServerId() != null) {
            m.set("reply_to", FakeTdlib.json().createObjectNode().put("@type", "messageReplyToMessage").put("chat_id", id)
                    .put("message_id", post.replyToServerId() << ID_SHIFT));
        }
        m.set("interaction_info", FakeTdlib.json().createObjectNode().put("@type", "messageInteractionInfo")
                .put("view_count", post.views()).put("forward_count", 0));
        if (post.photo() != null) {
            int fileId = td.registerPhoto(post.photo());
            ObjectNode size = FakeTdlib.json().createObjectNode().put("@type", "photoSize").put("type", "x")
                    .put("width", 640).put("height", 480);
            size.set("photo", file(fileId, post.photo().length));
            ObjectNode photo = FakeTdlib.json().createObjectNode().put("@type", "photo").put("has_stickers", false);
            photo.putArray("sizes").add(size);
            ObjectNode content = FakeTdlib.json().createObjectNode().put("@type", "messagePhoto");
            content.set("photo", photo);
            content.set("caption", formatted(post.text() == null ? "" : post.text()));
            m.set("content", content);
        } else if (post.video() != null) {
            m.set("content", videoContent(td.registerPhoto(post.video()), post));
        } else {
            m.set("content", textContent(post.text()));
        }
        return m;
    }

    /** A video as TDLib describes each kind of it: the file sits under a different field in each. */
    private static ObjectNode videoContent(int fileId, Post post) {
        ObjectNode content = FakeTdlib.json().createObjectNode().put("@type", post.videoContent());
        ObjectNode file = file(fileId, post.video().length);
        switch (post.videoContent()) {
            case "messageVideo" -> content.set("video", FakeTdlib.json().createObjectNode().put("@type", "video").put("duration", 3)
                    .put("width", 320).put("height", 180).put("mime_type", "video/mp4").set("video", file));
            case "messageAnimation" -> content.set("animation", FakeTdlib.json().createObjectNode().put("@type", "animation")
                    .put("duration", 3).put("mime_type", "video/mp4").set("animation", file));
            case "messageVideoNote" -> content.set("video_note", FakeTdlib.json().createObjectNode().put("@type", "videoNote")
                    .put("duration", 3).put("length", 240).set("video", file));
            case "messageDocument" -> content.set("document", FakeTdlib.json().createObjectNode().put("@type", "document")
                    .put("file_name", "clip.mp4").put("mime_type", "video/mp4").set("document", file));
            default -> throw new IllegalArgumentException("not a video content type: " + post.videoContent());
        }
        if (!post.videoContent().equals("messageVideoNote")) {
            content.set("caption", formatted(post.text() == null ? "" : post.text()));
        }
        return content;
    }

    static ObjectNode file(int fileId, long size) {
        ObjectNode file = FakeTdlib.json().createObjectNode().put("@type", "file").put("id", fileId).put("size", size)
                .put("expected_size", size);
        file.set("local", FakeTdlib.json().createObjectNode().put("@type", "localFile").put("path", "")
                .put("can_be_downloaded", true).put("can_be_deleted", false).put("is_downloading_active", false)
                .put("is_downloading_completed", false).put("downloaded_size", 0));
        file.set("remote", FakeTdlib.json().createObjectNode().put("@type", "remoteFile").put("id", "AgAC-fake-" + fileId)
                .put("unique_id", "AQAD-fake-" + fileId).put("is_uploading_completed", true));
        return file;
    }

    private static ObjectNode textContent(String text) {
        ObjectNode content = FakeTdlib.json().createObjectNode().put("@type", "messageText");
        content.set("text", formatted(text));
        return content;
    }

    private static ObjectNode formatted(String text) {
        ObjectNode f = FakeTdlib.json().createObjectNode().put("@type", "formattedText").put("text", text);
        f.putArray("entities");
        return f;
    }
}
