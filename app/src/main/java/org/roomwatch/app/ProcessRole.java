package org.roomwatch.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What one {@code roomwatch serve} process does; a deployment splits them across processes. Every role serves
 * health, readiness and metrics.
 */
enum ProcessRole {
    /** Runs the crawl scheduler (clustered with the other crawler processes), matches watchlists, queues alert mail. */
    CRAWLER,
    /** Serves investigators: the API and the pages; schedules rooms it is told to watch, crawls none itself. */
    API,
    /** Sends the queued alert mail and the digests. */
    ALERTS;

    static Set<ProcessRole> all() {
        return EnumSet.allOf(ProcessRole.class);
    }

    /** {@code "crawler,api"}: a clear error naming what is allowed when a word is wrong. */
    static Set<ProcessRole> parse(String text) {
        Set<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
        for (String word : text.split(",")) {
            String w = word.trim().toUpperCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            try {
                roles.add(ProcessRole.valueOf(w));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + word.trim() + "': use crawler, api and/or alerts,"
                        + " separated by commas");
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role given: use crawler, api and/or alerts, separated by commas");
        }
        return roles;
    }
}
