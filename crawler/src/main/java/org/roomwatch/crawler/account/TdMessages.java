package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.text.Sha256;

/**
 * TDLib {@code message} objects as the same domain records the public pages give: the message number as t.me shows
 * it (TDLib's id shifted right by 20 bits), sender id and display name, forward origin, reply, views, media (a
 * photo's largest size, by TDLib file id, hashed later), links from the text's entities, and the SHA-256 of the
 * message object's JSON as TDLib sent it.
 */
public final class TdMessages {
    /** TDLib message ids are the server's message number shifted left by this many bits. */
    public static final int ID_SHIFT = 20;
    /** MediaRef addresses of TDLib photos: {@code tdlib-file:FILE_ID:UNIQUE_ID} (the file id is per session). */
    public static final String FILE_PREFIX = "tdlib-file:";

    private static final Set<String> CAPTIONED = Set.of("messagePhoto", "messageVideo", "messageDocument",
            "messageAnimation", "messageAudio", "messageVoiceNote");

    private TdMessages() {}

    /** Where a message was read: the room's name in roomwatch, its public username (null if private), its chat id. */
    public record Origin(String room, String username, long chatId, String seenThrough) {}

    public static long serverId(long tdMessageId) {
        return tdMessageId >> ID_SHIFT;
    }

    public static long tdId(long serverId) {
        return serverId << ID_SHIFT;
    }

    /**
     * The record for one message. {@code names} gives a user's display name (cached lookups); {@code raw} is the
     * message object's JSON as received.
     */
    public static Message toMessage(JsonNode m, String raw, Origin origin, Instant capturedAt, LongFunction<String> names) {
        long serverId = serverId(m.path("id").asLong());
        JsonNode content = m.path("content");
        String contentType = content.path("@type").asText();
        JsonNode formatted = contentType.equals("messageText") ? content.path("text")
                : CAPTIONED.contains(contentType) ? content.path("caption") : null;
        String text = formatted == null ? null : formatted.path("text").asText("");
        List<String> links = formatted == null ? List.of() : links(formatted);

        JsonNode sender = m.path("sender_id");
        String senderId;
        String author;
        if (sender.path("@type").asText().equals("messageSenderUser")) {
            long userId = sender.path("user_id").asLong();
            senderId = "user:" + userId;
            author = names.apply(userId);
        } else {
            senderId = "chat:" + sender.path("chat_id").asLong();
            author = m.path("author_signature").asText("").isEmpty() ? null : m.path("author_signature").asText();
        }
        String permalink = origin.username() != null ? "https://t.me/" + origin.username() + "/" + serverId
                : "https://t.me/c/" + privateLinkId(origin.chatId()) + "/" + serverId;
        Long replyTo = m.path("reply_to").path("@type").asText().equals("messageReplyToMessage")
                ? serverId(m.path("reply_to").path("message_id").asLong()) : null;
        Long views = m.path("interaction_info").has("view_count") ? m.path("interaction_info").path("view_count").asLong() : null;
        boolean edited = m.path("edit_date").asLong() > 0;
        boolean service = !contentType.equals("messageText") && !CAPTIONED.contains(contentType)
                && !contentType.equals("messageSticker") && !contentType.equals("messageUnsupported");
        return new Message("telegram", origin.room(), serverId, permalink,
                Instant.ofEpochSecond(m.path("date").asLong()), author, senderId, text, links,
                forwardOrigin(m.path("forward_info").path("origin"), names), replyTo, views, edited, service,
                media(content), capturedAt, origin.seenThrough(), Sha256.hex(raw));
    }

    /** t.me/c/ links use the supergroup's id without the -100 prefix. */
    static long privateLinkId(long chatId) {
        long positive = -chatId;
        return positive > 1_000_000_000_000L ? positive - 1_000_000_000_000L : Math.abs(chatId);
    }

    private static String forwardOrigin(JsonNode origin, LongFunction<String> names) {
        return switch (origin.path("@type").asText()) {
            case "messageOriginUser" -> names.apply(origin.path("sender_user_id").asLong());
            case "messageOriginHiddenUser" -> origin.path("sender_name").asText();
            case "messageOriginChat" -> "chat:" + origin.path("sender_chat_id").asLong();
            case "messageOriginChannel" -> "chat:" + origin.path("chat_id").asLong() + "/"
                    + serverId(origin.path("message_id").asLong());
            default -> null;
        };
    }

    private static List<MediaRef> media(JsonNode content) {
        List<MediaRef> media = new ArrayList<>(1);
        switch (content.path("@type").asText()) {
            case "messagePhoto" -> {
                JsonNode largest = null;
                for (JsonNode size : content.path("photo").path("sizes")) {
                    if (largest == null || size.path("width").asLong() * size.path("height").asLong()
                            > largest.path("width").asLong() * largest.path("height").asLong()) {
                        largest = size;
                    }
                }
                if (largest != null) {
                    JsonNode file = largest.path("photo");
                    media.add(new MediaRef(MediaKind.PHOTO, FILE_PREFIX + file.path("id").asInt() + ":"
                            + file.path("remote").path("unique_id").asText()));
                }
            }
            case "messageVideo" -> media.add(video(content.path("video").path("video")));
            case "messageAnimation" -> media.add(video(content.path("animation").path("animation")));
            case "messageVideoNote" -> media.add(video(content.path("video_note").path("video")));
            case "messageDocument" -> {
                // A video sent as a file is a video all the same: the rooms send fakes both ways.
                JsonNode document = content.path("document");
                media.add(document.path("mime_type").asText("").startsWith("video/")
                        ? video(document.path("document")) : new MediaRef(MediaKind.DOCUMENT, null));
            }
            case "messageAudio", "messageVoiceNote" -> media.add(new MediaRef(MediaKind.AUDIO, null));
            case "messageSticker" -> media.add(new MediaRef(MediaKind.STICKER, null));
            default -> { }
        }
        return media;
    }

    /** A video's reference: its TDLib file as a {@link #FILE_PREFIX} address, or none when the message names no file. */
    private static MediaRef video(JsonNode file) {
        return new MediaRef(MediaKind.VIDEO, file.has("id")
                ? FILE_PREFIX + file.path("id").asInt() + ":" + file.path("remote").path("unique_id").asText() : null);
    }

    /** The file id in a {@link #FILE_PREFIX} address, or -1. */
    public static int fileId(String url) {
        if (url == null || !url.startsWith(FILE_PREFIX)) {
            return -1;
        }
        String rest = url.substring(FILE_PREFIX.length());
        int colon = rest.indexOf(':');
        try {
            return Integer.parseInt(colon < 0 ? rest : rest.substring(0, colon));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** URLs in the text: written out (textEntityTypeUrl, offsets in UTF-16 units like Java's) or behind a word. */
    private static List<String> links(JsonNode formatted) {
        String text = formatted.path("text").asText("");
        Set<String> links = new LinkedHashSet<>();
        for (JsonNode entity : formatted.path("entities")) {
            String type = entity.path("type").path("@type").asText();
            if (type.equals("textEntityTypeTextUrl")) {
                links.add(entity.path("type").path("url").asText());
            } else if (type.equals("textEntityTypeUrl")) {
                int from = entity.path("offset").asInt();
                int to = from + entity.path("length").asInt();
                if (from >= 0 && to <= text.length() && from < to) {
                    links.add(text.substring(from, to));
                }
            }
        }
        return List.copyOf(links);
    }
}
