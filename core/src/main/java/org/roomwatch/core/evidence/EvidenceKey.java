package org.roomwatch.core.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.roomwatch.core.text.Sha256;

/**
 * The deployment's Ed25519 key that signs evidence bundles (the JDK's own Ed25519; no library). Kept in one PEM file
 * readable by its owner only (the PKCS#8 private key, then the public key, which the JDK cannot derive from it), made
 * on first use; its public half travels in every bundle, and its fingerprint is what a prosecutor compares with the
 * one the unit publishes.
 */
public final class EvidenceKey {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private EvidenceKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key at {@code file}, or makes one there (owner-only) when the file does not exist. */
    public static EvidenceKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII);
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(pem(text, PRIVATE, file.toString())));
                EvidenceKey loaded = new EvidenceKey(key, publicKey(text, file.toString()));
                byte[] probe = "roomwatch evidence key check".getBytes(StandardCharsets.US_ASCII);
                if (!verify(loaded.publicKey, probe, loaded.sign(probe))) {
                    throw new IllegalArgumentException("its public key is not the private key's pair");
                }
                return loaded;
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            try {
                // Owner-only from its creation: the private key is never readable by others, not even for a moment.
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary); // not a POSIX file system: its own access rules apply
            }
            Files.writeString(temporary, toPem(PRIVATE, pair.getPrivate().getEncoded()) + toPem(PUBLIC, pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new EvidenceKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the evidence key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the evidence key " + file + " is not an Ed25519 private key in PEM: " + e.getMessage(), e);
        }
    }

    /** The public key from a PEM text ("-----BEGIN PUBLIC KEY-----"). */
    public static PublicKey publicKey(String pem, String where) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pem(pem, PUBLIC, where)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign: " + e.getMessage(), e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicPem() {
        return toPem(PUBLIC, publicKey.getEncoded());
    }

    /** SHA-256 of the public key's encoding, as 16 groups of 4 hex digits: what people compare. */
    public static String fingerprint(PublicKey key) {
        return String.join(":", Sha256.hex(key.getEncoded()).split("(?<=\\G.{4})"));
    }

    private static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(String text, String type, String where) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(where + " has no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
