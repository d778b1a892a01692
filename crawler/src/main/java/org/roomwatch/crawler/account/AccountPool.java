package org.roomwatch.crawler.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomwatch.core.account.CrawlAccount.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorized accounts and which room each one reads. A room stays with its account while that account can work;
 * when the account is banned or logged out its rooms move to the usable account with the fewest rooms. A
 * rate-limited account keeps its rooms (they wait) unless another account is free now.
 */
public final class AccountPool {
    private static final Logger log = LoggerFactory.getLogger(AccountPool.class);

    /** One account's line in {@code roomwatch accounts list}. */
    public record Status(String account, State state, String detail, Instant restingUntil, List<String> rooms) {}

    private static final class Member {
        final AccountGateway gateway;
        State state = State.AUTHORIZED;
        String detail = "logged in";

        Member(AccountGateway gateway) {
            this.gateway = gateway;
        }
    }

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, String> assignment = new LinkedHashMap<>(); // room -> account
    private final Clock clock;
    private volatile java.util.function.BiConsumer<String, String> onAssign = (room, account) -> { };

    public AccountPool(Clock clock) {
        this.clock = clock;
    }

    public synchronized void add(AccountGateway gateway) {
        members.put(gateway.account(), new Member(gateway));
    }

    /** Records that an account cannot work (banned, logged out); its rooms go to other accounts on their next crawl. */
    public synchronized void markUnusable(String account, State state, String detail) {
        Member m = members.get(account);
        if (m == null) {
            return;
        }
        m.state = state;
        m.detail = detail;
        List<String> moved = new ArrayList<>();
        assignment.entrySet().removeIf(e -> {
            boolean mine = e.getValue().equals(account);
            if (mine) {
                moved.add(e.getKey());
            }
            return mine;
        });
        log.warn("Account {} is {}: {}; its rooms {} move to other accounts", account, state, detail, moved);
    }

    /** Called with (room, account) whenever the pool gives a room to an account (to keep it across restarts). */
    public AccountPool onAssign(java.util.function.BiConsumer<String, String> action) {
        this.onAssign = action;
        return this;
    }

    /** Pins a room to an account (the one that joined it: only that account can read a private room). */
    public synchronized void assign(String room, String account) {
        assignment.put(room, account);
    }

    /** The account that reads {@code room} now, assigning one when the room has none or its own cannot work. */
    public synchronized Optional<AccountGateway> gatewayFor(String room) {
        String current = assignment.get(room);
        Member m = current == null ? null : members.get(current);
        if (m != null && m.state == State.AUTHORIZED && !resting(m)) {
            return Optional.of(m.gateway);
        }
        Optional<Member> free = members.values().stream().filter(x -> x.state == State.AUTHORIZED && !resting(x))
                .min(Comparator.comparingLong(x -> assignment.values().stream().filter(x.gateway.account()::equals).count()));
        if (free.isPresent()) {
            assignment.put(room, free.get().gateway.account());
            onAssign.accept(room, free.get().gateway.account());
            return Optional.of(free.get().gateway);
        }
        // Everyone rests or is gone: keep a resting owner (its requests fail fast until it may ask again).
        return m != null && m.state == State.AUTHORIZED ? Optional.of(m.gateway) : Optional.empty();
    }

    /** The gateway of a known account, whatever its state. */
    public synchronized Optional<AccountGateway> gateway(String account) {
        Member m = members.get(account);
        return m == null ? Optional.empty() : Optional.of(m.gateway);
    }

    private boolean resting(Member m) {
        return clock.instant().isBefore(m.gateway.restingUntil());
    }

    public synchronized List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        for (Member m : members.values()) {
            boolean resting = m.state == State.AUTHORIZED && resting(m);
            out.add(new Status(m.gateway.account(), resting ? State.RATE_LIMITED : m.state,
                    resting ? "rate-limited until " + m.gateway.restingUntil() : m.detail,
                    resting ? m.gateway.restingUntil() : null,
                    assignment.entrySet().stream().filter(e -> e.getValue().equals(m.gateway.account()))
                            .map(Map.Entry::getKey).toList()));
        }
        return out;
    }
}
