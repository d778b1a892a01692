package org.roomwatch.simulator.tdlib;

import static org.roomwatch.simulator.tdlib.FakeTdlib.error;
import static org.roomwatch.simulator.tdlib.FakeTdlib.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roomwatch.core.text.Sha256;

/**
 * The fake TDLib's authorization state machine, as TDLib runs it: parameters (a login persists in the database
 * directory, keyed by the database encryption key), phone number, code (which can expire), 2FA password, ready.
 */
final class FakeAuthorization {
    private static final ObjectMapper JSON = FakeTdlib.json();

    final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
    private final FakeTdlib td;

    FakeAuthorization(FakeTdlib td) {
        this.td = td;
    }

    ObjectNode setParameters(FakeClient c, JsonNode req) {
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
                FakeAccount a = accounts.get(lines.get(1));
                if (a != null && !a.banned) {
                    c.account = a;
                    td.setState(c, "authorizationStateReady");
                    return ok();
                }
                Files.delete(session);
            }
        } catch (IOException e) {
            return error(400, "Can't open database: " + e.getMessage());
        }
        td.setState(c, "authorizationStateWaitPhoneNumber");
        return ok();
    }

    ObjectNode phone(FakeClient c, String phone) {
        if (!c.state.equals("authorizationStateWaitPhoneNumber")) {
            return error(400, "Unexpected setAuthenticationPhoneNumber");
        }
        FakeAccount a = accounts.get(phone);
        if (a == null) {
            return error(400, "PHONE_NUMBER_INVALID");
        }
        ObjectNode scripted = td.scripted(phone, "setAuthenticationPhoneNumber");
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
        td.setState(c, (ObjectNode) JSON.createObjectNode().put("@type", "authorizationStateWaitCode").set("code_info", info));
        return ok();
    }

    ObjectNode code(FakeClient c, String code) {
        if (!c.state.equals("authorizationStateWaitCode")) {
            return error(400, "Unexpected checkAuthenticationCode");
        }
        FakeAccount a = accounts.get(c.pendingPhone);
        if (a.codeExpired) {
            a.codeExpired = false;
            td.setState(c, "authorizationStateWaitPhoneNumber");
            return error(400, "PHONE_CODE_EXPIRED");
        }
        if (!a.code.equals(code)) {
            return error(400, "PHONE_CODE_INVALID");
        }
        if (a.password != null) {
            td.setState(c, (ObjectNode) JSON.createObjectNode().put("@type", "authorizationStateWaitPassword")
                    .put("password_hint", "").put("has_recovery_email_address", false));
            return ok();
        }
        return loggedIn(c, a);
    }

    ObjectNode password(FakeClient c, String password) {
        if (!c.state.equals("authorizationStateWaitPassword")) {
            return error(400, "Unexpected checkAuthenticationPassword");
        }
        FakeAccount a = accounts.get(c.pendingPhone);
        if (!a.password.equals(password)) {
            return error(400, "PASSWORD_HASH_INVALID");
        }
        return loggedIn(c, a);
    }

    ObjectNode loggedIn(FakeClient c, FakeAccount a) {
        c.account = a;
        try {
            Files.writeString(c.database.resolve("fake-td.session"), c.keyDigest + "\n" + a.phone + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        td.setState(c, "authorizationStateReady");
        return ok();
    }

    void forget(FakeClient c) {
        try {
            if (c.database != null) {
                Files.deleteIfExists(c.database.resolve("fake-td.session"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
