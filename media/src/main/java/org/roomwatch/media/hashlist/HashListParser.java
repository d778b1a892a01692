package org.roomwatch.media.hashlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.roomwatch.media.Vpdq;

/**
 * Reads known-hash lists in the forms they arrive in:
 * <ul>
 *   <li>CSV or plain lines: a header naming the columns ({@code pdq}, {@code md5}, {@code sha256}, and optionally
 *       {@code label} or {@code id}), in any order; or no header, one hash per line, 32 hex digits read as MD5 and
 *       64 as PDQ (hash lists of this kind carry PDQ; a SHA-256 list needs its header). Blank lines and lines
 *       starting with {@code #} are skipped.</li>
 *   <li>StopNCII-style JSON: records with {@code signalType} ({@code ImagePDQ}, {@code VideoMD5}, {@code ImageMD5},
 *       or {@code VideoVPDQ} whose {@code hashValue} is a vPDQ's lines) and {@code hashValue}, as an array, as
 *       {@code {"hashes": [...]}}, or one record per line.</li>
 *   <li>A vPDQ file in ThreatExchange's format: one line {@code frame,quality,hex,timestamp} per hashed frame of one
 *       video; it becomes one entry.</li>
 * </ul>
 * All or nothing: any bad row fails the import with every problem listed, so a half-imported list never passes for
 * a whole one. Duplicates are kept once.
 */
