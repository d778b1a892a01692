package org.roomwatch.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What makes the audit log tamper-evident beyond the database: a key kept in a file outside it seals each entry
 * (HMAC-SHA256 of the entry's hash, which covers the whole chain before it), and a checkpoint file beside the key
 * records the latest entry written. Whoever can write the database can neither rewrite entries (their seals would not
 * match) nor cut the tail (the checkpoint names an entry that is gone).
 */
public final class AuditSeal {
    /** The latest entry this process sealed, as recorded outside the database. */
    public record Checkpoint(long seq, String mac) {}

    private final byte[] key;
    private final Path checkpointFile;

    private AuditSeal(byte[] key, Path checkpointFile) {
        this.key = key;
        this.checkpointFile = checkpointFile;
    }

    /** The key in {@code keyFile}, made there on first use (owner-only from its creation); the checkpoint beside it. */
    public static AuditSeal loadOrCreate(Path keyFile) {
        try {
            Path parent = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    // Created owner-only, then written: the key is never readable by others, not even for a moment.
                    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(keyFile, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException e) {
                    // another process made it first: use theirs
                }
            }
            String text = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
            if (!text.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("the audit key file " + keyFile + " does not hold a 64-digit hex key;"
                        + " restore it from the backup (without it the log's seals cannot be checked)");
            }
            return new AuditSeal(HexFormat.of().parseHex(text), Path.of(keyFile + ".checkpoint"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make the audit key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** The seal of an entry whose SHA-256 is {@code sha256}. */
    public String mac(String sha256) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(sha256.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** Records the latest sealed entry outside the database (written whole, then moved into place). */
    public void checkpoint(long seq, String mac) {
        try {
            Path temp = Files.createTempFile(checkpointFile.toAbsolutePath().getParent(), "audit-checkpoint", ".tmp");
            Files.writeString(temp, seq + " " + mac + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, checkpointFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, checkpointFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the audit checkpoint " + checkpointFile + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint, if one was written. */
    public Optional<Checkpoint> checkpoint() {
        try {
            if (!Files.exists(checkpointFile)) {
                return Optional.empty();
            }
            List<String> parts = List.of(Files.readString(checkpointFile, StandardCharsets.US_ASCII).strip().split(" "));
            return Optional.of(new Checkpoint(Long.parseLong(parts.get(0)), parts.get(1)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the audit checkpoint " + checkpointFile + " is unreadable: " + e.getMessage(), e);
        }
    }
}
