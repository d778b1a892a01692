package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.media.VideoFrameHash;
import org.roomwatch.media.Vpdq;

/**
 * The videos of a case, as the counselor's browser hashed them: MD5 and SHA-256 of the file, and its vPDQ in
 * ThreatExchange's lines (one string, or a list of lines). Never the video. Each becomes the case's hash-set entries:
 * the two digests and the vPDQ, under the video's label.
 */
final class CaseVideos {
    static final int MAX_VIDEOS = 100;
    private static final Set<String> FIELDS = Set.of("label", "md5", "sha256", "vpdq");

    /** One video's hashes: a label ("영상 1", never the file's name), the digests, and the vPDQ frames. */
    record CaseVideo(String label, String md5, String sha256, List<VideoHashes.Frame> frames) {}

    private CaseVideos() {}

    /** The videos of a request; {@code takenLabels} holds the photos' labels, so no label names two things. */
    static List<CaseVideo> parse(JsonNode node, Set<String> takenLabels) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadParameter("videos", "videos is a list of videos' hashes: {\"md5\", \"sha256\", \"vpdq\"}");
        }
        if (node.size() > MAX_VIDEOS) {
            throw new BadParameter("videos", "at most " + MAX_VIDEOS + " videos in one case, got " + node.size());
        }
        List<CaseVideo> videos = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            String where = "videos[" + i + "]";
            if (!v.isObject()) {
                throw new BadParameter(where, where + " must be an object with md5, sha256 and vpdq");
            }
            JsonBody.allowOnly(v, FIELDS, where);
            String label = v.hasNonNull("label") ? v.get("label").asText().strip() : "";
            label = label.isEmpty() ? "영상 " + (i + 1) : label;
            if (label.length() > 100) {
                throw new BadParameter(where + ".label", where + ".label is at most 100 characters");
            }
            if (!takenLabels.add(label)) {
                throw new BadParameter(where + ".label", "two photos or videos are labelled '" + label + "'");
            }
            String md5 = hex(v, "md5", 32, where);
            String sha256 = hex(v, "sha256", 64, where);
            videos.add(new CaseVideo(label, md5, sha256, frames(v.get("vpdq"), where)));
        }
        return videos;
    }

    private static String hex(JsonNode v, String field, int digits, String where) {
        String value = v.path(field).asText("").strip().toLowerCase(Locale.ROOT);
        if (!value.matches("[0-9a-f]{" + digits + "}")) {
            throw new BadParameter(where + "." + field, where + "." + field + " must be " + digits + " hex digits, got '"
                    + ImageRoutes.abbreviate(v.path(field).asText("")) + "'");
        }
        return value;
    }

    private static List<VideoHashes.Frame> frames(JsonNode vpdq, String where) {
        String lines;
        if (vpdq != null && vpdq.isArray()) {
            List<String> each = new ArrayList<>();
            vpdq.forEach(n -> each.add(n.asText("")));
            lines = String.join("\n", each);
        } else if (vpdq != null && vpdq.isTextual()) {
            lines = vpdq.asText();
        } else {
            throw new BadParameter(where + ".vpdq", where + ".vpdq is required: the video's vPDQ as lines frame,quality,hex,timestamp");
        }
        List<VideoFrameHash> parsed;
        try {
            parsed = Vpdq.parse(lines);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(where + ".vpdq", where + ".vpdq cannot be read: " + e.getMessage());
        }
        if (parsed.size() > VideoRoutes.MAX_VPDQ_FRAMES) {
            throw new BadParameter(where + ".vpdq", where + ".vpdq has " + parsed.size() + " frames, at most " + VideoRoutes.MAX_VPDQ_FRAMES);
        }
        return parsed.stream().map(f -> new VideoHashes.Frame(f.frameNumber(), f.quality(), f.hash().hex(), f.timestamp())).toList();
    }

    /** Each video's entries: its digests always, its vPDQ when a frame is strong enough to match on; each hash once. */
    static List<HashSetEntry> entries(List<CaseVideo> videos) {
        Map<String, HashSetEntry> entries = new LinkedHashMap<>();
        for (CaseVideo v : videos) {
            entries.putIfAbsent("md5:" + v.md5(), new HashSetEntry("md5", v.md5(), v.label()));
            entries.putIfAbsent("sha256:" + v.sha256(), new HashSetEntry("sha256", v.sha256(), v.label()));
            if (v.frames().stream().anyMatch(f -> f.quality() >= Vpdq.QUALITY_THRESHOLD)) {
                List<VideoFrameHash> frames = v.frames().stream().map(f -> new VideoFrameHash(f.frameNumber(), f.quality(),
                        org.roomwatch.media.PdqHash.fromHex(f.pdq()), f.timestamp())).toList();
                String key = org.roomwatch.media.hashlist.HashEntry.vpdq(frames, null).value();
                entries.putIfAbsent("vpdq:" + key, new HashSetEntry(HashSetEntry.VPDQ, key, v.label(), v.frames()));
            }
        }
        return List.copyOf(entries.values());
    }

    /** The labels of videos none of whose frames can be matched on: found only as exact copies. */
    static List<String> weak(List<CaseVideo> videos) {
        return videos.stream().filter(v -> v.frames().stream().noneMatch(f -> f.quality() >= Vpdq.QUALITY_THRESHOLD))
                .map(CaseVideo::label).toList();
    }
}
