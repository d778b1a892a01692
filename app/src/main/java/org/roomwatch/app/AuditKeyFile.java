package org.roomwatch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.roomwatch.controlplane.AuditSeal;
import org.roomwatch.core.config.RoomwatchConfig;

/** Where the audit log's sealing key lives: {@code security.auditKeyFile}, or beside the H2 database by default. */
final class AuditKeyFile {
    private AuditKeyFile() {}

    static Path of(RoomwatchConfig config) {
        String configured = config.security().auditKeyFile();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return config.database().localDirectory().map(dir -> dir.resolve("audit-hmac.key")).orElse(Path.of("./data/audit-hmac.key"));
    }

    /** The seal, made on first use: for processes that write the log. */
    static AuditSeal seal(RoomwatchConfig config) {
        return AuditSeal.loadOrCreate(of(config));
    }

    /** The seal if its key exists: checking a log must never make a new key (that would hide a lost one). */
    static Optional<AuditSeal> existing(RoomwatchConfig config) {
        Path file = of(config);
        return Files.exists(file) ? Optional.of(AuditSeal.loadOrCreate(file)) : Optional.empty();
    }
}
