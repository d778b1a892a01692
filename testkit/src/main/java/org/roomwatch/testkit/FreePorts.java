package org.roomwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A loopback port no one listens on at this moment (for a server a test starts, or one it wants to find silent). */
public final class FreePorts {
    private FreePorts() {}

    public static int pick() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }
}
