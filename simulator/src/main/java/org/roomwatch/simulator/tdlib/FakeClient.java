package org.roomwatch.simulator.tdlib;

import java.nio.file.Path;

/** One client's state, as TDLib keeps it per td_create_client_id. */
final class FakeClient {
    final int id;
    String state = "";
    Path database;
    Path files;
    String keyDigest;
    FakeAccount account;
    String pendingPhone;
    boolean started;

    FakeClient(int id) {
        this.id = id;
    }
}
