package org.roomwatch.api;

import java.util.List;

/**
 * The audit trail in words: what a route did ("사건 보기" rather than {@code GET /cases/{number}}) and how it ended,
 * and the kinds of action the audit page filters by. A route without words here is shown as it is.
 */
final class AuditWords {
    /** A kind of action: its key (words in the i18n files) and the part of a route that marks it. */
    record Kind(String key, String routePart) {}

    /** The kinds the audit page offers, in the order an auditor thinks of them. */
    static final List<Kind> KINDS = List.of(new Kind("login", "login"), new Kind("evidence", "evidence"), new Kind("case", "/cases"),
            new Kind("search", "search"), new Kind("message", "/messages/"), new Kind("export", "export"),
            new Kind("takedown", "takedown"), new Kind("watchlist", "watchlists"), new Kind("alert", "alerts"),
            new Kind("image", "images"), new Kind("room", "/rooms"), new Kind("users", "/users"), new Kind("audit", "/audit"));

    private AuditWords() {}

    /** What the route did, in words; the route itself when it has none. */
    static String action(String lang, String route) {
        if (route == null) {
            return "";
        }
        String method = route.contains(" ") ? route.substring(0, route.indexOf(' ')) : "";
        String key = key(method, route);
        return key == null ? route : I18n.t(lang, "audit.a." + key);
    }

    private static String key(String method, String route) {
        boolean read = method.equals("GET");
        if (route.contains("login")) return "login";
        if (route.contains("logout")) return "logout";
        if (route.contains("evidence")) return "evidence";
        if (route.contains("takedown")) return "takedown";
        if (route.contains("/cases")) {
            if (route.contains("/members")) return "caseMember";
            if (route.contains("/export")) return "caseExport";
            if (route.contains("{number}")) return "caseRead";
            return read ? "caseList" : "caseOpen";
        }
        if (route.contains("export.csv")) return "searchExport";
        if (route.equals("GET /search") || route.equals("GET /api/messages")) return "search";
        if (route.contains("/messages/")) return "message";
        if (route.contains("watchlists")) return read ? "watchlistRead" : "watchlistChange";
        if (route.contains("alerts")) return read ? "alertRead" : "alertChange";
        if (route.contains("images")) return "image";
        if (route.contains("/rooms")) return read ? "room" : "roomChange";
        if (route.contains("/schools") || route.contains("/pick/")) return "school";
        if (route.contains("discovered")) return read ? "discoveredRead" : "discoveredChange";
        if (route.contains("hashsets")) return read ? "hashsetRead" : "hashsetChange";
        if (route.contains("/users")) return read ? "userRead" : "userChange";
        if (route.contains("/audit")) return "audit";
        return null;
    }

    /** How it ended: before it acted (status 0), done with its count, or refused and why. */
    static String outcome(String lang, int status, Integer results) {
        if (status == 0) {
            return I18n.t(lang, "audit.o.started");
        }
        if (status < 300) {
            return results == null ? I18n.t(lang, "audit.o.ok") : I18n.format(lang, "audit.o.okCount", String.format("%,d", results));
        }
        if (status < 400) {
            return I18n.t(lang, "audit.o.redirect");
        }
        if (status == 401 || status == 403 || status == 404) {
            return I18n.format(lang, "audit.o.refused", status);
        }
        return I18n.format(lang, status < 500 ? "audit.o.bad" : "audit.o.failed", status);
    }
}
