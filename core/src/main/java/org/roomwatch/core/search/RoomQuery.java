package org.roomwatch.core.search;

/** A room search: text over title and description, platform, member-count range. */
public record RoomQuery(String text, String platform, Long minMembers, Long maxMembers, int page, int size) {
    public RoomQuery {
        Paging.check(page, size);
        if (minMembers != null && maxMembers != null && minMembers > maxMembers) {
            throw new IllegalArgumentException("minMembers is greater than maxMembers");
        }
    }
}
