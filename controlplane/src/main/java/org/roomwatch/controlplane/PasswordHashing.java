package org.roomwatch.controlplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}), with the parameters
 * OWASP recommends (19 MiB, 2 passes, 1 lane). The parameters travel in the string, so they can be raised later
 * without breaking stored hashes.
 */
final class PasswordHashing {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /**
     * Argon2 is meant to be costly (19 MiB and two passes each): at most this many run at once, whatever the number of
     * logins arriving, so a flood of them queues instead of taking every core and the memory with it.
     */
    private static final java.util.concurrent.Semaphore RUNNING = new java.util.concurrent.Semaphore(
            Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    private PasswordHashing() {}

    /** Runs one Argon2 derivation within the concurrency bound. */
    private static byte[] bounded(String password, byte[] salt, int memory, int iterations, int lanes, int length) {
        RUNNING.acquireUninterruptibly();
        try {
            return derive(password, salt, memory, iterations, lanes, length);
        } finally {
            RUNNING.release();
        }
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = bounded(password, salt, MEMORY_KIB, ITERATIONS, LANES, LENGTH);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    static boolean matches(String password, String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int lanes = 0;
        for (String p : parts[3].split(",")) {
            String[] kv = p.split("=");
            switch (kv[0]) {
                case "m" -> memory = Integer.parseInt(kv[1]);
                case "t" -> iterations = Integer.parseInt(kv[1]);
                case "p" -> lanes = Integer.parseInt(kv[1]);
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = bounded(password, salt, memory, iterations, lanes, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** A hash to compare against when the user does not exist, so that a missing user takes as long as a wrong password. */
    static final String DECOY = hash("decoy password that matches nothing " + RANDOM.nextLong());

    private static byte[] derive(String password, byte[] salt, int memory, int iterations, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory).withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
