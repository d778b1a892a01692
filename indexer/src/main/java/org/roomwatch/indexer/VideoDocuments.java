package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.media.Vpdq;

/**
 * A video's document in the media index: its digests, shape, and every hashed frame as vPDQ records it (kept, not
 * indexed); and the multi-index chunk terms of the frames that take part in matching (quality 50 or more), each term
 * once, so that a frame within 31 of a query frame is found as a photo is.
 */
public final class VideoDocuments {
    public static final String KIND = "video";

    private VideoDocuments() {}

    public static Map<String, Object> newDocument(VideoHashes v) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sha256", v.sha256());
        doc.put("kind", KIND);
        doc.put("md5", v.md5());
        doc.put("width", v.width());
        doc.put("height", v.height());
        doc.put("format", v.format());
        doc.put("bytes", v.bytes());
        doc.put("duration_seconds", v.durationSeconds());
        doc.put("frames_hashed", v.frames().size());
        List<Map<String, Object>> frames = new ArrayList<>(v.frames().size());
        Set<String> chunks = new LinkedHashSet<>();
        for (VideoHashes.Frame f : v.frames()) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("frame", f.frameNumber());
            frame.put("quality", f.quality());
            frame.put("pdq", f.pdq());
            frame.put("timestamp", f.timestamp());
            frames.add(frame);
            if (f.quality() >= Vpdq.QUALITY_THRESHOLD) {
                chunks.addAll(PdqTerms.chunks(f.pdq()));
            }
        }
        doc.put("frames", frames);
        doc.put("frame_chunks", List.copyOf(chunks));
        return MediaIndexWriter.unseen(doc);
    }

    /** The frames of a stored video document, as they were hashed. */
    @SuppressWarnings("unchecked")
    public static List<VideoHashes.Frame> frames(Map<String, Object> source) {
        List<VideoHashes.Frame> out = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) source.getOrDefault("frames", List.of())) {
            out.add(new VideoHashes.Frame(((Number) f.get("frame")).intValue(), ((Number) f.get("quality")).intValue(),
                    (String) f.get("pdq"), ((Number) f.get("timestamp")).doubleValue()));
        }
        return out;
    }
}
