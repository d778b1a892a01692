package org.roomwatch.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.roomwatch.core.security.Role;

/**
 * Who may call which route, in one table, checked server-side before every handler. A route missing from the table
 * is refused to everyone (fail closed), and a test checks that every registered route is in it.
 */
final class AccessPolicy {
    /**
     * Who may call a route: anyone, any logged-in user, or users with at least a role; and, where the route names a
     * case, a watchlist or a hash set (in path or query parameter {@code param}), only the users it belongs to
     * ({@link Ownership}; admins pass).
     */
    record Rule(boolean open, Role role, Ownership.Scope scope, String param) {
        static final Rule PUBLIC = new Rule(true, null, null, null);
        static final Rule LOGGED_IN = new Rule(false, null, null, null);

        static Rule atLeast(Role role) {
            return new Rule(false, role, null, null);
        }

        boolean allows(Role userRole) {
            return open || role == null || (userRole != null && userRole.includes(role));
        }
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();

    AccessPolicy() {
        open("GET /api/health", "GET /api/ready", "GET /metrics", "GET /api/openapi.json", "POST /api/login", "GET /static/app.css", "GET /static/roomwatch-hash.js", "GET /static/case-hashing.js", "GET /static/workbench.js", "GET /static/htmx.min.js", "GET /static/image-hashing.js", "GET /static/video-hashing.js", "GET /static/video-page.js", "GET /static/echarts.min.js", "GET /static/spread-page.js", "GET /static/room-graph.js", "GET /", "GET /login",
                "POST /login");
        loggedIn("POST /logout", "POST /api/logout", "GET /api/me", "GET /api/me/tokens", "POST /api/me/tokens", "DELETE /api/me/tokens/{id}");
        role(Role.INVESTIGATOR, "GET /api/messages", "GET /api/rooms", "GET /api/rooms/{id}", "GET /api/rooms/watched",
                "GET /api/images", "GET /api/images/{sha256}", "POST /api/images/search", "POST /api/images/lookup",
                "GET /api/videos", "GET /api/videos/{sha256}", "POST /api/videos/search", "GET /api/clusters",
                "GET /api/schools", "GET /api/schools/{id}/rooms", "GET /api/schools/{id}/graph", "GET /api/mentions", "GET /api/hashsets",
                "GET /search", "GET /schools/{id}", "GET /schools/{id}/graph", "GET /clusters",
                "GET /rooms/{id}", "GET /images", "POST /images", "GET /videos", "POST /videos", "POST /api/evidence", "GET /messages/{id}", "GET /search/export.csv", "GET /schools", "GET /pick/schools", "GET /pick/rooms",
                "POST /evidence");
        role(Role.ANALYST, "GET /api/alerts", "POST /api/alerts/{id}/state", "GET /api/discovered",
                "GET /api/discovered/{id}", "POST /api/discovered/{id}/watch", "POST /api/discovered/{id}/dismiss",
                "POST /api/rooms/watched",
                "DELETE /api/rooms/watched/{name}", "GET /api/watchlists", "POST /api/watchlists",
                "POST /api/accounts/invites/check", "POST /api/accounts/invites/join",
                "POST /api/accounts/rooms/{room}/leave", "GET /api/demo/mail", "GET /watchlists", "POST /watchlists",
                "GET /alerts", "POST /alerts/{id}/state", "POST /alerts/state", "GET /discovered", "POST /discovered/{id}/dismiss", "POST /discovered/{id}/watch",
                "POST /api/cases", "GET /api/cases", "GET /cases/new", "GET /cases");
        // A victim's case, its hash set and its watchlist: the analysts it names only (need to know).
        owned(Role.ANALYST, Ownership.Scope.CASE, "number", "GET /api/cases/{number}", "GET /api/cases/{number}/export",
                "GET /api/cases/{number}/spread", "GET /api/cases/{number}/report", "GET /cases/{number}/spread",
                "GET /cases/{number}", "POST /cases/{number}/evidence");
        // Investigators read hash sets (known lists) but not a case's: that is where her photos appear.
        owned(Role.INVESTIGATOR, Ownership.Scope.HASHSET, "name", "GET /api/hashsets/{name}", "GET /api/hashsets/{name}/matches");
        owned(Role.ANALYST, Ownership.Scope.HASHSET, "name", "PUT /api/hashsets/{name}", "DELETE /api/hashsets/{name}");
        owned(Role.ANALYST, Ownership.Scope.HASHSET, "set", "GET /api/takedown");
        owned(Role.ANALYST, Ownership.Scope.WATCHLIST, "id", "GET /api/watchlists/{id}", "POST /api/watchlists/{id}/rules",
                "POST /api/watchlists/{id}/rules/image", "DELETE /api/watchlists/{id}/rules/{rule}", "GET /api/watchlists/{id}/audit",
                "GET /api/watchlists/{id}/retro", "POST /api/watchlists/{id}/retro", "GET /watchlists/{id}", "POST /watchlists/{id}",
                "POST /watchlists/{id}/rules", "POST /watchlists/{id}/rules/{rule}/delete", "POST /watchlists/{id}/rules/{rule}");
        // The outbox holds every list's mails to every recipient: for admins.
        role(Role.ADMIN, "GET /api/accounts", "GET /api/users", "POST /api/cases/{number}/members", "GET /api/alerts/mail", "POST /api/users", "POST /api/users/{name}/disable",
                "POST /api/users/{name}/enable", "POST /api/users/{name}/unlock", "POST /api/users/{name}/password", "GET /api/audit", "GET /api/audit/verify", "GET /admin/users", "GET /admin/audit", "POST /admin/users",
                "POST /admin/users/{name}/disable", "POST /admin/users/{name}/enable",
                "POST /admin/users/{name}/unlock", "POST /admin/users/{name}/password");
    }

    private void open(String... routes) {
        for (String r : routes) {
            rules.put(r, Rule.PUBLIC);
        }
    }

    private void loggedIn(String... routes) {
        for (String r : routes) {
            rules.put(r, Rule.LOGGED_IN);
        }
    }

    private void owned(Role role, Ownership.Scope scope, String param, String... routes) {
        for (String r : routes) {
            rules.put(r, new Rule(false, role, scope, param));
        }
    }

    private void role(Role role, String... routes) {
        for (String r : routes) {
            rules.put(r, Rule.atLeast(role));
        }
    }

    /** The rule of {@code "METHOD /path/{param}"} as Javalin matched it; empty when the route has none. */
    Optional<Rule> rule(String method, String path) {
        return Optional.ofNullable(rules.get(method + " " + path));
    }

    Map<String, Rule> all() {
        return Map.copyOf(rules);
    }
}
