package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.CaseSightings;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.cases.PhotoHashes;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.text.Csv;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlists;

/**
 * Cases of the victim support side. A case is opened with the hashes a counselor's (or the victim's) browser computed
 * from her photos, never the photos: they become the case's hash set, are matched at once against everything indexed,
 * and a watchlist on them alerts on every new image that matches. Results list every room and message where a
 * photo appears; the export streams them as CSV or JSON lines.
 */
final class CaseRoutes {
    static final int MAX_DISTANCE = Cases.MATCH_DISTANCE;
    static final int MAX_PHOTOS = 500;
    /** Messages shown in a case's results; the export has every one. */
    static final int SHOWN_MESSAGES = 1000;
    private static final Set<String> FIELDS = Set.of("caseNumber", "counselor", "consentNote", "notify", "photos", "videos");
    private static final Set<String> PHOTO_FIELDS = Set.of("label", "pdq", "quality", "md5", "sha256");
    private static final List<String> EXPORT_COLUMNS = List.of("case", "photo", "matched_by", "distance", "image_sha256",
            "room_id", "room", "message_id", "permalink", "posted_at", "captured_at", "deleted_at", "seen_through");

    private final Cases cases;
    private final HashSets sets;
    private final HashSetMatcher matcher;
    private final CaseSightings sightings;
    private final Watchlists watchlists;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;

    CaseRoutes(Cases cases, HashSets sets, HashSetMatcher matcher, CaseSightings sightings, Watchlists watchlists,
               ObjectMapper json, BiConsumer<Context, Problem> problem) {
        this.cases = cases;
        this.sets = sets;
        this.matcher = matcher;
        this.sightings = sightings;
        this.watchlists = watchlists;
        this.json = json;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.post("/api/cases", this::open);
        app.get("/api/cases", ctx -> ctx.json(Map.of("cases", cases.list().stream()
                .filter(c -> ApiSecurity.sees(ctx, Ownership.Scope.CASE, c.caseNumber())).toList())));
        app.post("/api/cases/{number}/members", this::addMember);
        app.get("/api/cases/{number}", this::results);
        app.get("/api/cases/{number}/export", this::export);
    }

    /** An admin names one more analyst on a case: she then sees its matches, exports and takedown lists. */
    private void addMember(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(ctx, json, "expected a JSON object with the user to name on the case: {\"user\": \"name\"}");
        String user = text(body, "user");
        if (user == null || user.isBlank()) {
            throw new BadParameter("user", "say which user to name on the case: {\"user\": \"name\"}");
        }
        String number = ctx.pathParam("number");
        if (cases.find(number).isEmpty()) {
            problem.accept(ctx, Problem.notFound("no case " + number));
            return;
        }
        boolean added = cases.addMember(number, user.strip(), ApiSecurity.actor(ctx, "-"));
        ctx.status(added ? 201 : 200).json(Map.of("case", number, "members", cases.members(number)));
    }

    /** A case's record and what was found: rooms with their state, and the first messages. */
    record Results(CaseFile caseFile, int photos, int matchedImages, List<CaseSightings.RoomSummary> rooms,
                   long messages, List<CaseSightings.Sighting> shownMessages, boolean truncated) {}

    Results results(CaseFile file) {
        Map<String, CaseSightings.ImageHit> images = CaseSightings.images(matcher.match(file.hashSet(), MAX_DISTANCE));
        List<CaseSightings.Sighting> shown = new ArrayList<>();
        long[] total = {0};
        CaseSightings.RoomTallies rooms = new CaseSightings.RoomTallies();
        sightings.forEach(images, s -> {
            total[0]++;
            rooms.add(s);
            if (shown.size() < SHOWN_MESSAGES) {
                shown.add(s);
            }
        });
        return new Results(file, file.photos(), images.size(), sightings.rooms(rooms), total[0], shown, total[0] > shown.size());
    }

