package org.roomwatch.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A synthetic room: header, whether t.me would show its preview, and its posts (ids ascending). */
public final class SimRoom {
    private final String name;
    private final String title;
    private final String description;
    private final boolean channel;
    private final long audience;
    private final boolean preview;
    private final List<SimPost> posts = new ArrayList<>();
    // Kept as posts come and go: a page's header shows them, and counting 25,000 posts per page made the simulated
    // site the costliest part of the load benchmark's own process (a third of its CPU, taken from the server measured).
    private long photos;
    private long videos;

    public SimRoom(String name, String title, String description, boolean channel, long audience, boolean preview) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.channel = channel;
        this.audience = audience;
        this.preview = preview;
    }

    public String name() { return name; }
    public String title() { return title; }
    public String description() { return description; }
    public boolean channel() { return channel; }
    public long audience() { return audience; }
    public boolean preview() { return preview; }

    public synchronized List<SimPost> posts() {
        return Collections.unmodifiableList(new ArrayList<>(posts));
    }

    /** The oldest post's id, 0 when there is none. */
    public synchronized long firstId() {
        return posts.isEmpty() ? 0 : posts.get(0).id();
    }

    public synchronized long photoCount() {
        return photos;
    }

    public synchronized long videoCount() {
        return videos;
    }

    public synchronized long lastId() {
        return posts.isEmpty() ? 0 : posts.get(posts.size() - 1).id();
    }

    public synchronized void add(SimPost post) {
        if (post.id() <= lastId()) {
            throw new IllegalArgumentException("post ids must grow: " + post.id() + " after " + lastId());
        }
        posts.add(post);
        count(post, 1);
    }

    private void count(SimPost post, int sign) {
        photos += sign * (long) post.photos();
        videos += post.video() ? sign : 0;
    }

    /** Replaces a post in place (an edit). */
    public synchronized void replace(SimPost post) {
        count(posts.set(indexOf(post.id()), post), -1);
        count(post, 1);
    }

    /** Deletes a post, as a room's admin does: it is gone from every page. */
    public synchronized void delete(long id) {
        count(posts.remove(indexOf(id)), -1);
    }

    /** The newest {@code limit} posts with an id below {@code before} (all when before is 0), ascending. */
    public synchronized List<SimPost> page(long before, int limit) {
        int end = before == 0 ? posts.size() : indexBelow(before);
        return new ArrayList<>(posts.subList(Math.max(0, end - limit), end));
    }

    /** Where the post with {@code id} is; refused when there is none. */
    private int indexOf(long id) {
        int at = indexBelow(id);
        if (at == posts.size() || posts.get(at).id() != id) {
            throw new IllegalArgumentException("no post " + id);
        }
        return at;
    }

    /** How many posts have an id below {@code id}: ids grow, so the posts are in id order and a binary search finds it. */
    private int indexBelow(long id) {
        int lo = 0;
        int hi = posts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (posts.get(mid).id() < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
