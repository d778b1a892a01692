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

    public synchronized long lastId() {
        return posts.isEmpty() ? 0 : posts.get(posts.size() - 1).id();
    }

    public synchronized void add(SimPost post) {
        if (post.id() <= lastId()) {
            throw new IllegalArgumentException("post ids must grow: " + post.id() + " after " + lastId());
        }
        posts.add(post);
    }

    /** Replaces a post in place (an edit). */
    public synchronized void replace(SimPost post) {
        for (int i = 0; i < posts.size(); i++) {
            if (posts.get(i).id() == post.id()) {
                posts.set(i, post);
                return;
            }
        }
        throw new IllegalArgumentException("no post " + post.id());
    }

    /** Deletes a post, as a room's admin does: it is gone from every page. */
    public synchronized void delete(long id) {
        if (!posts.removeIf(p -> p.id() == id)) {
            throw new IllegalArgumentException("no post " + id);
        }
    }

    /** The newest {@code limit} posts with an id below {@code before} (all when before is 0), ascending. */
    public synchronized List<SimPost> page(long before, int limit) {
        List<SimPost> older = new ArrayList<>();
        for (SimPost post : posts) {
            if (before == 0 || post.id() < before) {
                older.add(post);
            }
        }
        return new ArrayList<>(older.subList(Math.max(0, older.size() - limit), older.size()));
    }
}
