package org.roomwatch.api;

import java.util.Optional;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.core.watch.Watchlists;

/**
 * Need to know: what a user may see of the things routes name. A case belongs to the users it names (its creator and
 * the members an admin added), and so does its hash set; a watchlist to its owner and members. Admins see all. A
 * thing that does not exist is left to the route to answer 404; one that exists and is another's is answered 404 too,
 * so its existence is not given away.
 */
final class Ownership {
    /** What a route's parameter names. */
    enum Scope { CASE, WATCHLIST, HASHSET }

    private final Cases cases;
    private final Watchlists watchlists;

    /** Either may be null where a server serves no cases or no watchlists (then nothing of that kind is guarded). */
    Ownership(Cases cases, Watchlists watchlists) {
        this.cases = cases;
        this.watchlists = watchlists;
    }

    boolean mayAccess(Scope scope, String key, String user) {
        return switch (scope) {
            case CASE -> cases == null || cases.find(key).isEmpty() || cases.names(key, user);
            case HASHSET -> cases == null || ofCase(key).map(c -> cases.names(c.caseNumber(), user)).orElse(true);
            case WATCHLIST -> watchlists == null || watchlists.find(key).map(w -> mayAccess(w, user) || namedOnItsCase(w, user))
                    .orElse(true);
        };
    }

    /** A case's watchlist is also the business of every user the case names (its owner is the case's opener). */
    private boolean namedOnItsCase(Watchlist list, String user) {
        return cases != null && cases.list().stream().anyMatch(c -> list.id().equals(c.watchlistId()) && cases.names(c.caseNumber(), user));
    }

    /** The case a hash set belongs to, if it is a case's. */
    Optional<CaseFile> ofCase(String hashSet) {
        return cases == null ? Optional.empty() : cases.byHashSet(hashSet);
    }

    static boolean mayAccess(Watchlist list, String user) {
        return list.owner().equals(user) || list.members().contains(user);
    }

    /** Whether {@code user} may see the case. */
    boolean mayAccess(CaseFile file, String user) {
        return cases.names(file.caseNumber(), user);
    }
}
