package org.roomwatch.simulator.tdlib;

import static org.roomwatch.simulator.tdlib.FakeTdlib.error;
import static org.roomwatch.simulator.tdlib.FakeTdlib.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake TDLib's world of chats, invite links and users, and its answers to the functions that read it for a
 * logged-in account: finding and reading chats and supergroups, invite links, joining and leaving, history paging
 * (TDLib returns fewer messages than asked, the first page only one), single messages and users.
 */
final class FakeChatDirectory {
    /** The functions answered here. */
    static final Set<String> FUNCTIONS = Set.of("searchPublicChat", "getChat", "getSupergroupFullInfo", "checkChatInviteLink",
            "joinChatByInviteLink", "leaveChat", "getChatHistory", "getMessage", "getUser");
    private static final ObjectMapper JSON = FakeTdlib.json();

    private record Invite(String link, long chatId, boolean joinRequest, boolean expired) {}

    /** TDLib's answer to an invite it will not open (unknown or expired), or null for one it will. */
    private static ObjectNode refusal(Invite invite) {
        if (invite == null) {
            return error(400, "INVITE_HASH_INVALID");
        }
        return invite.expired ? error(400, "INVITE_HASH_EXPIRED") : null;
    }

    private final Map<Long, FakeChat> chats = new ConcurrentHashMap<>();
    private final Map<String, Invite> invites = new ConcurrentHashMap<>();
    private final Map<Long, String[]> users = new ConcurrentHashMap<>();
    private volatile int historyPageCap = 100;

    void addUser(long userId, String firstName, String lastName, String username) {
        users.put(userId, new String[] {firstName, lastName, username});
    }

    void addChat(FakeChat chat) {
        chats.put(chat.id, chat);
    }

    FakeChat chat(long id) {
        return chats.get(id);
    }

    void addInvite(String link, long chatId, boolean joinRequest) {
        invites.put(link, new Invite(link, chatId, joinRequest, false));
    }

    void expireInvite(String link) {
        invites.computeIfPresent(link, (k, v) -> new Invite(v.link, v.chatId, v.joinRequest, true));
    }

    void historyPageCap(int cap) {
        this.historyPageCap = cap;
    }

    /** The answer to one of {@link #FUNCTIONS} for the account with user id {@code me}. */
    ObjectNode answer(long me, String type, JsonNode req) {
        switch (type) {
            case "searchPublicChat": {
                String name = req.path("username").asText();
                return chats.values().stream().filter(ch -> name.equalsIgnoreCase(ch.username)).findFirst()
                        .map(FakeChat::json).orElseGet(() -> error(400, "USERNAME_NOT_OCCUPIED"));
            }
            case "getChat": {
                FakeChat chat = chats.get(req.path("chat_id").asLong());
                return chat == null ? error(400, "Chat not found") : chat.json();
            }
            case "getSupergroupFullInfo": {
                FakeChat chat = chats.values().stream().filter(ch -> ch.supergroupId() == req.path("supergroup_id").asLong())
                        .findFirst().orElse(null);
                return chat == null ? error(400, "Supergroup not found") : chat.fullInfo();
            }
            case "checkChatInviteLink": {
                Invite invite = invites.get(req.path("invite_link").asText());
                ObjectNode refused = refusal(invite);
                if (refused != null) {
                    return refused;
                }
                FakeChat chat = chats.get(invite.chatId);
                return JSON.createObjectNode().put("@type", "chatInviteLinkInfo")
                        .put("chat_id", chat.isMember(me) ? chat.id : 0)
                        .put("accessible_for", 0)
                        .<ObjectNode>set("type", JSON.createObjectNode().put("@type",
                                chat.channel ? "inviteLinkChatTypeChannel" : "inviteLinkChatTypeSupergroup"))
                        .put("title", chat.title()).put("description", chat.description)
                        .put("member_count", chat.memberCount())
                        .put("creates_join_request", invite.joinRequest).put("is_public", chat.username != null);
            }
            case "joinChatByInviteLink": {
                Invite invite = invites.get(req.path("invite_link").asText());
                ObjectNode refused = refusal(invite);
                if (refused != null) {
                    return refused;
                }
                FakeChat chat = chats.get(invite.chatId);
                if (chat.isBanned(me)) {
                    return error(400, "USER_BANNED_IN_CHANNEL");
                }
                if (invite.joinRequest) {
                    chat.requested(me);
                    return JSON.createObjectNode().put("@type", "chatJoinResultRequestSent");
                }
                chat.join(me);
                return JSON.createObjectNode().put("@type", "chatJoinResultSuccess").put("chat_id", chat.id);
            }
            case "leaveChat": {
                FakeChat chat = chats.get(req.path("chat_id").asLong());
                if (chat == null) {
                    return error(400, "Chat not found");
                }
                chat.leave(me);
                return ok();
            }
            case "getChatHistory":
                return history(me, req);
            case "getMessage": {
                FakeChat chat = chats.get(req.path("chat_id").asLong());
                if (chat == null || !chat.canRead(me)) {
                    return error(400, "CHANNEL_PRIVATE");
                }
                ObjectNode m = chat.message(req.path("message_id").asLong());
                return m == null ? error(404, "Not Found") : m;
            }
            case "getUser": {
                String[] u = users.get(req.path("user_id").asLong());
                if (u == null) {
                    return error(404, "User not found");
                }
                ObjectNode usernames = JSON.createObjectNode().put("@type", "usernames").put("editable_username", "");
                ArrayNode active = usernames.putArray("active_usernames");
                if (u[2] != null) {
                    active.add(u[2]);
                }
                return JSON.createObjectNode().put("@type", "user").put("id", req.path("user_id").asLong())
                        .put("first_name", u[0]).put("last_name", u[1]).set("usernames", usernames);
            }
            default:
                throw new IllegalArgumentException("not a chat function: " + type);
        }
    }

    private ObjectNode history(long me, JsonNode req) {
        FakeChat chat = chats.get(req.path("chat_id").asLong());
        if (chat == null) {
            return error(400, "Chat not found");
        }
        if (!chat.canRead(me)) {
            return error(400, "CHANNEL_PRIVATE");
        }
        int limit = req.path("limit").asInt();
        if (limit <= 0 || limit > 100) {
            return error(400, "Parameter limit must be positive and not greater than 100");
        }
        long from = req.path("from_message_id").asLong();
        // Like TDLib with nothing cached: the first page from the newest message holds only that message.
        int count = from == 0 ? 1 : Math.min(limit, historyPageCap);
        ObjectNode messages = JSON.createObjectNode().put("@type", "messages").put("total_count", chat.size());
        ArrayNode list = messages.putArray("messages");
        for (ObjectNode m : chat.page(from, count)) {
            list.add(m);
        }
        return messages;
    }
}