public final class HashListParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HashListParser() {}

    public static List<HashEntry> parse(byte[] content) throws HashListException {
        String text = decode(content);
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new HashListException(List.of("the list is empty"));
        }
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            return json(trimmed);
        }
        return looksLikeVpdq(trimmed) ? vpdq(trimmed, "the vPDQ file", null) : csv(text);
    }

    private static final java.util.regex.Pattern VPDQ_LINE = java.util.regex.Pattern.compile("\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*[0-9A-Fa-f]+\\s*,.*");

    /** Most lines read frame,quality,hex,timestamp: a vPDQ, even if a line of it is broken (it is then reported). */
    private static boolean looksLikeVpdq(String text) {
        long lines = 0;
        long frames = 0;
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            lines++;
            frames += VPDQ_LINE.matcher(l).matches() && l.split(",", -1).length == 4 ? 1 : 0;
        }
        return lines > 0 && frames * 2 > lines;
    }

    private static List<HashEntry> vpdq(String lines, String where, String label) throws HashListException {
        try {
            return List.of(HashEntry.vpdq(Vpdq.parse(lines), label));
        } catch (IllegalArgumentException e) {
            throw new HashListException(List.of(where + ": " + e.getMessage()));
        }
    }

    private static String decode(byte[] content) throws HashListException {
        int start = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new HashListException(List.of("the list is not UTF-8 text (is it a binary file?)"));
        }
    }

    private static List<HashEntry> csv(String text) throws HashListException {
        String[] lines = text.split("\r?\n", -1);
        List<String> problems = new ArrayList<>();
        Map<String, HashEntry> entries = new LinkedHashMap<>();
        Map<String, Integer> header = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*[,;\\t]\\s*", -1);
            if (header == null && entries.isEmpty() && problems.isEmpty() && looksLikeHeader(cells)) {
                header = new LinkedHashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    header.put(cells[i].strip().toLowerCase(Locale.ROOT).replace("\"", ""), i);
                }
                if (!header.containsKey("pdq") && !header.containsKey("md5") && !header.containsKey("sha256")) {
                    throw new HashListException(List.of("line " + (n + 1) + ": the header names no pdq, md5 or sha256 column: " + line));
                }
                continue;
            }
            if (header == null) {
                if (cells.length != 1) {
                    problems.add("line " + (n + 1) + ": " + cells.length + " columns but no header saying which is which");
                    continue;
                }
                String value = clean(cells[0]);
                HashKind kind = value.length() == 32 ? HashKind.MD5 : value.length() == 64 ? HashKind.PDQ : null;
                if (kind == null || !value.matches("[0-9a-f]+")) {
                    problems.add("line " + (n + 1) + ": not a hash (32 hex digits for MD5, 64 for PDQ): " + abbreviate(cells[0]));
                    continue;
                }
                entries.putIfAbsent(kind + value, new HashEntry(kind, value, null));
                continue;
            }
            String label = cell(cells, header, "label");
            if (label == null) {
                label = cell(cells, header, "id");
            }
            boolean any = false;
            for (HashKind kind : List.of(HashKind.PDQ, HashKind.MD5, HashKind.SHA256)) { // a vPDQ is many lines, not a cell
                String raw = cell(cells, header, kind.name().toLowerCase(Locale.ROOT));
                if (raw == null) {
                    continue;
                }
                any = true;
                String value = clean(raw);
                if (value.length() != kind.hexDigits() || !value.matches("[0-9a-f]+")) {
                    problems.add("line " + (n + 1) + ": " + kind.name().toLowerCase(Locale.ROOT) + " must be " + kind.hexDigits()
                            + " hex digits, got " + abbreviate(raw));
                    continue;
                }
                entries.putIfAbsent(kind + value, new HashEntry(kind, value, label));
            }
            if (!any) {
                problems.add("line " + (n + 1) + ": no hash in this row");
            }
        }
        return finish(entries, problems);
    }

    private static boolean looksLikeHeader(String[] cells) {
        for (String c : cells) {
            String v = c.strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (v.equals("pdq") || v.equals("md5") || v.equals("sha256") || v.equals("label") || v.equals("id")) {
                return true;
            }
        }
        return false;
    }

    private static String cell(String[] cells, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        if (i == null || i >= cells.length) {
            return null;
        }
        String v = cells[i].strip().replace("\"", "");
        return v.isEmpty() ? null : v;
    }

    private static List<HashEntry> json(String text) throws HashListException {
        List<JsonNode> records = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(text);
            // An array, {"hashes": [...]}, or a takedown list of roomwatch's own ({"records": [...]}).
            JsonNode array = root.isArray() ? root : root.has("records") ? root.get("records") : root.get("hashes");
            if (array != null && array.isArray()) {
                array.forEach(records::add);
            } else {
                throw new IllegalStateException("lines");
            }
        } catch (Exception whole) {
            // One JSON record per line.
            String[] lines = text.split("\r?\n");
            List<String> problems = new ArrayList<>();
            for (int n = 0; n < lines.length; n++) {
                if (lines[n].isBlank()) {
                    continue;
                }
                try {
                    records.add(JSON.readTree(lines[n]));
                } catch (Exception e) {
                    problems.add("line " + (n + 1) + ": not a JSON record");
                }
            }
            if (!problems.isEmpty()) {
                throw new HashListException(problems);
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, HashEntry> entries = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String where = "record " + (i + 1);
            String type = r.path("signalType").asText(null);
            String value = r.path("hashValue").asText(null);
            if (type == null || value == null) {
                problems.add(where + ": needs signalType and hashValue");
                continue;
            }
            String label = r.hasNonNull("id") ? r.get("id").asText() : r.hasNonNull("caseNumber") ? r.get("caseNumber").asText() : null;
            if (type.equalsIgnoreCase("VideoVPDQ") || type.equalsIgnoreCase("vPDQ")) {
                try {
                    HashEntry video = vpdq(value, where, label).get(0);
                    entries.putIfAbsent(video.kind() + video.value(), video);
                } catch (HashListException e) {
                    problems.addAll(e.problems());
                }
                continue;
            }
            HashKind kind = switch (type) {
                case "ImagePDQ", "PDQ", "pdq" -> HashKind.PDQ;
                case "VideoMD5", "ImageMD5", "MD5", "md5" -> HashKind.MD5;
                case "SHA256", "sha256", "VideoSHA256", "ImageSHA256" -> HashKind.SHA256;
                default -> null;
            };
            if (kind == null) {
                problems.add(where + ": signalType " + abbreviate(type) + " is not one roomwatch matches (ImagePDQ, VideoMD5, ImageMD5,"
                        + " SHA256, VideoVPDQ)");
                continue;
            }
            String hex = clean(value);
            if (hex.length() != kind.hexDigits() || !hex.matches("[0-9a-f]+")) {
                problems.add(where + ": " + type + " hashValue must be " + kind.hexDigits() + " hex digits, got " + abbreviate(value));
                continue;
            }
            entries.putIfAbsent(kind + hex, new HashEntry(kind, hex, label));
        }
        return finish(entries, problems);
    }

    private static List<HashEntry> finish(Map<String, HashEntry> entries, List<String> problems) throws HashListException {
        if (!problems.isEmpty()) {
            throw new HashListException(problems);
        }
        if (entries.isEmpty()) {
            throw new HashListException(List.of("the list holds no hashes"));
        }
        return List.copyOf(entries.values());
    }

    private static String clean(String value) {
        return value.strip().replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        String v = s.strip();
        return "'" + (v.length() > 70 ? v.substring(0, 70) + "..." : v) + "'";
    }
}