    /** The ids of the messages where the case's photos were seen, at most {@code max + 1} (so a caller sees "too many"). */
    List<String> messageIds(CaseFile file, int max) {
        Map<String, CaseSightings.ImageHit> images = CaseSightings.images(matcher.match(file.hashSet(), MAX_DISTANCE));
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        sightings.forEach(images, s -> {
            if (ids.size() <= max) {
                ids.add(s.roomId() + ":" + s.messageId());
            }
        });
        return new ArrayList<>(ids);
    }

    private void open(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(ctx, json, "expected a JSON object with caseNumber, counselor, consentNote and photos");
        JsonBody.allowOnly(body, FIELDS, null);
        String number;
        try {
            number = Cases.checkNumber(text(body, "caseNumber"));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("caseNumber", e.getMessage());
        }
        String counselor = required(body, "counselor", 200, "who took the case");
        String consent = required(body, "consentNote", 2000, "on what consent the hashes were taken");
        List<String> notify = new ArrayList<>();
        JsonNode notifyNode = body.get("notify");
        if (notifyNode != null && !notifyNode.isNull()) {
            if (!notifyNode.isArray()) {
                throw new BadParameter("notify", "notify is a list of email addresses");
            }
            notifyNode.forEach(n -> notify.add(n.asText()));
        }
        boolean hasVideos = body.path("videos").isArray() && !body.path("videos").isEmpty();
        List<PhotoHashes> photos = photos(body.get("photos"), hasVideos);
        List<CaseVideos.CaseVideo> videos = CaseVideos.parse(body.get("videos"),
                new LinkedHashSet<>(photos.stream().map(PhotoHashes::label).toList()));
        if (cases.find(number).isPresent()) {
            ctx.status(409).contentType("application/problem+json").json(new Problem(Problem.BASE + "case-exists",
                    "Case exists", 409, "case " + number + " already exists; its photos cannot be replaced, open a new case", "caseNumber"));
            return;
        }
        String actor = ApiSecurity.actor(ctx, counselor);
        String setName = "case-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String watchlistId;
        try {
            watchlistId = watchlists.create("사건 " + number, actor, true, notify, actor).id();
        } catch (IllegalArgumentException e) {
            throw new BadParameter("notify", e.getMessage());
        }
        List<HashSetEntry> entries = new ArrayList<>(entries(photos));
        entries.addAll(CaseVideos.entries(videos));
        sets.replace(setName, "case " + number, entries);
        // The case counts what the counselor hashed: photos and videos alike.
        CaseFile file = cases.create(new CaseFile(number, setName, counselor, consent, watchlistId, photos.size() + videos.size(),
                actor, Instant.now()));
        watchlists.addRule(watchlistId, RuleKind.HASHSET, setName, MAX_DISTANCE, actor);
        Results results = results(file);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case", file);
        out.put("weakPhotos", photos.stream().filter(p -> !p.matchable()).map(PhotoHashes::label).toList());
        out.put("weakVideos", CaseVideos.weak(videos));
        out.put("results", results);
        ApiSecurity.results(ctx, results.messages());
        ctx.status(201).json(out);
    }

    /** Each photo's entries: PDQ only when strong enough to match on, the two digests always; each hash once. */
    static List<HashSetEntry> entries(List<PhotoHashes> photos) {
        Map<String, HashSetEntry> entries = new LinkedHashMap<>();
        for (PhotoHashes p : photos) {
            if (p.matchable()) {
                entries.putIfAbsent("pdq:" + p.pdq(), new HashSetEntry("pdq", p.pdq(), p.label()));
            }
            entries.putIfAbsent("md5:" + p.md5(), new HashSetEntry("md5", p.md5(), p.label()));
            entries.putIfAbsent("sha256:" + p.sha256(), new HashSetEntry("sha256", p.sha256(), p.label()));
        }
        return List.copyOf(entries.values());
    }

