package org.roomwatch.crawler.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.config.ConfigLoader;

/**
 * The key TDLib encrypts the accounts' databases with: from the ROOMWATCH_TDLIB_KEY variable, or else from
 * {@code accounts.keyFile}, which only its owner may read. Never from the configuration. Whatever its length, the
 * secret is stretched to TDLib's 32 bytes with SHA-256.
 */
public final class AccountKey {
    private AccountKey() {}

    public static byte[] load(Map<String, String> environment, String keyFile) {
        String fromEnvironment = environment.get(ConfigLoader.TDLIB_KEY_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return stretch(ConfigLoader.TDLIB_KEY_VARIABLE, fromEnvironment.strip());
        }
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalStateException("no key for the accounts' databases: set " + ConfigLoader.TDLIB_KEY_VARIABLE
                    + " or accounts.keyFile (a file only roomwatch's user can read)");
        }
        Path file = Path.of(keyFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("accounts.keyFile " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)) {
                if (permissions.contains(p)) {
                    throw new IllegalStateException("accounts.keyFile " + file + " may be read or changed by other users: "
                            + "run chmod 600 " + file);
                }
            }
            return stretch("accounts.keyFile " + file, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("cannot check who may read " + file + " on this filesystem", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read accounts.keyFile " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] stretch(String where, String secret) {
        if (secret.length() < 16) {
            throw new IllegalStateException(where + " holds " + secret.length() + " characters; use at least 16 random ones");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
