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
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageSearch.PdqQuery;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.media.Dihedral;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.ImageRefusedException;
import org.roomwatch.media.PdqHash;

/**
 * Image routes. A searched photo is hashed in memory and dropped before the search runs; only its hashes are
 * used and answered. It may come as the request body (an image content type), as the {@code image} part of a
 * multipart form (held in memory: the server never spools uploads to disk), or be replaced by a PDQ hash in JSON.
 */
final class ImageRoutes {
    static final int MAX_LOOKUP = 10_000;
    private static final Set<String> SEARCH_PARAMS = Set.of("maxDistance", "dihedral");
    /**
     * The widest near-duplicate search: matches are within 31, and past about 64 bits two random hashes start to be
     * "near" (128 is the mean), so a wider search would only read out the whole media index.
     */
    static final int MAX_SEARCH_DISTANCE = 64;

    private final ImageSearch images;
    private final VideoSearch videos;
    private final ImageHasher hasher;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;

    /** {@code videos} may be null: image searches then list no video frames. */
    ImageRoutes(ImageSearch images, VideoSearch videos, ImageHasher hasher, ObjectMapper json, BiConsumer<Context, Problem> problem) {
        this.images = images;
        this.videos = videos;
        this.hasher = hasher;
        this.json = json;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.post("/api/images/search", this::search);
        app.post("/api/images/lookup", this::lookup);
        app.get("/api/images", this::byMd5);
        app.get("/api/images/{sha256}", this::bySha256);
    }

    private record Query(List<PdqQuery> hashes, int maxDistance, Map<String, Object> described) {}

