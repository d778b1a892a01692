package org.roomwatch.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.search.ImageRecord;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.VideoRecord;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.text.Csv;

/**
 * Takedown lists for the deletion center and platforms: the images and videos a hash set (a case's, above all) matches
 * in the rooms, or the images a PDQ search finds, with the set's own hashes, as StopNCII-style JSON records
 * ({@code signalType}, {@code hashValue}, the case numbers; a video's as {@code VideoMD5}, {@code sha256} and
 * {@code VideoVPDQ}, the last with the vPDQ's lines) or as CSV (PDQ, MD5, SHA-256, first and last seen, rooms, case
 * numbers, kind, and a video's vPDQ with its lines joined by spaces). Both stream.
 */
final class TakedownRoutes {
    private static final List<String> COLUMNS = List.of("source", "pdq", "md5", "sha256", "first_seen", "last_seen", "rooms", "case_numbers",
            "kind", "vpdq");

    private final HashSets sets;
    private final HashSetMatcher matcher;
    private final ImageSearch images;
    private final VideoSearch videos;
    private final Cases cases;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;

    /** {@code videos} may be null: the lists then name photos only. */
    TakedownRoutes(HashSets sets, HashSetMatcher matcher, ImageSearch images, VideoSearch videos, Cases cases, ObjectMapper json,
                   BiConsumer<Context, Problem> problem) {
        this.sets = sets;
        this.matcher = matcher;
        this.images = images;
        this.videos = videos;
        this.cases = cases;
        this.json = json;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/takedown", this::export);
    }

    /**
     * One image or video to take down: where it came from ("indexed": seen in rooms; "listed": a hash of the set
     * itself), its kind, and a video's vPDQ lines (null for a photo).
     */
    record Item(String source, String pdq, String md5, String sha256, String firstSeen, String lastSeen, List<String> rooms,
                String kind, List<String> vpdq) {}

