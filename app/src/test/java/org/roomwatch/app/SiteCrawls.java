package org.roomwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Waiting for a running roomwatch to have crawled the simulated site's rooms, and for their photo posts to be searchable. */
final class SiteCrawls {
    private SiteCrawls() {}

    /** Until each room's cursor stands at its last post's id. */
    static void awaitCrawled(Roomwatch app, Map<String, Long> lastPostByRoom) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Map.Entry<String, Long> e : lastPostByRoom.entrySet()) {
                all &= app.registry().position(e.getKey()).cursor() == e.getValue();
            }
            if (all) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rooms were never crawled: " + lastPostByRoom.keySet());
    }

    /** Until {@code posts} messages with media are searchable through the API. */
    static void awaitMediaPosts(ApiSession session, String base, long posts) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long found = 0;
        while (System.nanoTime() < deadline) {
            found = json.readTree(session.get(base + "/api/messages?hasMedia=true").body()).path("total").asLong();
            if (found == posts) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the photo posts never became searchable: " + found + " of " + posts);
    }
}
