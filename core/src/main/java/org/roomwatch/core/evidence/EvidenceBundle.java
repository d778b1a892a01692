package org.roomwatch.core.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.roomwatch.core.text.Csv;
import org.roomwatch.core.text.Sha256;

/**
 * An evidence bundle: a ZIP with the selected records as JSON and CSV, the capture details of each (source,
 * permalink, the account or URL it came through, capture time, SHA-256 of the raw payload), a manifest listing every
 * file's SHA-256 and size, a detached Ed25519 signature over the manifest, and the public key. Records are the
 * index's documents: text, metadata and hashes. No media, ever: there is none to put in.
 */
public final class EvidenceBundle {
    public static final String FORMAT = "roomwatch-evidence/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String PUBLIC_KEY = "public-key.pem";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final List<String> MESSAGE_COLUMNS = List.of("id", "platform", "room", "message_id", "permalink",
            "posted_at", "author", "text", "forwarded_from", "reply_to", "views", "edited", "media_sha256", "captured_at",
            "deleted_at", "seen_through", "raw_sha256", "content_sha256");
    private static final List<String> ROOM_COLUMNS = List.of("id", "platform", "name", "title", "description", "kind",
            "members", "subscribers", "has_preview", "invite", "captured_at", "seen_through", "raw_sha256");
    private static final List<String> CAPTURE_COLUMNS = List.of("record", "id", "source", "location", "seen_through",
            "captured_at", "raw_sha256");

    /**
     * What a bundle holds: the index's documents, each with its id under {@code "id"}, and who made it for what;
     * and further files by their path in the bundle (the case's spread report), listed and signed like the rest.
     * {@code caseNumber} and {@code reason} may be null.
     */
    public record Contents(String createdBy, Instant createdAt, String caseNumber, String reason,
                           List<Map<String, Object>> messages, List<Map<String, Object>> rooms, Map<String, byte[]> attachments) {
        public Contents {
            attachments = attachments == null ? Map.of() : Map.copyOf(attachments);
        }

        public Contents(String createdBy, Instant createdAt, String caseNumber, String reason,
                        List<Map<String, Object>> messages, List<Map<String, Object>> rooms) {
            this(createdBy, createdAt, caseNumber, reason, messages, rooms, Map.of());
        }
    }

    /** The manifest's own SHA-256 and the fingerprint of the key that signed it, for the audit entry. */
    public record Written(String manifestSha256, String keyFingerprint, int files) {}

    private EvidenceBundle() {}

    public static Written write(Contents contents, EvidenceKey key, OutputStream out) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("records/messages.json", JSON.writeValueAsBytes(contents.messages()));
        files.put("records/messages.csv", csv(MESSAGE_COLUMNS, contents.messages()));
        files.put("records/rooms.json", JSON.writeValueAsBytes(contents.rooms()));
        files.put("records/rooms.csv", csv(ROOM_COLUMNS, contents.rooms()));
        files.put("records/captures.csv", captures(contents));
        new java.util.TreeMap<>(contents.attachments()).forEach(files::put);
        String fingerprint = EvidenceKey.fingerprint(key.publicKey());
        files.put("README.txt", readme(contents, fingerprint));

        List<Map<String, Object>> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", f.getKey());
            entry.put("sha256", Sha256.hex(f.getValue()));
            entry.put("bytes", f.getValue().length);
            listed.add(entry);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("createdAt", contents.createdAt().toString());
        manifest.put("createdBy", contents.createdBy());
        manifest.put("case", contents.caseNumber());
        manifest.put("reason", contents.reason());
        manifest.put("records", Map.of("messages", contents.messages().size(), "rooms", contents.rooms().size()));
        manifest.put("signingKey", Map.of("algorithm", "Ed25519", "fingerprint", fingerprint, "file", PUBLIC_KEY));
        manifest.put("signature", SIGNATURE);
        manifest.put("files", listed);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);

        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                put(zip, f.getKey(), f.getValue(), contents.createdAt());
            }
            put(zip, MANIFEST, manifestBytes, contents.createdAt());
            put(zip, SIGNATURE, (Base64.getEncoder().encodeToString(key.sign(manifestBytes)) + "\n")
                    .getBytes(StandardCharsets.US_ASCII), contents.createdAt());
            put(zip, PUBLIC_KEY, key.publicPem().getBytes(StandardCharsets.US_ASCII), contents.createdAt());
        }
        return new Written(Sha256.hex(manifestBytes), fingerprint, files.size() + 3);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, Instant at) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(at.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] csv(List<String> columns, List<Map<String, Object>> records) {
        StringBuilder out = new StringBuilder(Csv.header(columns));
        for (Map<String, Object> r : records) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(Csv.cell(text(r.get(c))));
            }
            out.append(Csv.row(cells));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row per record: where and how it was captured, and the digest of what was captured. */
    private static byte[] captures(Contents contents) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> m : contents.messages()) {
            rows.add(capture("message", m, m.get("permalink")));
        }
        for (Map<String, Object> r : contents.rooms()) {
            rows.add(capture("room", r, r.get("seen_through")));
        }
        return csv(CAPTURE_COLUMNS, rows);
    }

    private static Map<String, Object> capture(String kind, Map<String, Object> record, Object location) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("record", kind);
        row.put("id", record.get("id"));
        row.put("source", record.get("platform"));
        row.put("location", location);
        row.put("seen_through", record.get("seen_through"));
        row.put("captured_at", record.get("captured_at"));
        row.put("raw_sha256", record.get("raw_sha256"));
        return row;
    }

    private static byte[] readme(Contents contents, String fingerprint) {
        String text = """
                roomwatch evidence bundle (%s)

                Made %s by %s%s%s.
                %d message record(s), %d room record(s): text, metadata and hashes as captured; no images or videos.

                records/*.json and records/*.csv hold the records; records/captures.csv says where and when each was
                captured and the SHA-256 of the raw payload it was parsed from. manifest.json lists every file with
                its SHA-256; manifest.sig is an Ed25519 signature over manifest.json by the key in public-key.pem,
                whose fingerprint is
                    %s
                Compare it with the fingerprint the unit publishes, then check the bundle:
                    roomwatch evidence verify THIS.zip [--key PUBLISHED-KEY.pem]
                """.formatted(FORMAT, contents.createdAt(), contents.createdBy(),
                contents.caseNumber() == null ? "" : " for case " + contents.caseNumber(),
                contents.reason() == null ? "" : " (" + contents.reason() + ")",
                contents.messages().size(), contents.rooms().size(), fingerprint);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
