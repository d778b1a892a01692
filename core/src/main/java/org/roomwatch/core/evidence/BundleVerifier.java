package org.roomwatch.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an evidence bundle: the manifest's signature (by the given trusted key, else by the key in the bundle,
 * whose fingerprint the report gives for comparison), then every file against the manifest. Each problem names the
 * file: an altered byte anywhere shows as that file's digest mismatch, or as a failed signature when it is in the
 * manifest itself.
 */
public final class BundleVerifier {
    /** What the check found; {@code ok} when there is no problem. */
    public record Report(boolean ok, String fingerprint, int filesChecked, List<String> problems) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OWN = Set.of(EvidenceBundle.MANIFEST, EvidenceBundle.SIGNATURE, EvidenceBundle.PUBLIC_KEY);

    private BundleVerifier() {}

    /** {@code trusted} may be null: the bundle's own key is used and its fingerprint reported. */
    public static Report verify(Path bundle, PublicKey trusted) {
        List<String> problems = new ArrayList<>();
        Map<String, Digest> digests = new LinkedHashMap<>();
        Map<String, byte[]> own = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
                    problems.add(name + ": a path outside the bundle");
                    continue;
                }
                if (digests.containsKey(name) || own.containsKey(name)) {
                    problems.add(name + ": appears twice");
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (OWN.contains(name)) {
                        own.put(name, in.readNBytes(10 * 1024 * 1024));
                    } else {
                        digests.put(name, digest(in));
                    }
                } catch (ZipException e) {
                    problems.add(name + ": cannot be read (" + e.getMessage() + ")");
                }
            }
        } catch (ZipException e) {
            return new Report(false, null, 0, List.of(bundle + ": not a ZIP file or damaged (" + e.getMessage() + ")"));
        } catch (IOException e) {
            return new Report(false, null, 0, List.of(bundle + ": cannot be read (" + e.getMessage() + ")"));
        }

        byte[] manifestBytes = own.get(EvidenceBundle.MANIFEST);
        byte[] signature = own.get(EvidenceBundle.SIGNATURE);
        if (manifestBytes == null || signature == null) {
            problems.add((manifestBytes == null ? EvidenceBundle.MANIFEST : EvidenceBundle.SIGNATURE) + ": missing");
            return new Report(false, null, 0, problems);
        }
        PublicKey key = trusted;
        PublicKey embedded = null;
        byte[] pem = own.get(EvidenceBundle.PUBLIC_KEY);
        if (pem != null) {
            try {
                embedded = EvidenceKey.publicKey(new String(pem, StandardCharsets.US_ASCII), EvidenceBundle.PUBLIC_KEY);
            } catch (IllegalArgumentException e) {
                problems.add(EvidenceBundle.PUBLIC_KEY + ": " + e.getMessage());
            }
        }
        if (key == null) {
            key = embedded;
        } else if (embedded != null && !embedded.equals(trusted)) {
            problems.add(EvidenceBundle.PUBLIC_KEY + ": the bundle carries key " + EvidenceKey.fingerprint(embedded)
                    + ", not the trusted key " + EvidenceKey.fingerprint(trusted));
        }
        if (key == null) {
            problems.add(EvidenceBundle.PUBLIC_KEY + ": missing, and no trusted key was given");
            return new Report(false, null, 0, problems);
        }
        String fingerprint = EvidenceKey.fingerprint(key);
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(new String(signature, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            sig = new byte[0];
        }
        if (!EvidenceKey.verify(key, manifestBytes, sig)) {
            problems.add(EvidenceBundle.MANIFEST + ": the signature does not verify (" + EvidenceBundle.MANIFEST + " or "
                    + EvidenceBundle.SIGNATURE + " was altered, or another key signed it)");
        }

        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            problems.add(EvidenceBundle.MANIFEST + ": not JSON (" + e.getMessage() + ")");
            return new Report(false, fingerprint, 0, problems);
        }
        if (!EvidenceBundle.FORMAT.equals(manifest.path("format").asText())) {
            problems.add(EvidenceBundle.MANIFEST + ": format is '" + manifest.path("format").asText() + "', expected "
                    + EvidenceBundle.FORMAT);
        }
        Set<String> listed = new LinkedHashSet<>();
        int checked = 0;
        for (JsonNode file : manifest.path("files")) {
            String path = file.path("path").asText();
            listed.add(path);
            Digest actual = digests.get(path);
            if (actual == null) {
                problems.add(path + ": listed in the manifest but missing from the bundle");
                continue;
            }
            checked++;
            if (!actual.sha256().equals(file.path("sha256").asText()) || actual.bytes() != file.path("bytes").asLong()) {
                problems.add(path + ": altered (SHA-256 " + actual.sha256() + ", " + actual.bytes() + " bytes; the manifest says "
                        + file.path("sha256").asText() + ", " + file.path("bytes").asLong() + " bytes)");
            }
        }
        for (String path : digests.keySet()) {
            if (!listed.contains(path)) {
                problems.add(path + ": not in the manifest (added after signing)");
            }
        }
        return new Report(problems.isEmpty(), fingerprint, checked, List.copyOf(problems));
    }

    private record Digest(String sha256, long bytes) {}

    private static Digest digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long bytes = 0;
            try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
                byte[] buffer = new byte[65536];
                int n;
                while ((n = digesting.read(buffer)) > 0) {
                    bytes += n;
                }
            }
            return new Digest(HexFormat.of().formatHex(sha.digest()), bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
