package org.roomwatch.simulator.tdlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final Map<Integer, FakeClient> clients = new ConcurrentHashMap<>();
    private final AtomicInteger nextClient = new AtomicInteger(1);
    private final FakeChatDirectory directory = new FakeChatDirectory();
    private final FakeAuthorization authorization = new FakeAuthorization(this);
    private final Map<Integer, byte[]> fileBytes = new ConcurrentHashMap<>();
    private final AtomicInteger nextFile = new AtomicInteger(1);
    private final Map<String, Deque<ObjectNode>> scriptedErrors = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();

    // ---- the world --------------------------------------------------------------------------------------------

    /** An account that can log in with {@code code} and, when not null, the 2FA {@code password}. */
    public void addAccount(String phone, long userId, String code, String password) {
        authorization.accounts.put(phone, new FakeAccount(phone, userId, code, password));
        addUser(userId, "조사", "계정" + userId % 100, null);
    }

    public void addUser(long userId, String firstName, String lastName, String username) {
        directory.addUser(userId, firstName, lastName, username);
    }

    /** A supergroup (or channel) with a username (null for private) and members. */
    public FakeChat addChat(long chatId, String username, String title, boolean channel, int members) {
        FakeChat chat = new FakeChat(this, chatId, username, title, channel, members);
        directory.addChat(chat);
        return chat;
    }

    public void addInvite(String link, long chatId, boolean joinRequest) {
        directory.addInvite(link, chatId, joinRequest);
    }

    public void expireInvite(String link) {
        directory.expireInvite(link);
    }

    /** The next {@code function} request of the account with {@code phone} fails with this TDLib error. */
    public synchronized void failNext(String phone, String function, int code, String message) {
        scriptedErrors.computeIfAbsent(phone + "/" + function, k -> new ArrayDeque<>())
                .add(JSON.createObjectNode().put("@type", "error").put("code", code).put("message", message));
    }

    /** The account's login code expires: the next check answers PHONE_CODE_EXPIRED. */
    public void expireCode(String phone, String newCode) {
        FakeAccount a = authorization.accounts.get(phone);
        a.codeExpired = true;
        a.code = newCode;
    }

    /** Telegram bans the number: its sessions are closed and every request fails. */
    public void ban(String phone) {
        authorization.accounts.get(phone).banned = true;
        for (FakeClient c : clients.values()) {
            if (c.account != null && c.account.phone.equals(phone)) {
                setState(c, "authorizationStateClosed");
            }
        }
    }

    /** The session is revoked from another device: the client logs out. */
    public void revoke(String phone) {
        for (FakeClient c : clients.values()) {
            if (c.account != null && c.account.phone.equals(phone)) {
                authorization.forget(c);
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
        directory.historyPageCap(cap);
    }

    public int requestsServed() {
        return requests.get();
    }

    FakeChat chat(long id) {
        return directory.chat(id);
    }

    int registerPhoto(byte[] bytes) {
        int id = nextFile.getAndIncrement();
        fileBytes.put(id, bytes.clone());
        return id;
    }

    /** A chat changed: members that are logged in get the update, as TDLib pushes it. */
    void broadcast(FakeChat chat, ObjectNode update) {
        for (FakeClient c : clients.values()) {
            if (c.state.equals("authorizationStateReady") && chat.isMember(c.account.userId)) {
                emit(c, update.deepCopy());
            }
        }
    }

    // ---- TdJson -----------------------------------------------------------------------------------------------

    @Override
    public int createClientId() {
        int id = nextClient.getAndIncrement();
        clients.put(id, new FakeClient(id));
        return id;
    }

    @Override
    public synchronized void send(int clientId, String request) {
        requests.incrementAndGet();
        FakeClient client = clients.get(clientId);
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

    private ObjectNode answer(FakeClient c, JsonNode req) {
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
                return authorization.setParameters(c, req);
            case "setAuthenticationPhoneNumber":
                return authorization.phone(c, req.path("phone_number").asText());
            case "checkAuthenticationCode":
                return authorization.code(c, req.path("code").asText());
            case "checkAuthenticationPassword":
                return authorization.password(c, req.path("password").asText());
            default:
                break;
        }
        if (!c.state.equals("authorizationStateReady")) {
            return error(401, "Unauthorized");
        }
        if (FakeChatDirectory.FUNCTIONS.contains(type)) {
            return directory.answer(c.account.userId, type, req);
        }
        switch (type) {
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

    private ObjectNode download(FakeClient c, int fileId) {
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

    private static Path localPath(FakeClient c, int fileId) {
        return c.files.resolve("photos").resolve("file_" + fileId + ".jpg");
    }

    synchronized ObjectNode scripted(String phone, String function) {
        Deque<ObjectNode> queue = scriptedErrors.get(phone + "/" + function);
        return queue == null || queue.isEmpty() ? null : queue.poll().deepCopy();
    }

    void setState(FakeClient c, String state) {
        setState(c, JSON.createObjectNode().put("@type", state));
    }

    void setState(FakeClient c, ObjectNode state) {
        c.state = state.path("@type").asText();
        emit(c, (ObjectNode) JSON.createObjectNode().put("@type", "updateAuthorizationState").set("authorization_state", state));
    }

    private void emit(FakeClient c, ObjectNode update) {
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