    private void search(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        Query query;
        if (type.startsWith("application/json")) {
            query = fromJson(ctx);
        } else if (type.startsWith("multipart/form-data")) {
            query = fromMultipart(ctx);
        } else if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            Params p = new Params(ctx, SEARCH_PARAMS);
            query = fromImage(readCapped(ctx.bodyInputStream()), distance(p.text("maxDistance"), "maxDistance"),
                    bool(p.text("dihedral"), "dihedral"));
        } else {
            throw new BadParameter("Content-Type", "send the image itself (Content-Type image/jpeg, image/png, ...), a"
                    + " multipart form with an 'image' part, or JSON {\"pdq\": \"64 hex digits\", \"maxDistance\": 31}");
        }
        if (query == null) {
            return; // a problem was answered
        }
        List<ImageMatch> matches = images.nearDuplicates(query.hashes(), query.maxDistance());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query.described());
        body.put("total", matches.size());
        body.put("matches", matches);
        int results = matches.size();
        if (videos != null) {
            // A still cut from a fake, or a fake made from a photo: the videos with a frame near the image.
            List<VideoSearch.FrameMatch> frames = videos.videosWithFrameNear(query.hashes(), query.maxDistance());
            body.put("videos", frames);
            results += frames.size();
        }
        ApiSecurity.results(ctx, results);
        ctx.json(body);
    }

    private Query fromJson(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem.accept(ctx, Problem.invalidBody("the body is not JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (body == null || !body.isObject()) {
            problem.accept(ctx, Problem.invalidBody("expected {\"pdq\": \"64 hex digits\", \"maxDistance\": 31}"));
            return null;
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("pdq", "maxDistance", "dihedral").contains(field)) {
                throw new BadParameter(field, "unknown field '" + field + "'; allowed: dihedral, maxDistance, pdq");
            }
        }
        JsonNode pdq = body.get("pdq");
        if (pdq == null || !pdq.isTextual()) {
            throw new BadParameter("pdq", "pdq is required: the PDQ hash as 64 hex digits");
        }
        PdqHash hash = parsePdq(pdq.asText());
        JsonNode distanceNode = body.get("maxDistance");
        if (distanceNode != null && !distanceNode.isInt()) {
            throw new BadParameter("maxDistance", "maxDistance must be a whole number within 0..64");
        }
        int maxDistance = distance(distanceNode == null ? null : distanceNode.asText(), "maxDistance");
        JsonNode dihedral = body.get("dihedral");
        if (dihedral != null && dihedral.asBoolean(false)) {
            throw new BadParameter("dihedral", "rotations and flips need the image itself (a hash cannot be rotated);"
                    + " upload the image, or hash it with 'roomwatch hash --dihedral' and search each variant");
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("source", "pdq");
        described.put("pdq", hash.hex());
        described.put("maxDistance", maxDistance);
        return new Query(List.of(new PdqQuery(hash.hex(), Dihedral.ORIGINAL.label())), maxDistance, described);
    }

    private Query fromMultipart(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("image");
        if (file == null) {
            throw new BadParameter("image", "the form has no 'image' part");
        }
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = readCapped(in);
        }
        return fromImage(bytes, distance(ctx.formParam("maxDistance"), "maxDistance"), bool(ctx.formParam("dihedral"), "dihedral"));
    }

    private Query fromImage(byte[] bytes, int maxDistance, boolean dihedral) {
        ImageFingerprint f = hash(bytes, dihedral, hasher);
        List<PdqQuery> hashes = new ArrayList<>();
        if (dihedral) {
            f.dihedral().hashes().forEach((d, h) -> hashes.add(new PdqQuery(h.hex(), d.label())));
        } else {
            hashes.add(new PdqQuery(f.pdq().hex(), Dihedral.ORIGINAL.label()));
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("source", "image");
        described.put("pdq", f.pdq().hex());
        described.put("quality", f.quality());
        described.put("md5", f.digests().md5());
        described.put("sha256", f.digests().sha256());
        described.put("variants", hashes.stream().map(PdqQuery::label).toList());
        described.put("maxDistance", maxDistance);
        if (f.quality() < PdqHash.MIN_QUALITY) {
            described.put("warning", "the image's PDQ quality is " + f.quality() + " (below " + PdqHash.MIN_QUALITY
                    + "): it is too plain for near-duplicate matches to mean much");
        }
        return new Query(hashes, maxDistance, described);
    }

    private byte[] readCapped(InputStream in) throws IOException {
        return readCapped(in, hasher);
    }

    /** The upload, read into memory up to the configured image size and no further. */
    static byte[] readCapped(InputStream in, ImageHasher hasher) throws IOException {
        long cap = hasher.decoder().limits().maxBytes();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (bytes.length > cap) {
            throw new BadParameter("image", "the image is larger than " + cap + " bytes (media.maxImageBytes)");
        }
        return bytes;
    }

    /** An uploaded image's fingerprint, or a 400 naming the image parameter and why it could not be hashed. */
    static ImageFingerprint hash(byte[] bytes, boolean dihedral, ImageHasher hasher) {
        try {
            return hasher.hash(bytes, dihedral);
        } catch (ImageRefusedException e) {
            throw new BadParameter("image", "the image could not be hashed: " + e.getMessage());
        }
    }

    private void bySha256(Context ctx) {
        new Params(ctx, Set.of());
        String sha = ctx.pathParam("sha256").toLowerCase(Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new BadParameter("sha256", "a SHA-256 is 64 hex digits, got '" + abbreviate(ctx.pathParam("sha256")) + "'");
        }
        images.bySha256(sha).ifPresentOrElse(ctx::json,
                () -> problem.accept(ctx, Problem.notFound("no image with SHA-256 " + sha + " has been seen")));
    }

    private void byMd5(Context ctx) {
        Params p = new Params(ctx, Set.of("md5"));
        String md5 = p.text("md5");
        if (md5 == null) {
            throw new BadParameter("md5", "md5 is required (32 hex digits); for SHA-256 use /api/images/{sha256}");
        }
        if (!md5.toLowerCase(Locale.ROOT).matches("[0-9a-f]{32}")) {
            throw new BadParameter("md5", "an MD5 is 32 hex digits, got '" + abbreviate(md5) + "'");
        }
        ctx.json(Map.of("images", images.byMd5(md5)));
    }

    private void lookup(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem.accept(ctx, Problem.invalidBody("the body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        JsonNode hashes = body == null ? null : body.get("hashes");
        if (hashes == null || !hashes.isArray()) {
            problem.accept(ctx, Problem.invalidBody("expected {\"hashes\": [\"md5 or sha256\", ...]}"));
            return;
        }
        if (hashes.size() > MAX_LOOKUP) {
            problem.accept(ctx, Problem.invalidBody("at most " + MAX_LOOKUP + " hashes per lookup, got " + hashes.size()));
            return;
        }
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            String value = hashes.get(i).asText("").strip().toLowerCase(Locale.ROOT);
            if (!value.matches("[0-9a-f]{32}|[0-9a-f]{64}")) {
                problem.accept(ctx, Problem.invalidBody("hashes[" + i + "] is not an MD5 (32 hex digits) or a SHA-256 (64): '"
                        + abbreviate(hashes.get(i).asText("")) + "'"));
                return;
            }
            digests.add(value);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        var results = images.lookup(digests);
        answer.put("found", results.values().stream().filter(l -> !l.isEmpty()).count());
        answer.put("results", results);
        ctx.json(answer);
    }

    static PdqHash parsePdq(String hex) {
        try {
            return PdqHash.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("pdq", e.getMessage());
        }
    }

    static int distance(String value, String name) {
        if (value == null || value.isBlank()) {
            return PdqHash.MATCH_DISTANCE;
        }
        int d;
        try {
            d = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a whole number within 0..64, got '" + abbreviate(value) + "'");
        }
        if (d < 0 || d > MAX_SEARCH_DISTANCE) {
            throw new BadParameter(name, name + " must be within 0.." + MAX_SEARCH_DISTANCE + ", got " + d);
        }
        return d;
    }

    static boolean bool(String value, String name) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadParameter(name, name + " must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
