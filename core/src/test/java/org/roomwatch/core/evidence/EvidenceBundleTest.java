package org.roomwatch.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleTest {
    @TempDir
    Path dir;

    private static EvidenceBundle.Contents contents() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", "telegram:hanbit_room:17");
        message.put("platform", "telegram");
        message.put("room", "hanbit_room");
        message.put("message_id", 17);
        message.put("permalink", "https://t.me/hanbit_room/17");
        message.put("text", "=HYPERLINK(\"x\") 가상중학교 합성, \"따옴표\"\n둘째 줄");
        message.put("media_sha256", List.of("a".repeat(64)));
        message.put("captured_at", "2026-10-01T00:00:17Z");
        message.put("seen_through", "https://t.me/s/hanbit_room");
        message.put("raw_sha256", "b".repeat(64));
        Map<String, Object> room = new LinkedHashMap<>();
        room.put("id", "telegram:hanbit_room");
        room.put("platform", "telegram");
        room.put("name", "hanbit_room");
        room.put("title", "가상 방");
        room.put("captured_at", "2026-10-01T00:00:00Z");
        room.put("seen_through", "https://t.me/s/hanbit_room");
        room.put("raw_sha256", "c".repeat(64));
        return new EvidenceBundle.Contents("officer.kim", Instant.parse("2026-11-21T09:00:00Z"), "2026-서울-0001",
                "prosecutor's request (synthetic)", List.of(message), List.of(room));
    }

    private Path bundle(EvidenceKey key) throws Exception {
        Path zip = dir.resolve("bundle.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            EvidenceBundle.Written written = EvidenceBundle.write(contents(), key, out);
            assertEquals(9, written.files());
            assertEquals(EvidenceKey.fingerprint(key.publicKey()), written.keyFingerprint());
        }
        return zip;
    }

    /** A copy of the bundle with each entry's bytes passed through {@code change} (null drops the entry). */
    private Path rewrite(Path zip, String name, BiFunction<String, byte[], byte[]> change) throws Exception {
        Path out = dir.resolve(name);
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = change.apply(e.getName(), in.getInputStream(e).readAllBytes());
                if (bytes != null) {
                    copy.putNextEntry(new ZipEntry(e.getName()));
                    copy.write(bytes);
                    copy.closeEntry();
                }
            }
        }
        return out;
    }

    @Test
    void aBundleVerifiesAndHoldsRecordsAndCapturesOnly() throws Exception {
        EvidenceKey key = EvidenceKey.loadOrCreate(dir.resolve("keys/evidence.pem"));
        Path zip = bundle(key);
        BundleVerifier.Report report = BundleVerifier.verify(zip, null);
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(6, report.filesChecked());
        assertEquals(EvidenceKey.fingerprint(key.publicKey()), report.fingerprint());
        assertTrue(BundleVerifier.verify(zip, key.publicKey()).ok(), "with the published key too");
        try (ZipFile in = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            in.entries().asIterator().forEachRemaining(e -> names.add(e.getName()));
            assertEquals(List.of("records/messages.json", "records/messages.csv", "records/rooms.json", "records/rooms.csv",
                    "records/captures.csv", "README.txt", "manifest.json", "manifest.sig", "public-key.pem"), names);
            String csv = new String(in.getInputStream(in.getEntry("records/messages.csv")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\") 가상중학교 합성, \"\"따옴표\"\"\n둘째 줄\""), csv);
            String captures = new String(in.getInputStream(in.getEntry("records/captures.csv")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(captures.contains("message,telegram:hanbit_room:17,telegram,https://t.me/hanbit_room/17,"
                    + "https://t.me/s/hanbit_room,2026-10-01T00:00:17Z," + "b".repeat(64)), captures);
            assertTrue(captures.contains("room,telegram:hanbit_room,telegram,https://t.me/s/hanbit_room"), captures);
        }
    }

    @Test
    void oneAlteredByteIsFoundAndTheFileNamed() throws Exception {
        EvidenceKey key = EvidenceKey.loadOrCreate(dir.resolve("evidence.pem"));
        Path zip = bundle(key);
        Path altered = rewrite(zip, "altered.zip", (name, bytes) -> {
            if (name.equals("records/messages.csv")) {
                bytes[bytes.length - 5] ^= 1;
            }
            return bytes;
        });
        BundleVerifier.Report report = BundleVerifier.verify(altered, null);
        assertFalse(report.ok());
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("records/messages.csv: altered"), report.problems().toString());

        Path manifest = rewrite(zip, "manifest.zip", (name, bytes) -> {
            if (name.equals("manifest.json")) {
                bytes[20] ^= 1;
            }
            return bytes;
        });
        assertTrue(BundleVerifier.verify(manifest, null).problems().get(0).startsWith("manifest.json: the signature does not verify"));

        Path missing = rewrite(zip, "missing.zip", (name, bytes) -> name.equals("records/rooms.json") ? null : bytes);
        assertEquals(List.of("records/rooms.json: listed in the manifest but missing from the bundle"),
                BundleVerifier.verify(missing, null).problems());

        Path extra = rewrite(zip, "extra.zip", (name, bytes) -> bytes);
        try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(extra)) {
            Files.writeString(fs.getPath("records/photo.txt"), "added later");
        }
        assertEquals(List.of("records/photo.txt: not in the manifest (added after signing)"), BundleVerifier.verify(extra, null).problems());
    }

    @Test
    void anotherKeyOrNoBundleAtAllIsSaidPlainly() throws Exception {
        EvidenceKey key = EvidenceKey.loadOrCreate(dir.resolve("evidence.pem"));
        EvidenceKey other = EvidenceKey.loadOrCreate(dir.resolve("other.pem"));
        Path zip = bundle(key);
        BundleVerifier.Report report = BundleVerifier.verify(zip, other.publicKey());
        assertFalse(report.ok());
        assertTrue(report.problems().get(0).startsWith("public-key.pem: the bundle carries key " + EvidenceKey.fingerprint(key.publicKey())),
                report.problems().toString());
        assertTrue(report.problems().get(1).startsWith("manifest.json: the signature does not verify"), report.problems().toString());

        Path notZip = Files.writeString(dir.resolve("not.zip"), "this is not a zip");
        assertTrue(BundleVerifier.verify(notZip, null).problems().get(0).contains("not a ZIP file or damaged"));
        assertTrue(BundleVerifier.verify(dir.resolve("absent.zip"), null).problems().get(0).contains("cannot be read"));
    }

    @Test
    void theKeyIsKeptForItsOwnerAndABrokenKeyFileIsRefusedByName() throws Exception {
        Path file = dir.resolve("evidence.pem");
        EvidenceKey made = EvidenceKey.loadOrCreate(file);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(EvidenceKey.fingerprint(made.publicKey()), EvidenceKey.fingerprint(EvidenceKey.loadOrCreate(file).publicKey()));

        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EvidenceKey.loadOrCreate(broken));
        assertTrue(e.getMessage().startsWith("the evidence key " + broken + " is not an Ed25519 private key in PEM"), e.getMessage());
        String privateOnly = Files.readString(file);
        Path half = Files.writeString(dir.resolve("half.pem"), privateOnly.substring(0, privateOnly.indexOf("-----BEGIN PUBLIC KEY")));
        assertTrue(assertThrows(IllegalStateException.class, () -> EvidenceKey.loadOrCreate(half)).getMessage().contains("no -----BEGIN PUBLIC KEY----- block"));
    }
}
