package org.roomwatch.simulator.tdlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.text.Sha256;

/**
 * A stand-in for TDLib that speaks its JSON (the names of td_api.tl, TDLib 1.8.67), so the real session, login and
 * room code runs against it: the authorization states, chats and supergroups, invite links, history paging (TDLib
 * returns fewer messages than asked, the first page only one), new messages, edits and deletions as updates, file
 * downloads into the client's files directory, and scripted faults (429s, bans, revoked sessions, kicks).
 * A login persists in the client's database directory, as TDLib's does, keyed by the database encryption key.
 * Everything in it is synthetic; photos are whatever bytes a test hands it (generated images).
 */
public final class FakeTdlib implements TdJson {
    public static final String VERSION = "1.8.67";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Telegram account the fake knows: its login code and optional 2FA password. */
    private static final class Account {
        final String phone;
        final long userId;
        volatile String code;
        final String password;
        volatile boolean banned;
        volatile boolean codeExpired;

        Account(String phone, long userId, String code, String password) {
            this.phone = phone;
            this.userId = userId;
            this.code = code;
            this.password = password;
        }
    }

    /** One client's state, as TDLib keeps it per td_create_client_id. */
    private final class Client {
        final int id;
        String state = "";
        Path database;
        Path files;
        String keyDigest;
        Account account;
        String pendingPhone;
        boolean started;

        Client(int id) {
            this.id = id;
        }
    }

    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final Map<Integer, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger nextClient = new AtomicInteger(1);
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, FakeChat> chats = new ConcurrentHashMap<>();
    private final Map<String, Invite> invites = new ConcurrentHashMap<>();
    private final Map<Long, String[]> users = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> fileBytes = new ConcurrentHashMap<>();
    private final AtomicInteger nextFile = new AtomicInteger(1);
    private final Map<String, Deque<ObjectNode>> scriptedErrors = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int historyPageCap = 100;
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();

    private record Invite(String link, long chatId, boolean joinRequest, boolean expired) {}

    // ---- the world --------------------------------------------------------------------------------------------

    /** An account that can log in with {@code code} and, when not null, the 2FA {@code password}. */
    public void addAccount(String phone, long userId, String code, String password) {
        accounts.put(phone, new Account(phone, userId, code, password));
        addUser(userId, "조사", "계정" + userId % 100, null);
    }

    public void addUser(long userId, String firstName, String lastName, String username) {
        users.put(userId, new String[] {firstName, lastName, username});
    }

    /** A supergroup (or channel) with a username (null for private) and members. */
    public FakeChat addChat(long chatId, String username, String title, boolean channel, int members) {
        FakeChat chat = new FakeChat(this, chatId, username, title, channel, members);
        chats.put(chatId, chat);
        return chat;
    }

    public void addInvite(String link, long chatId, boolean joinRequest) {
        invites.put(link, new Invite(link, chatId, joinRequest, false));
    }

    public void expireInvite(String link) {
        invites.computeIfPresent(link, (k, v) -> new Invite(v.link, v.chatId, v.joinRequest, true));
    }

    /** The next {@code function} request of the account with {@code phone} fails with this TDLib error. */
    public synchronized void failNext(String phone, String function, int code, String message) {
        scriptedErrors.computeIfAbsent(phone + "/" + function, k -> new ArrayDeque<>())
                .add(JSON.createObjectNode().put("@type", "error").put("code", code).put("message", message));
    }

    /** The account's login code expires: the next check answers PHONE_CODE_EXPIRED. */
    public void expireCode(String phone, String newCode) {
        Account a = accounts.get(phone);
        a.codeExpired = true;
        a.code = newCode;
    }

    /** Telegram bans the number: its sessions are closed and every request fails. */
    public void ban(String phone) {
        accounts.get(phone).banned = true;
        for (Client c : clients.values()) {
            if (c.account != null && c.account.phone.equals(phone)) {
                setState(c, "authorizationStateClosed");
            }
        }
    }

    /** The session is revoked from another device: the client logs out. */
    public void revoke(String phone) {
        for (Client c : clients.values()) {
            if (c.account != null && c.account.phone.equals(phone)) {
                forget(c);
                setState(c, "authorizationStateLoggingOut");
                setState(c, "authorizationStateClosed");
            }
        }
    }

    /** Requests of this type are never answered (a TDLib that hangs on them). */
    public void silence(String function) {
        silenced.add(function);
    }

    /** At most this many messages per getChatHistory answer (TDLib chooses; often fewer than asked). */
    public void historyPageCap(int cap) {
        this.historyPageCap = cap;
    }

    public int requestsServed() {
        return requests.get();
    }

    FakeChat chat(long id) {
        return chats.get(id);
    }

    int registerPhoto(byte[] bytes) {
        int id = nextFile.getAndIncrement();
        fileBytes.put(id, bytes.clone());
        return id;
    }

