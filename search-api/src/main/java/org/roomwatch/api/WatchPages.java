package org.roomwatch.api;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.function.Supplier;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.account.AccountOperations;
import org.roomwatch.core.watch.AlertInbox;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.tagging.Tagging;

/**
 * The analysts' pages: watchlists ({@link WatchlistPages}), alert triage ({@link AlertPages}) and the queue of
 * discovered rooms ({@link DiscoveredPages}). Who did anything is the logged-in user, never a form field.
 */
final class WatchPages {
    private final Watchlists watchlists;
    private final AlertInbox alerts;
    private final DiscoveredRooms discovered;
    private final Clock clock;
    private final RoomWatcher watcher;
    private final Supplier<AccountOperations> accounts;
    private final Supplier<Tagging> tagging;
    private final SchoolLookup schools;
    private final SearchFilters filters;
    private final org.roomwatch.core.search.MessageViews messages;

    WatchPages(Watchlists watchlists, AlertInbox alerts, DiscoveredRooms discovered, Clock clock, RoomWatcher watcher,
               Supplier<AccountOperations> accounts, Supplier<Tagging> tagging, SchoolLookup schools, SearchFilters filters,
               org.roomwatch.core.search.MessageViews messages) {
        this.messages = messages;
        this.watchlists = watchlists;
        this.alerts = alerts;
        this.discovered = discovered;
        this.clock = clock;
        this.watcher = watcher;
        this.accounts = accounts;
        this.tagging = tagging;
        this.schools = schools;
        this.filters = filters;
    }

    void register(Javalin app) {
        new WatchlistPages(watchlists, schools, filters, tagging).register(app);
        new AlertPages(watchlists, alerts, messages).register(app);
        new DiscoveredPages(discovered, clock, watcher, accounts, tagging).register(app);
    }
}
