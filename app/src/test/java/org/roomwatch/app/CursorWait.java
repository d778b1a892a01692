package org.roomwatch.app;

import java.time.Duration;

/** Waits, in a bounded polling loop, until an in-process roomwatch has stored a room's cursor at a given post. */
final class CursorWait {
    private CursorWait() {}

    static void awaitCursor(Roomwatch app, String room, long id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (app.registry().position(room).cursor() == id) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the cursor never reached " + id + ": " + app.registry().position(room));
    }
}
