package org.roomwatch.crawler.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.RoomName;
import org.roomwatch.core.account.AccountOperations;
import org.roomwatch.core.account.CrawlAccount;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account side of a running roomwatch: logs in every stored account that is not banned (nobody is asked for a
 * code: an account that needs one is reported logged out), restores which account reads which room, follows the
 * accounts' live updates, joins rooms by invite link for analysts, and keeps the accounts' states in the database.
 */
public final class AccountService implements AccountOperations, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    /** The outcome of an approved join, as recorded. */
    public record JoinResult(AccountGateway.JoinOutcome outcome, String account, String room, String detail) {}

    private final AccountsConfig config;
    private final byte[] key;
    private final JdbcCrawlAccounts store;
    private final Clock clock;
    private final TdClients clients;
    private final AccountPool pool;
    private final AccountRoomSource source;
    private final List<TdSession> sessions = new ArrayList<>();
    private final ScheduledExecutorService sync;

    private AccountService(AccountsConfig config, TdJson td, byte[] key, JdbcCrawlAccounts store, ImageHasher hasher,
                           VideoHasher videoHasher, Clock clock) {
        this.config = config;
        this.key = key.clone();
        this.store = store;
        this.clock = clock;
        this.clients = new TdClients(td);
        this.pool = new AccountPool(clock);
        this.source = new AccountRoomSource(pool, hasher, videoHasher, config.maxMessagesPerCrawl(), clock);
        this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "account-states");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the stored accounts; live updates go through {@code ingest}, as crawled batches do. */
    public static AccountService start(AccountsConfig config, TdJson td, byte[] key, JdbcCrawlAccounts store,
                                       IngestPipeline ingest, ImageHasher hasher, VideoHasher videoHasher, Clock clock)
            throws InterruptedException {
        AccountService service = new AccountService(config, td, key, store, hasher, videoHasher, clock);
        try {
            service.startAll(ingest);
            return service;
        } catch (RuntimeException | InterruptedException e) {
            service.close();
            throw e;
        }
    }

    private void startAll(IngestPipeline ingest) throws InterruptedException {
        if (!config.hasApplication()) {
            throw new IllegalStateException("accounts.enabled is true but accounts.apiId/apiHash are not set"
                    + " (ROOMWATCH_ACCOUNTS_APIID, ROOMWATCH_ACCOUNTS_APIHASH)");
        }
        warnUnlessMemory(Path.of(config.filesDirectory()));
        for (CrawlAccount account : store.list()) {
            if (account.state() == CrawlAccount.State.BANNED) {
                log.info("Account {} is banned and stays out of the pool", account.name());
                continue;
            }
            TdSession session = clients.open(account.name());
            sessions.add(session);
            AccountLogin.Result result = new AccountLogin(session, parameters(config, key, account.name()), config.requestTimeout())
                    .run(null);
            store.setState(account.name(), state(result.outcome()), result.detail(), null);
            if (result.outcome() == AccountLogin.Outcome.AUTHORIZED) {
                AccountGateway gateway = new AccountGateway(session, account.name(), config.requestsPerMinute(),
                        config.requestTimeout(), clock);
                pool.add(gateway);
                AccountLive.attach(gateway, source, ingest, clock);
                log.info("Account {} is logged in", account.name());
            } else {
                log.warn("Account {} is not reading: {}", account.name(), result.detail());
            }
        }
        for (JdbcCrawlAccounts.Assignment a : store.assignments()) {
            pool.assign(a.room(), a.account());
            if (a.chatId() != null && a.username() == null) {
                source.bind(a.room(), a.chatId());
            }
        }
        pool.onAssign((room, account) -> store.assign(new JdbcCrawlAccounts.Assignment(room, account, null, room)));
        sync.scheduleWithFixedDelay(this::saveStates, 15, 15, TimeUnit.SECONDS);
    }

    /**
     * Logs an account in with a person at the terminal and records it (the phone masked). Adding an account that
     * exists logs it in again (after a logout or a revoked session).
     */
    public static AccountLogin.Result enrol(AccountsConfig config, TdJson td, byte[] key, JdbcCrawlAccounts store, String name,
                                            AccountLogin.Prompts prompts, String addedBy, Clock clock) throws InterruptedException {
        CrawlAccount.requireName(name);
        if (!config.hasApplication()) {
            throw new IllegalStateException("set accounts.apiId and accounts.apiHash first (ROOMWATCH_ACCOUNTS_APIID,"
                    + " ROOMWATCH_ACCOUNTS_APIHASH): the unit's application from my.telegram.org");
        }
        String[] phone = new String[1];
        AccountLogin.Prompts remembering = new AccountLogin.Prompts() {
            @Override
            public String phone(String problem) {
                phone[0] = prompts.phone(problem);
                return phone[0];
            }

            @Override
            public String code(String problem) {
                return prompts.code(problem);
            }

            @Override
            public String password(String hint, String problem) {
                return prompts.password(hint, problem);
            }
        };
        try (TdClients clients = new TdClients(td)) {
            TdSession session = clients.open(name);
            try {
                AccountLogin.Result result = new AccountLogin(session, parameters(config, key, name), config.requestTimeout())
                        .run(remembering);
                Optional<CrawlAccount> known = store.find(name);
                String masked = phone[0] != null && phone[0].replaceAll("[^0-9]", "").length() >= 6
                        ? CrawlAccount.mask(phone[0]) : known.map(CrawlAccount::phoneMasked).orElse("unknown");
                store.save(new CrawlAccount(name, masked, state(result.outcome()), result.detail(), null,
                        known.map(CrawlAccount::addedBy).orElse(addedBy), known.map(CrawlAccount::addedAt).orElse(clock.instant())));
                return result;
            } finally {
                session.close();
            }
        }
    }

    /** The TDLib parameters of one account: its own encrypted database and its own folder of downloads. */
    private static com.fasterxml.jackson.databind.node.ObjectNode parameters(AccountsConfig config, byte[] key, String account) {
        return TdRequests.tdlibParameters(Path.of(config.dataDirectory()).resolve(account),
                Path.of(config.filesDirectory()).resolve(account), key, config.apiId(), config.apiHash());
    }

    static CrawlAccount.State state(AccountLogin.Outcome outcome) {
        return switch (outcome) {
            case AUTHORIZED -> CrawlAccount.State.AUTHORIZED;
            case LOGGED_OUT -> CrawlAccount.State.LOGGED_OUT;
            case BANNED -> CrawlAccount.State.BANNED;
            case RATE_LIMITED -> CrawlAccount.State.RATE_LIMITED;
            case FAILED -> CrawlAccount.State.FAILED;
        };
    }

    /** Writes what the pool learnt (bans, logouts, rate limits) to the accounts' records. */
    void saveStates() {
        try {
            for (AccountPool.Status s : pool.statuses()) {
                store.setState(s.account(), s.state(), s.detail(), s.restingUntil());
            }
        } catch (RuntimeException e) {
            log.warn("Could not save the accounts' states: {}", e.toString());
        }
    }

    private static void warnUnlessMemory(Path files) {
        try {
            Files.createDirectories(files);
            String type = Files.getFileStore(files).type();
            if (!type.equals("tmpfs") && !type.equals("ramfs")) {
                log.warn("accounts.filesDirectory {} is on {}, not a memory filesystem: photos are deleted at once, but"
                        + " for a moment they touch that disk", files, type);
            }
        } catch (IOException e) {
            throw new IllegalStateException("accounts.filesDirectory " + files + " cannot be used: " + e.getMessage(), e);
        }
    }

    public AccountRoomSource source() {
        return source;
    }

    public AccountPool pool() {
        return pool;
    }

    @Override
    public List<AccountLine> accounts() {
        List<AccountLine> lines = new ArrayList<>();
        java.util.Map<String, AccountPool.Status> live = new java.util.HashMap<>();
        pool.statuses().forEach(s -> live.put(s.account(), s));
        for (CrawlAccount a : store.list()) {
            AccountPool.Status s = live.get(a.name());
            lines.add(s != null ? new AccountLine(a.name(), s.state(), s.detail(), s.restingUntil(), s.rooms())
                    : new AccountLine(a.name(), a.state(), a.detail(), a.rateLimitedUntil(), List.of()));
        }
        return lines;
    }

    /** Looks at an invite link through {@code account} (or any account that can ask now) without joining. */
    @Override
    public InviteLook inspect(String link, String account) throws Unavailable, InterruptedException {
        AccountGateway.InviteInfo info;
        try {
            info = gateway(account).inspectInvite(link);
        } catch (TdException e) {
            throw new Unavailable(e.getMessage());
        }
        return new InviteLook(link, info.status().name().toLowerCase(java.util.Locale.ROOT), info.title(),
                info.kind().name().toLowerCase(java.util.Locale.ROOT), info.members(), info.joinRequest(), info.detail());
    }

    /**
     * Joins by invite link, approved by {@code approvedBy}, and watches the room as {@code room}. The outcome
     * (joined, request sent, declined or the error) is recorded with who approved it.
     */
    @Override
    public JoinRecord join(String link, String room, String account, String approvedBy) throws InterruptedException {
        JoinResult r = joinRoom(link, room, account, approvedBy);
        return new JoinRecord(r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.account(), r.room(), r.detail());
    }

    /** As {@link #join}, with the typed outcome. */
    public JoinResult joinRoom(String link, String room, String account, String approvedBy) throws InterruptedException {
        String name = RoomName.require(room);
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new IllegalArgumentException("a join needs the analyst who approved it");
        }
        AccountGateway gateway;
        try {
            gateway = gateway(account);
        } catch (TdException e) {
            return record(link, name, String.valueOf(account), approvedBy, AccountGateway.JoinOutcome.DECLINED, e.getMessage());
        }
        try {
            AccountGateway.JoinOutcome outcome = gateway.join(link);
            String detail = null;
            if (outcome == AccountGateway.JoinOutcome.JOINED) {
                AccountGateway.InviteInfo info = gateway.inspectInvite(link);
                if (info.status() == InviteStatus.VALID && info.chatIdIfMember() != 0) {
                    source.bind(name, info.chatIdIfMember());
                    pool.assign(name, gateway.account());
                    store.assign(new JdbcCrawlAccounts.Assignment(name, gateway.account(), info.chatIdIfMember(), null));
                    detail = "chat " + info.chatIdIfMember();
                }
            }
            return record(link, name, gateway.account(), approvedBy, outcome, detail);
        } catch (TdException e) {
            return record(link, name, gateway.account(), approvedBy, AccountGateway.JoinOutcome.DECLINED, e.getMessage());
        }
    }

    @Override
    public JoinRecord leave(String room, String decidedBy) throws Unavailable, InterruptedException {
        if (decidedBy == null || decidedBy.isBlank()) {
            throw new IllegalArgumentException("leaving a room needs the analyst who decided it");
        }
        JdbcCrawlAccounts.Assignment assignment = store.assignments().stream()
                .filter(a -> a.room().equals(room) && a.chatId() != null).findFirst()
                .orElseThrow(() -> new Unavailable("no account joined a room named " + room));
        AccountGateway gateway;
        try {
            gateway = gateway(assignment.account());
            gateway.leave(assignment.chatId());
        } catch (TdException e) {
            throw new Unavailable("account " + assignment.account() + " could not leave " + room + ": " + e.getMessage());
        }
        store.unassign(room);
        store.recordDecision(new JdbcCrawlAccounts.InviteDecision("", room, gateway.account(), decidedBy, "LEFT",
                "chat " + assignment.chatId(), Instant.now(clock)));
        log.info("Account {} left {} (decided by {})", gateway.account(), room, decidedBy);
        return new JoinRecord("left", gateway.account(), room, "chat " + assignment.chatId());
    }

    private JoinResult record(String link, String room, String account, String approvedBy, AccountGateway.JoinOutcome outcome,
                              String detail) {
        store.recordDecision(new JdbcCrawlAccounts.InviteDecision(link, room, account, approvedBy, outcome.name(), detail,
                Instant.now(clock)));
        log.info("Join of {} as {} through {} approved by {}: {}{}", link, room, account, approvedBy, outcome,
                detail == null ? "" : " (" + detail + ")");
        return new JoinResult(outcome, account, room, detail);
    }

    private AccountGateway gateway(String account) throws TdException {
        Optional<AccountGateway> found = account == null || account.isBlank()
                ? pool.statuses().stream().filter(s -> s.state() == CrawlAccount.State.AUTHORIZED)
                        .map(s -> pool.gateway(s.account())).flatMap(Optional::stream).findFirst()
                : pool.gateway(account).filter(g -> pool.statuses().stream()
                        .anyMatch(s -> s.account().equals(account) && s.state() == CrawlAccount.State.AUTHORIZED));
        return found.orElseThrow(() -> new TdException(0, account == null || account.isBlank()
                ? "no account is logged in and free to ask now" : "account " + account + " is not logged in or is resting",
                TdException.Kind.OTHER));
    }

    @Override
    public void close() {
        sync.shutdownNow();
        saveStates();
        for (TdSession session : sessions) {
            session.close();
        }
        clients.close();
    }
}