    private static List<PhotoHashes> photos(JsonNode node, boolean hasVideos) {
        if (hasVideos && (node == null || node.isNull() || (node.isArray() && node.isEmpty()))) {
            return List.of(); // a case of videos only
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new BadParameter("photos", "photos is a list of at least one photo's hashes: {\"pdq\", \"quality\", \"md5\", \"sha256\"}");
        }
        if (node.size() > MAX_PHOTOS) {
            throw new BadParameter("photos", "at most " + MAX_PHOTOS + " photos in one case, got " + node.size());
        }
        List<PhotoHashes> photos = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String where = "photos[" + i + "]";
            if (!p.isObject()) {
                throw new BadParameter(where, where + " must be an object with pdq, quality, md5 and sha256");
            }
            JsonBody.allowOnly(p, PHOTO_FIELDS, where);
            if (!p.path("quality").isInt()) {
                throw new BadParameter(where + ".quality", where + ".quality must be a whole number within 0..100");
            }
            String label = p.hasNonNull("label") ? p.get("label").asText().strip() : "";
            if (label.isEmpty()) {
                label = "사진 " + (i + 1);
            }
            if (label.length() > 100) {
                throw new BadParameter(where + ".label", where + ".label is at most 100 characters");
            }
            if (!labels.add(label)) {
                throw new BadParameter(where + ".label", "two photos are labelled '" + label + "'");
            }
            try {
                photos.add(new PhotoHashes(label, p.path("pdq").asText(null), p.get("quality").asInt(), p.path("md5").asText(null),
                        p.path("sha256").asText(null)));
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().substring(0, e.getMessage().indexOf(' '));
                throw new BadParameter(where + "." + field, where + "." + e.getMessage());
            }
        }
        return photos;
    }

    private void results(Context ctx) {
        CaseFile file = find(ctx);
        if (file == null) {
            return;
        }
        Results results = results(file);
        ApiSecurity.results(ctx, results.messages());
        ctx.json(results);
    }

    /** Every sighting, streamed: CSV (the default) or JSON lines. */
    private void export(Context ctx) throws IOException {
        Params p = new Params(ctx, Set.of("format"));
        String format = p.text("format") == null ? "csv" : p.text("format");
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw new BadParameter("format", "format must be csv or jsonl, got '" + format + "'");
        }
        CaseFile file = find(ctx);
        if (file == null) {
            return;
        }
        Map<String, CaseSightings.ImageHit> images = CaseSightings.images(matcher.match(file.hashSet(), MAX_DISTANCE));
        ctx.contentType(format.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        // The case number as the counselor wrote it, Korean included (RFC 6266 filename*); a plain fallback beside it.
        Attachment.name(ctx, "case-" + file.caseNumber() + "." + format);
        long[] rows = {0};
        try (Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8)) {
            if (format.equals("csv")) {
                out.write(Csv.header(EXPORT_COLUMNS));
            }
            try {
                sightings.forEach(images, s -> {
                    try {
                        out.write(format.equals("csv") ? csv(file.caseNumber(), s) : json.writeValueAsString(s) + "\n");
                        rows[0]++;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e); // the client went away: stop reading the index
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        ApiSecurity.results(ctx, rows[0]);
    }

    static String csv(String caseNumber, CaseSightings.Sighting s) {
        return Csv.row(Csv.cell(caseNumber), Csv.cell(s.photo()), s.matchedBy(), Integer.toString(s.distance()),
                s.imageSha256(), Csv.cell(s.roomId()), Csv.cell(s.room()), Long.toString(s.messageId()), Csv.cell(s.permalink()),
                String.valueOf(s.postedAt() == null ? "" : s.postedAt()), String.valueOf(s.capturedAt() == null ? "" : s.capturedAt()),
                s.deletedAt() == null ? "" : s.deletedAt().toString(), Csv.cell(s.seenThrough()));
    }

    private CaseFile find(Context ctx) {
        String number = ctx.pathParam("number");
        CaseFile file = cases.find(number).orElse(null);
        if (file == null) {
            problem.accept(ctx, Problem.notFound("no case " + number));
        }
        return file;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode body, String field, int max, String what) {
        String value = text(body, field);
        if (value == null || value.isBlank()) {
            throw new BadParameter(field, field + " is required: " + what);
        }
        if (value.length() > max) {
            throw new BadParameter(field, field + " is at most " + max + " characters");
        }
        return value.strip();
    }
}
