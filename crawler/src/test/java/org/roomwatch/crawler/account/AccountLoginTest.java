package org.roomwatch.crawler.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.simulator.tdlib.FakeTdlib;

/** The login walk of the real session and login code against the fake TDLib: right, wrong and refused answers. */
class AccountLoginTest {
    private static final String PHONE = "+82 10 0000 0001";
    private static final byte[] KEY = "synthetic-test-key-32-bytes-long".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final FakeTdlib td = new FakeTdlib();
    private final TdClients clients = new TdClients(td);

    @AfterEach
    void tearDown() {
        clients.close();
    }

    /** Answers from a script, and remembers what it was told about the previous answer. */
    static final class Script implements AccountLogin.Prompts {
        final Deque<String> answers;
        final List<String> problems = new ArrayList<>();

        Script(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        private String next(String problem) {
            if (problem != null) {
                problems.add(problem);
            }
            return answers.poll();
        }

        @Override
        public String phone(String problem) {
            return next(problem);
        }

        @Override
        public String code(String problem) {
            return next(problem);
        }

        @Override
        public String password(String hint, String problem) {
            return next(problem);
        }
    }

    private AccountLogin.Result login(byte[] key, AccountLogin.Prompts prompts) throws InterruptedException {
        TdSession session = clients.open("kim");
        AccountLogin login = new AccountLogin(session, TdRequests.tdlibParameters(dir.resolve("db"), dir.resolve("files"),
                key, 12345, "0123456789abcdef0123456789abcdef"), Duration.ofSeconds(10));
        return login.run(prompts);
    }

    @Test
    void codeAndPasswordWithOneWrongEachThenTheSessionSurvivesARestart() throws Exception {
        td.addAccount(PHONE, 7001, "12345", "pw-synthetic");
        Script person = new Script(PHONE, "99999", "12345", "wrong-pw", "pw-synthetic");
        AccountLogin.Result result = login(KEY, person);
        assertEquals(AccountLogin.Outcome.AUTHORIZED, result.outcome(), result.detail());
        assertEquals(2, person.problems.size(), person.problems.toString());
        assertTrue(person.problems.get(0).contains("code is not right"), person.problems.get(0));
        assertTrue(person.problems.get(1).contains("password is not right"), person.problems.get(1));

        // The database remembers the login: no one is asked anything the second time.
        assertEquals(AccountLogin.Outcome.AUTHORIZED, login(KEY, null).outcome());
    }

    @Test
    void theWrongDatabaseKeyIsNamedAndNothingIsAsked() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        assertEquals(AccountLogin.Outcome.AUTHORIZED, login(KEY, new Script(PHONE, "12345")).outcome());
        AccountLogin.Result result = login("another-key".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(AccountLogin.Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("ROOMWATCH_TDLIB_KEY"), result.detail());
    }

    @Test
    void aBannedNumberEndsTheLoginAsBanned() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        td.ban(PHONE);
        AccountLogin.Result result = login(KEY, new Script(PHONE));
        assertEquals(AccountLogin.Outcome.BANNED, result.outcome());
        assertTrue(result.detail().contains("PHONE_NUMBER_BANNED"), result.detail());
    }

    @Test
    void anUnknownNumberIsAskedAgainInPlainWords() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        Script person = new Script("010-not-a-number", PHONE, "12345");
        assertEquals(AccountLogin.Outcome.AUTHORIZED, login(KEY, person).outcome());
        assertTrue(person.problems.get(0).contains("country code"), person.problems.toString());
    }

    @Test
    void anExpiredCodeAsksForTheNumberAgainAndTheNewCodeWorks() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        td.expireCode(PHONE, "54321");
        Script person = new Script(PHONE, "12345", PHONE, "54321");
        AccountLogin.Result result = login(KEY, person);
        assertEquals(AccountLogin.Outcome.AUTHORIZED, result.outcome(), result.detail());
        assertTrue(person.problems.get(0).contains("expired"), person.problems.toString());
    }

    @Test
    void threeWrongCodesGiveUpWithoutLocking() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        AccountLogin.Result result = login(KEY, new Script(PHONE, "1", "2", "3"));
        assertEquals(AccountLogin.Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("3 wrong tries"), result.detail());
    }

    @Test
    void aRevokedSessionIsLoggedOutOnTheNextStart() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        assertEquals(AccountLogin.Outcome.AUTHORIZED, login(KEY, new Script(PHONE, "12345")).outcome());
        td.revoke(PHONE);
        AccountLogin.Result result = login(KEY, null);
        assertEquals(AccountLogin.Outcome.LOGGED_OUT, result.outcome());
        assertTrue(result.detail().contains("accounts add"), result.detail());
    }

    @Test
    void aLongFloodWaitAtLoginIsReportedWithItsWait() throws Exception {
        td.addAccount(PHONE, 7001, "12345", null);
        td.failNext(PHONE, "setAuthenticationPhoneNumber", 429, "Too Many Requests: retry after 7200");
        AccountLogin.Result result = login(KEY, new Script(PHONE));
        assertEquals(AccountLogin.Outcome.RATE_LIMITED, result.outcome());
        assertTrue(result.detail().contains("7200 s"), result.detail());
    }
}
