package org.roomwatch.core.search;

/** The paging rules every search shares. */
public final class Paging {
    private Paging() {}

    static void check(int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
        if (size < 1 || size > MessageQuery.MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MessageQuery.MAX_SIZE + ", got " + size);
        }
        if ((long) page * size > MessageQuery.MAX_WINDOW) {
            throw new IllegalArgumentException("page * size must not exceed " + MessageQuery.MAX_WINDOW
                    + "; narrow the search, or page on with a cursor (GET /api/messages?cursor=&skip=N)");
        }
    }
}
