package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.core.search.VideoSearch.VideoMatch;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.VideoRefusedException;
import org.roomwatch.media.Vpdq;

/**
 * Video routes. A searched video is read into memory (never spooled to disk), hashed (digests and vPDQ) and dropped
 * before the search runs; or its vPDQ comes instead, in ThreatExchange's line format ({@code frame,quality,hex,timestamp}).
 * Every stored video that matches under the vPDQ rule is answered, best first, with both shares and the frame pairs.
 */
final class VideoRoutes {
    private static final Set<String> SEARCH_PARAMS = Set.of("queryThreshold", "comparedThreshold");
    /** A vPDQ sent as text: a 30-minute video at one hash a second is 1,800 lines of about 80 characters. */
    static final int MAX_VPDQ_FRAMES = 10_000;

    private final VideoSearch videos;
    private final VideoHasher hasher;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;

    VideoRoutes(VideoSearch videos, VideoHasher hasher, ObjectMapper json, BiConsumer<Context, Problem> problem) {
        this.videos = videos;
        this.hasher = hasher;
        this.json = json;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.post("/api/videos/search", this::search);
        app.get("/api/videos", this::byMd5);
        app.get("/api/videos/{sha256}", this::bySha256);
    }

    /** What is searched: the query's frames, the thresholds, and what the answer says of the query. */
    record Query(List<VideoHashes.Frame> frames, double queryThreshold, double comparedThreshold, Map<String, Object> described) {}

    private void search(Context ctx) throws IOException {
        Query query = query(ctx);
        if (query == null) {
            return;
        }
        List<VideoMatch> matches = search(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query.described());
        body.put("total", matches.size());
        body.put("matches", matches);
        ApiSecurity.results(ctx, matches.size());
        ctx.json(body);
    }

    /** The matches of a query; a query whose frames are all too plain is a 400 saying so. */
    List<VideoMatch> search(Query query) {
        try {
            return videos.matches(query.frames(), query.queryThreshold(), query.comparedThreshold());
        } catch (IllegalArgumentException e) {
            throw new BadParameter("video", e.getMessage());
        }
    }

