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

    /** One document per distinct image (by SHA-256): its hashes and where and when it was seen. Never the image. */
    public String media() {
        return prefix + "media";
    }

    /** Alerts raised by watchlists: one per list and message. */
    public String alerts() {
        return prefix + "alerts";
    }

    public java.util.List<String> all() {
        return java.util.List.of(messages(), messageVersions(), rooms(), roomVersions(), media(), alerts());
    }
}
