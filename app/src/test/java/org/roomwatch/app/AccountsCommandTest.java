package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.simulator.tdlib.FakeTdlib;

/** 'roomwatch accounts add' and 'list' in-process, answering the prompts on standard input, TDLib faked. */
class AccountsCommandTest {
    @TempDir
    Path dir;
    private Path config;
    private final FakeTdlib td = new FakeTdlib();
    private final InputStream stdin = System.in;
    private final Function<AccountsConfig, TdJson> realTdlib = AccountsCommand.tdlib;

    @BeforeEach
    void setUp() throws Exception {
        Path key = dir.resolve("tdlib.key");
        Files.writeString(key, "a synthetic test key, long enough\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        config = dir.resolve("roomwatch.yml");
        Files.writeString(config, "database:\n  jdbcUrl: \"jdbc:h2:file:" + dir.resolve("db") + "\"\n"
                + "accounts:\n  apiId: 12345\n  apiHash: \"0123456789abcdef0123456789abcdef\"\n"
                + "  dataDirectory: \"" + dir.resolve("accounts") + "\"\n  filesDirectory: \"" + dir.resolve("files") + "\"\n"
                + "  keyFile: \"" + key + "\"\n");
        td.addAccount("+82 10 0000 0009", 7009, "24680", "pw-synthetic");
        AccountsCommand.tdlib = c -> td;
    }

    @AfterEach
    void tearDown() {
        System.setIn(stdin);
        AccountsCommand.tdlib = realTdlib;
    }

    private CommandRun typing(String lines, String... args) {
        System.setIn(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        return CommandRun.of(args);
    }

    @Test
    void anAdminAddsAnAccountAtTheTerminalAndListsIt() {
        CommandRun add = typing("+82 10 0000 0009\n11111\n24680\npw-synthetic\n", "accounts", "add", "unit3-a", "--by", "admin-park",
                "--config", config.toString());
        assertEquals(0, add.code(), add.out() + add.err());
        assertTrue(add.out().contains("that code is not right"), add.out());
        assertTrue(add.out().contains("unit3-a: authorized"), add.out());

        CommandRun list = CommandRun.of("accounts", "list", "--config", config.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("unit3-a") && list.out().contains("+82 •••• 0009") && list.out().contains("authorized"),
                list.out());
        assertFalse(list.out().contains("0000 0009"), "the number is never shown whole: " + list.out());
    }

    @Test
    void aBannedNumberEndsWithItsStateAndAFailingExitCode() {
        td.ban("+82 10 0000 0009");
        CommandRun add = typing("+82 10 0000 0009\n", "accounts", "add", "unit3-b", "--by", "admin-park", "--config", config.toString());
        assertEquals(1, add.code(), add.out() + add.err());
        assertTrue(add.out().contains("unit3-b: banned"), add.out());
        assertTrue(CommandRun.of("accounts", "list", "--config", config.toString()).out().contains("banned"));
    }

    @Test
    void wrongInputIsRefusedWithWhatToDo() throws Exception {
        CommandRun badName = CommandRun.of("accounts", "add", "Unit 3", "--by", "admin-park", "--config", config.toString());
        assertEquals(2, badName.code());
        assertTrue(badName.err().contains("lower-case"), badName.err());
        Files.setPosixFilePermissions(dir.resolve("tdlib.key"), PosixFilePermissions.fromString("rw-r--r--"));
        CommandRun openKey = CommandRun.of("accounts", "add", "unit3-c", "--by", "admin-park", "--config", config.toString());
        assertEquals(2, openKey.code());
        assertTrue(openKey.err().contains("chmod 600"), openKey.err());
        assertEquals(0, td.requestsServed(), "nothing reached Telegram");
        CommandRun empty = CommandRun.of("accounts", "list", "--config", config.toString());
        assertTrue(empty.out().contains("no accounts"), empty.out());
    }
}