    /** A chat changed: members that are logged in get the update, as TDLib pushes it. */
    void broadcast(FakeChat chat, ObjectNode update) {
        for (Client c : clients.values()) {
            if (c.state.equals("authorizationStateReady") && chat.isMember(c.account.userId)) {
                emit(c, update.deepCopy());
            }
        }
    }

    // ---- TdJson -----------------------------------------------------------------------------------------------

    @Override
    public int createClientId() {
        int id = nextClient.getAndIncrement();
        clients.put(id, new Client(id));
        return id;
    }

    @Override
    public synchronized void send(int clientId, String request) {
        requests.incrementAndGet();
        Client client = clients.get(clientId);
        JsonNode req;
        try {
            req = JSON.readTree(request);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        JsonNode extra = req.get("@extra");
        ObjectNode answer;
        if (client == null) {
            answer = error(400, "Invalid client identifier");
        } else {
            if (!client.started) {
                client.started = true;
                emit(client, JSON.createObjectNode().put("@type", "updateOption").put("name", "version")
                        .set("value", JSON.createObjectNode().put("@type", "optionValueString").put("value", VERSION)));
                setState(client, "authorizationStateWaitTdlibParameters");
            }
            if (silenced.contains(req.path("@type").asText())) {
                return;
            }
            answer = answer(client, req);
        }
        if (extra != null) {
            answer.set("@extra", extra);
        }
        answer.put("@client_id", clientId);
        out.add(answer.toString());
    }

    @Override
    public String receive(double timeoutSeconds) {
        try {
            return out.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public String execute(String request) {
        try {
            JsonNode req = JSON.readTree(request);
            if (req.path("@type").asText().equals("getOption") && req.path("name").asText().equals("version")) {
                return JSON.createObjectNode().put("@type", "optionValueString").put("value", VERSION).toString();
            }
            if (req.path("@type").asText().equals("setLogVerbosityLevel")) {
                return JSON.createObjectNode().put("@type", "ok").toString();
            }
            return error(400, "The method can't be executed synchronously").toString();
        } catch (IOException e) {
            return error(400, "not JSON").toString();
        }
    }

    // ---- answers ----------------------------------------------------------------------------------------------

    /** The functions the fake answers; any other is unknown to it, as an unknown name is to TDLib. */
    private static final Set<String> FUNCTIONS = Set.of("getOption", "close", "setTdlibParameters", "setAuthenticationPhoneNumber",
            "checkAuthenticationCode", "checkAuthenticationPassword", "searchPublicChat", "getChat", "getSupergroupFullInfo",
            "checkChatInviteLink", "joinChatByInviteLink", "leaveChat", "getChatHistory", "getMessage", "getUser",
            "downloadFile", "deleteFile");

    private ObjectNode answer(Client c, JsonNode req) {
        String type = req.path("@type").asText();
        if (!FUNCTIONS.contains(type)) {
            return error(400, "Unknown class \"" + type + "\"");
        }
        if (c.account != null) {
            ObjectNode scripted = scripted(c.account.phone, type);
            if (scripted != null) {
                return scripted;
            }
            if (c.account.banned) {
                return error(401, "USER_DEACTIVATED_BAN");
            }
        }
        switch (type) {
            case "getOption":
                return JSON.createObjectNode().put("@type", "optionValueString").put("value", VERSION);
            case "close":
                setState(c, "authorizationStateClosing");
                setState(c, "authorizationStateClosed");
                return ok();
            case "setTdlibParameters":
                return setParameters(c, req);
            case "setAuthenticationPhoneNumber":
                return phone(c, req.path("phone_number").asText());
            case "checkAuthenticationCode":
                return code(c, req.path("code").asText());
            case "checkAuthenticationPassword":
                return password(c, req.path("password").asText());
            default:
                break;
        }
        if (!c.state.equals("authorizationStateReady")) {
            return error(401, "Unauthorized");
        }
        long me = c.account.userId;
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
                if (invite == null) {
                    return error(400, "INVITE_HASH_INVALID");
                }
                if (invite.expired) {
                    return error(400, "INVITE_HASH_EXPIRED");
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
                if (invite == null) {
                    return error(400, "INVITE_HASH_INVALID");
                }
                if (invite.expired) {
                    return error(400, "INVITE_HASH_EXPIRED");
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
            case "downloadFile":
                return download(c, req.path("file_id").asInt());
            case "deleteFile": {
                Path file = localPath(c, req.path("file_id").asInt());
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return ok();
            }
            default:
                return error(400, "Unknown method \"" + type + "\"");
        }
    }

    private ObjectNode setParameters(Client c, JsonNode req) {
        if (!c.state.equals("authorizationStateWaitTdlibParameters")) {
            return error(400, "Unexpected setTdlibParameters");
        }
        if (req.path("api_id").asInt() <= 0 || req.path("api_hash").asText().isEmpty()) {
            return error(400, "Valid api_id must be provided. Can be obtained at https://my.telegram.org");
        }
        c.database = Path.of(req.path("database_directory").asText());
        c.files = Path.of(req.path("files_directory").asText());
        c.keyDigest = Sha256.hex(req.path("database_encryption_key").asText());
        try {
            Files.createDirectories(c.database);
            Files.createDirectories(c.files);
            Path session = c.database.resolve("fake-td.session");
            if (Files.exists(session)) {
                List<String> lines = Files.readAllLines(session, StandardCharsets.UTF_8);
                if (!lines.get(0).equals(c.keyDigest)) {
                    return error(401, "Wrong database encryption key");
                }
                Account a = accounts.get(lines.get(1));
                if (a != null && !a.banned) {
                    c.account = a;
                    setState(c, "authorizationStateReady");
                    return ok();
                }
                Files.delete(session);
            }
        } catch (IOException e) {
            return error(400, "Can't open database: " + e.getMessage());
        }
        setState(c, "authorizationStateWaitPhoneNumber");
        return ok();
    }

    private ObjectNode phone(Client c, String phone) {
        if (!c.state.equals("authorizationStateWaitPhoneNumber")) {
            return error(400, "Unexpected setAuthenticationPhoneNumber");
        }
        Account a = accounts.get(phone);
        if (a == null) {
            return error(400, "PHONE_NUMBER_INVALID");
        }
        ObjectNode scripted = scripted(phone, "setAuthenticationPhoneNumber");
        if (scripted != null) {
            return scripted;
        }
        if (a.banned) {
            return error(400, "PHONE_NUMBER_BANNED");
        }
        c.pendingPhone = phone;
        ObjectNode info = JSON.createObjectNode().put("@type", "authenticationCodeInfo").put("phone_number", phone)
                .put("timeout", 120);
        info.set("type", JSON.createObjectNode().put("@type", "authenticationCodeTypeTelegramMessage").put("length", 5));
        setState(c, (ObjectNode) JSON.createObjectNode().put("@type", "authorizationStateWaitCode").set("code_info", info));
        return ok();
    }

    private ObjectNode code(Client c, String code) {
        if (!c.state.equals("authorizationStateWaitCode")) {
            return error(400, "Unexpected checkAuthenticationCode");
        }
        Account a = accounts.get(c.pendingPhone);
        if (a.codeExpired) {
            a.codeExpired = false;
            setState(c, "authorizationStateWaitPhoneNumber");
            return error(400, "PHONE_CODE_EXPIRED");
        }
        if (!a.code.equals(code)) {
            return error(400, "PHONE_CODE_INVALID");
        }
        if (a.password != null) {
            setState(c, (ObjectNode) JSON.createObjectNode().put("@type", "authorizationStateWaitPassword")
                    .put("password_hint", "").put("has_recovery_email_address", false));
            return ok();
        }
        return loggedIn(c, a);
    }

    private ObjectNode password(Client c, String password) {
        if (!c.state.equals("authorizationStateWaitPassword")) {
            return error(400, "Unexpected checkAuthenticationPassword");
        }
        Account a = accounts.get(c.pendingPhone);
        if (!a.password.equals(password)) {
            return error(400, "PASSWORD_HASH_INVALID");
        }
        return loggedIn(c, a);
    }

    private ObjectNode loggedIn(Client c, Account a) {
        c.account = a;
        try {
            Files.writeString(c.database.resolve("fake-td.session"), c.keyDigest + "\n" + a.phone + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setState(c, "authorizationStateReady");
        return ok();
    }

    private void forget(Client c) {
        try {
            if (c.database != null) {
                Files.deleteIfExists(c.database.resolve("fake-td.session"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private ObjectNode download(Client c, int fileId) {
        byte[] bytes = fileBytes.get(fileId);
        if (bytes == null) {
            return error(400, "Invalid file identifier");
        }
        Path path = localPath(c, fileId);
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            return error(500, "Can't write file: " + e.getMessage());
        }
        ObjectNode file = FakeChat.file(fileId, bytes.length);
        ((ObjectNode) file.get("local")).put("path", path.toString()).put("is_downloading_completed", true)
                .put("downloaded_size", bytes.length).put("can_be_deleted", true);
        return file;
    }

    private static Path localPath(Client c, int fileId) {
        return c.files.resolve("photos").resolve("file_" + fileId + ".jpg");
    }

    private synchronized ObjectNode scripted(String phone, String function) {
        Deque<ObjectNode> queue = scriptedErrors.get(phone + "/" + function);
        return queue == null || queue.isEmpty() ? null : queue.poll().deepCopy();
    }

    private void setState(Client c, String state) {
        setState(c, JSON.createObjectNode().put("@type", state));
    }

    private void setState(Client c, ObjectNode state) {
        c.state = state.path("@type").asText();
        emit(c, (ObjectNode) JSON.createObjectNode().put("@type", "updateAuthorizationState").set("authorization_state", state));
    }

    private void emit(Client c, ObjectNode update) {
        update.put("@client_id", c.id);
        out.add(update.toString());
    }

    static ObjectNode ok() {
        return JSON.createObjectNode().put("@type", "ok");
    }

    static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("@type", "error").put("code", code).put("message", message);
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** The files a client's files directory holds now (tests check that downloads are gone). */
    public static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
