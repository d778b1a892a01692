package org.roomwatch.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.core.account.CrawlAccount;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.crawler.account.AccountKey;
import org.roomwatch.crawler.account.AccountLogin;
import org.roomwatch.crawler.account.AccountService;
import org.roomwatch.crawler.account.NativeTdJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Authorized accounts, for admins: add one by logging it in at the terminal (phone, code, 2FA password), and list
 * them with their states. The account's TDLib database is encrypted with the key from ROOMWATCH_TDLIB_KEY or
 * accounts.keyFile. Add accounts while 'roomwatch serve' is stopped (TDLib locks an account's database) or under a
 * new name; the server logs every stored account in when it starts.
 */
@Command(name = "accounts", description = "Add (log in) or list the authorized Telegram accounts.",
        subcommands = {AccountsCommand.Add.class, AccountsCommand.ListAccounts.class})
final class AccountsCommand {
    /** The TDLib the commands use; tests put the fake TDLib here. */
    static Function<AccountsConfig, TdJson> tdlib = config -> NativeTdJson.load(Path.of(config.tdjson()));

    @Command(name = "add", description = "Log an account in at the terminal and keep it (adding it again logs it in again).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "a name for the account, e.g. unit3-a") String name;
        @Option(names = "--by", required = true, description = "the admin adding it (kept with the record)") String by;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            RoomwatchConfig cfg = Configs.load(config);
            AccountsConfig accounts = cfg.accounts();
            CrawlAccount.requireName(name);
            byte[] key = AccountKey.load(System.getenv(), accounts.keyFile());
            PrintWriter out = spec.commandLine().getOut();
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
                AccountLogin.Result result = AccountService.enrol(accounts, tdlib.apply(accounts), key,
                        new JdbcCrawlAccounts(db.dataSource()), name, new TerminalPrompts(out), by, Clock.systemUTC());
                out.println(name + ": " + result.outcome().name().toLowerCase() + " (" + result.detail() + ")");
                return result.outcome() == AccountLogin.Outcome.AUTHORIZED ? 0 : 1;
            }
        }
    }

    @Command(name = "list", description = "List the accounts: state, why, until when rate-limited, rooms.")
    static final class ListAccounts implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            RoomwatchConfig cfg = Configs.load(config);
            PrintWriter out = spec.commandLine().getOut();
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
                JdbcCrawlAccounts store = new JdbcCrawlAccounts(db.dataSource());
                List<CrawlAccount> all = store.list();
                if (all.isEmpty()) {
                    out.println("no accounts; add one with: roomwatch accounts add NAME --by ADMIN");
                    return 0;
                }
                List<JdbcCrawlAccounts.Assignment> rooms = store.assignments();
                out.printf("%-16s %-14s %-13s %-6s %s%n", "ACCOUNT", "PHONE", "STATE", "ROOMS", "DETAIL");
                for (CrawlAccount a : all) {
                    long count = rooms.stream().filter(r -> r.account().equals(a.name())).count();
                    String detail = a.state() == CrawlAccount.State.RATE_LIMITED && a.rateLimitedUntil() != null
                            ? "until " + a.rateLimitedUntil() : a.detail();
                    out.printf("%-16s %-14s %-13s %-6d %s%n", a.name(), a.phoneMasked(), a.state().name().toLowerCase()
                            .replace('_', '-'), count, detail == null ? "" : detail);
                }
            }
            return 0;
        }
    }

    /**
     * Asks at the terminal. Codes and passwords are read without echo when there is a console; without one (a pipe)
     * lines are read from standard input.
     */
    static final class TerminalPrompts implements AccountLogin.Prompts {
        private final PrintWriter out;
        private final Console console = System.console();
        private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        TerminalPrompts(PrintWriter out) {
            this.out = out;
        }

        private String ask(String problem, String question, boolean secret) {
            if (problem != null) {
                out.println("  " + problem);
            }
            out.print(question);
            out.flush();
            if (console != null) {
                if (secret) {
                    char[] typed = console.readPassword();
                    return typed == null ? null : new String(typed);
                }
                return console.readLine();
            }
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String phone(String problem) {
            return ask(problem, "Phone number (with country code, e.g. +82 10 0000 0000): ", false);
        }

        @Override
        public String code(String problem) {
            return ask(problem, "Login code Telegram sent: ", false);
        }

        @Override
        public String password(String hint, String problem) {
            return ask(problem, "Two-step verification password" + (hint.isEmpty() ? "" : " (hint: " + hint + ")") + ": ", true);
        }
    }
}