    private void export(Context ctx) throws IOException {
        Params p = new Params(ctx, Set.of("set", "pdq", "maxDistance", "format"));
        String format = p.text("format") == null ? "json" : p.text("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadParameter("format", "format must be json (StopNCII-style records) or csv, got '" + format + "'");
        }
        String set = p.text("set");
        String pdq = p.text("pdq");
        if ((set == null) == (pdq == null)) {
            throw new BadParameter(set == null ? "set" : "pdq", "give either set=NAME (a hash set, e.g. a case's) or pdq=HEX (a search), not both");
        }
        int maxDistance = ImageRoutes.distance(p.text("maxDistance"), "maxDistance");
        List<Item> items = new ArrayList<>();
        List<String> caseNumbers = new ArrayList<>();
        if (set != null) {
            try {
                HashSets.checkName(set);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("set", e.getMessage());
            }
            if (sets.find(set).isEmpty()) {
                problem.accept(ctx, Problem.notFound("no hash set named " + set));
                return;
            }
            cases.list().stream().filter(c -> c.hashSet().equals(set)).map(CaseFile::caseNumber).forEach(caseNumbers::add);
            Map<String, ImageRecord> found = new LinkedHashMap<>();
            Map<String, VideoRecord> foundVideos = new LinkedHashMap<>();
            for (HashSetMatcher.EntryMatch m : matcher.match(set, maxDistance)) {
                m.images().forEach(i -> found.putIfAbsent(i.image().sha256(), i.image()));
                m.videos().forEach(v -> foundVideos.putIfAbsent(v.video().sha256(), v.video()));
            }
            found.values().forEach(r -> items.add(indexed(r)));
            foundVideos.values().forEach(v -> items.add(new Item("indexed", null, v.md5(), v.sha256(), str(v.firstSeen()),
                    str(v.lastSeen()), v.rooms(), "video", lines(videos.frames(v.sha256())))));
            items.addAll(listed(sets.entries(set)));
        } else {
            String hex = ImageRoutes.parsePdq(pdq).hex();
            for (ImageMatch m : images.nearDuplicates(List.of(new ImageSearch.PdqQuery(hex, "original")), maxDistance)) {
                items.add(indexed(m.image()));
            }
        }
        ApiSecurity.results(ctx, items.size());
        String name = "takedown-" + (set != null ? set : "pdq-" + pdq.substring(0, Math.min(16, pdq.length()))) + "." + format;
        Attachment.name(ctx, name);
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8");
            try (Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8)) {
                out.write(Csv.header(COLUMNS));
                for (Item i : items) {
                    out.write(Csv.row(i.source(), nz(i.pdq()), nz(i.md5()), nz(i.sha256()), nz(i.firstSeen()),
                            nz(i.lastSeen()), Csv.cell(String.join(" ", i.rooms())), Csv.cell(String.join(" ", caseNumbers)),
                            i.kind(), i.vpdq() == null ? "" : Csv.cell(String.join(" ", i.vpdq()))));
                }
            }
        } else {
            ctx.contentType("application/json; charset=utf-8");
            try (OutputStream out = ctx.res().getOutputStream(); JsonGenerator g = json.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("format", "stopncii-style hash records");
                g.writeArrayFieldStart("records");
                for (Item i : items) {
                    String[][] signals = i.kind().equals("video")
                            ? new String[][] {{"VideoMD5", i.md5()}, {"sha256", i.sha256()}, {"VideoVPDQ", i.vpdq() == null ? null : String.join("\n", i.vpdq())}}
                            : new String[][] {{"pdq", i.pdq()}, {"md5", i.md5()}, {"sha256", i.sha256()}};
                    for (String[] signal : signals) {
                        if (signal[1] == null) {
                            continue;
                        }
                        g.writeStartObject();
                        g.writeStringField("signalType", signal[0]);
                        g.writeStringField("hashValue", signal[1]);
                        g.writeArrayFieldStart("caseNumbers");
                        for (String c : caseNumbers) {
                            g.writeString(c);
                        }
                        g.writeEndArray();
                        g.writeStringField("source", i.source());
                        if (i.firstSeen() != null) {
                            g.writeStringField("firstSeen", i.firstSeen());
                            g.writeStringField("lastSeen", i.lastSeen());
                        }
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
    }

    private static Item indexed(ImageRecord r) {
        return new Item("indexed", r.pdq(), r.md5(), r.sha256(), str(r.firstSeen()), str(r.lastSeen()), r.rooms(), "photo", null);
    }

    /** A vPDQ in ThreatExchange's line format. */
    static List<String> lines(List<VideoHashes.Frame> frames) {
        return frames.stream().map(f -> f.frameNumber() + "," + f.quality() + "," + f.pdq() + ","
                + String.format(java.util.Locale.ROOT, "%.3f", f.timestamp())).toList();
    }

    /**
     * The set's own hashes, one item per labelled photo or video where the set groups them (a case), else one per hash;
     * a group holding a vPDQ is a video, its digests those of the video's file.
     */
    private static List<Item> listed(List<HashSetEntry> entries) {
        // An unlabelled hash is a photo (or a video) of its own; labelled ones are grouped by label.
        Map<Object, String[]> byLabel = new LinkedHashMap<>();
        Map<Object, HashSetEntry> videoOf = new java.util.HashMap<>();
        for (HashSetEntry e : entries) {
            Object key = e.label() == null ? new Object() : e.label();
            String[] hashes = byLabel.computeIfAbsent(key, k -> new String[3]);
            if (e.isVideo()) {
                videoOf.put(key, e);
            } else {
                hashes[switch (e.kind()) { case "pdq" -> 0; case "md5" -> 1; default -> 2; }] = e.value();
            }
        }
        List<Item> out = new ArrayList<>();
        byLabel.forEach((key, h) -> {
            HashSetEntry video = videoOf.get(key);
            out.add(video != null
                    ? new Item("listed", null, h[1], h[2], null, null, List.of(), "video", lines(video.frames()))
                    : new Item("listed", h[0], h[1], h[2], null, null, List.of(), "photo", null));
        });
        return out;
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
