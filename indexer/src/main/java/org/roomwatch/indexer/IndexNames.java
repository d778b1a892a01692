package org.roomwatch.indexer;

/** Index names, all under one configurable prefix so deployments and test classes can share a cluster. */
public record IndexNames(String prefix) {
    public IndexNames {
        prefix = prefix == null ? "" : prefix;
    }

    public String messages() {
        return prefix + "messages";
    }

    public String messageVersions() {
        return prefix + "message-versions";
    }

    public String rooms() {
        return prefix + "rooms";
    }

    public String roomVersions() {
        return prefix + "room-versions";
    }
}