    /** The query of a request, by its content type; null when a problem was answered. */
    Query query(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return fromJson(ctx);
        }
        if (type.startsWith("multipart/form-data")) {
            return fromMultipart(ctx);
        }
        Params p = new Params(ctx, SEARCH_PARAMS);
        double queryThreshold = percent(p.text("queryThreshold"), "queryThreshold", Vpdq.QUERY_THRESHOLD_PERCENT);
        double comparedThreshold = percent(p.text("comparedThreshold"), "comparedThreshold", Vpdq.COMPARED_THRESHOLD_PERCENT);
        if (type.startsWith("text/plain")) {
            return fromLines(ctx.body(), queryThreshold, comparedThreshold);
        }
        if (type.startsWith("video/") || type.startsWith("application/octet-stream")) {
            return fromVideo(readCapped(ctx.bodyInputStream()), queryThreshold, comparedThreshold);
        }
        throw new BadParameter("Content-Type", "send the video itself (Content-Type video/mp4, video/webm, ...), a multipart"
                + " form with a 'video' part or a 'vpdq' field, its vPDQ as text/plain lines frame,quality,hex,timestamp, or"
                + " JSON {\"vpdq\": \"lines\", \"queryThreshold\": 80, \"comparedThreshold\": 0}");
    }

    private Query fromJson(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json, "expected {\"vpdq\": \"frame,quality,hex,timestamp lines\"}");
        JsonBody.allowOnly(body, Set.of("vpdq", "queryThreshold", "comparedThreshold"), null);
        JsonNode vpdq = body.get("vpdq");
        if (vpdq == null || !(vpdq.isTextual() || vpdq.isArray())) {
            throw new BadParameter("vpdq", "vpdq is required: the video's vPDQ as lines frame,quality,hex,timestamp"
                    + " (one string, or an array of lines)");
        }
        String lines;
        if (vpdq.isArray()) {
            List<String> each = new ArrayList<>();
            vpdq.forEach(n -> each.add(n.asText("")));
            lines = String.join("\n", each);
        } else {
            lines = vpdq.asText();
        }
        return fromLines(lines, percent(text(body.get("queryThreshold")), "queryThreshold", Vpdq.QUERY_THRESHOLD_PERCENT),
                percent(text(body.get("comparedThreshold")), "comparedThreshold", Vpdq.COMPARED_THRESHOLD_PERCENT));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private Query fromMultipart(Context ctx) throws IOException {
        double queryThreshold = percent(ctx.formParam("queryThreshold"), "queryThreshold", Vpdq.QUERY_THRESHOLD_PERCENT);
        double comparedThreshold = percent(ctx.formParam("comparedThreshold"), "comparedThreshold", Vpdq.COMPARED_THRESHOLD_PERCENT);
        UploadedFile file = ctx.uploadedFile("video");
        if (file != null && file.size() > 0) {
            try (InputStream in = file.content()) {
                return fromVideo(readCapped(in), queryThreshold, comparedThreshold);
            }
        }
        String lines = ctx.formParam("vpdq");
        if (lines != null && !lines.isBlank()) {
            return fromLines(lines, queryThreshold, comparedThreshold);
        }
        throw new BadParameter("video", "the form has neither a 'video' part nor a 'vpdq' field");
    }

    Query fromLines(String text, double queryThreshold, double comparedThreshold) {
        List<org.roomwatch.media.VideoFrameHash> parsed;
        try {
            parsed = Vpdq.parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("vpdq", "the vPDQ cannot be read: " + e.getMessage());
        }
        if (parsed.size() > MAX_VPDQ_FRAMES) {
            throw new BadParameter("vpdq", "at most " + MAX_VPDQ_FRAMES + " frames per search, got " + parsed.size());
        }
        List<VideoHashes.Frame> frames = parsed.stream()
                .map(f -> new VideoHashes.Frame(f.frameNumber(), f.quality(), f.hash().hex(), f.timestamp())).toList();
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("source", "vpdq");
        described.put("frames", frames.size());
        described.put("framesMatched", Vpdq.prepared(parsed).size());
        described.put("queryThreshold", queryThreshold);
        described.put("comparedThreshold", comparedThreshold);
        return new Query(frames, queryThreshold, comparedThreshold, described);
    }

    Query fromVideo(byte[] bytes, double queryThreshold, double comparedThreshold) {
        VideoHashes hashes;
        try {
            hashes = PhotoHashing.videoHashesOf(hasher.hash(bytes));
        } catch (VideoRefusedException e) {
            throw new BadParameter("video", "the video could not be hashed: " + e.getMessage());
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("source", "video");
        described.put("sha256", hashes.sha256());
        described.put("md5", hashes.md5());
        described.put("durationSeconds", hashes.durationSeconds());
        described.put("frames", hashes.frames().size());
        described.put("framesMatched", hashes.frames().stream().filter(f -> f.quality() >= Vpdq.QUALITY_THRESHOLD)
                .map(VideoHashes.Frame::pdq).distinct().count());
        described.put("queryThreshold", queryThreshold);
        described.put("comparedThreshold", comparedThreshold);
        return new Query(hashes.frames(), queryThreshold, comparedThreshold, described);
    }

    /** The upload, read into memory up to the smaller of the video cap and the server's request cap, no further. */
    byte[] readCapped(InputStream in) throws IOException {
        long cap = Math.min(hasher.limits().maxBytes(), ApiServer.MAX_UPLOAD_BYTES);
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (bytes.length > cap) {
            throw new BadParameter("video", "the video is larger than " + cap + " bytes, the most a search takes; hash it"
                    + " with 'roomwatch hash FILE' and send its vPDQ lines instead");
        }
        return bytes;
    }

    static double percent(String value, String name, double otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a percentage within 0..100, got '" + ImageRoutes.abbreviate(value) + "'");
        }
        if (!(d >= 0 && d <= 100)) {
            throw new BadParameter(name, name + " must be a percentage within 0..100, got " + value.strip());
        }
        return d;
    }

    private void bySha256(Context ctx) {
        new Params(ctx, Set.of());
        String sha = ctx.pathParam("sha256").toLowerCase(Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new BadParameter("sha256", "a SHA-256 is 64 hex digits, got '" + ImageRoutes.abbreviate(ctx.pathParam("sha256")) + "'");
        }
        videos.bySha256(sha).ifPresentOrElse(ctx::json,
                () -> problem.accept(ctx, Problem.notFound("no video with SHA-256 " + sha + " has been seen")));
    }

    private void byMd5(Context ctx) {
        Params p = new Params(ctx, Set.of("md5"));
        String md5 = p.text("md5");
        if (md5 == null) {
            throw new BadParameter("md5", "md5 is required (32 hex digits); for SHA-256 use /api/videos/{sha256}");
        }
        if (!md5.toLowerCase(Locale.ROOT).matches("[0-9a-f]{32}")) {
            throw new BadParameter("md5", "an MD5 is 32 hex digits, got '" + ImageRoutes.abbreviate(md5) + "'");
        }
        ctx.json(Map.of("videos", videos.byMd5(md5)));
    }
}
