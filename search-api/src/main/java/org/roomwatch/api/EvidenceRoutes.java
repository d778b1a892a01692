package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.roomwatch.core.evidence.EvidenceBundle;
import org.roomwatch.core.evidence.EvidenceKey;
import org.roomwatch.core.evidence.EvidenceRecords;

/**
 * Evidence bundles: {@code POST /api/evidence} with the message and room ids of a selection answers a signed ZIP of
 * their records (see {@link EvidenceBundle}). Every bundle made is audited with the manifest's SHA-256 and the key's
 * fingerprint, so the audit trail names exactly what left.
 */
final class EvidenceRoutes {
    static final int MAX_RECORDS = 10_000;
    private static final Set<String> FIELDS = Set.of("messages", "rooms", "case", "reason");

    private final EvidenceRecords records;
    private final Supplier<EvidenceKey> key;
    private final ObjectMapper json;
    private final Clock clock;
    private final BiConsumer<Context, Problem> problem;

    /** A case's report for a bundle, when the maker may see the case and one can be made; null: bundles carry none. */
    private final java.util.function.BiFunction<Context, String, java.util.Optional<byte[]>> caseReport;

    EvidenceRoutes(EvidenceRecords records, Supplier<EvidenceKey> key, ObjectMapper json, Clock clock, BiConsumer<Context, Problem> problem,
                   java.util.function.BiFunction<Context, String, java.util.Optional<byte[]>> caseReport) {
        this.caseReport = caseReport;
        this.records = records;
        this.key = key;
        this.json = json;
        this.clock = clock;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.post("/api/evidence", this::bundle);
    }

    private void bundle(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(ctx, json, "expected {\"messages\": [ids], \"rooms\": [ids], \"reason\": \"...\", \"case\": \"...\"}");
        JsonBody.allowOnly(body, FIELDS, null);
        List<String> messageIds = ids(body, "messages");
        List<String> roomIds = ids(body, "rooms");
        if (messageIds.isEmpty() && roomIds.isEmpty()) {
            throw new BadParameter("messages", "select at least one message or room");
        }
        if (messageIds.size() + roomIds.size() > MAX_RECORDS) {
            throw new BadParameter("messages", "at most " + MAX_RECORDS + " records in one bundle; split the selection");
        }
        String reason = reason(body.path("reason").asText(""));
        String caseNumber = body.hasNonNull("case") ? body.get("case").asText().strip() : null;
        List<String> missing = write(ctx, messageIds, roomIds, reason, caseNumber);
        if (!missing.isEmpty()) {
            problem.accept(ctx, Problem.notFound("not in the index: " + named(missing)));
        }
    }

    static String reason(String given) {
        String reason = given == null ? "" : given.strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new BadParameter("reason", "reason is required (at most 500 characters): why the bundle is made");
        }
        return reason;
    }

    /** Up to 20 ids, and how many more: enough to find them, never a page of ids. */
    static String named(List<String> missing) {
        return String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                + (missing.size() > 20 ? " and " + (missing.size() - 20) + " more" : "");
    }

    /**
     * Writes the signed bundle of a checked selection as the response, or, when any of it is no longer in the index,
     * writes nothing and answers the ids missing: a bundle is all of the selection or nothing, since a silent gap
     * would look like the whole record.
     */
    List<String> write(Context ctx, List<String> messageIds, List<String> roomIds, String reason, String caseNumber) throws IOException {
        EvidenceRecords.Found messages = records.messages(messageIds);
        EvidenceRecords.Found rooms = records.rooms(roomIds);
        List<String> missing = new ArrayList<>(messages.missing());
        missing.addAll(rooms.missing());
        if (!missing.isEmpty()) {
            return missing;
        }
        String actor = ApiSecurity.actor(ctx, "-");
        // A bundle naming a case the maker may see carries the case's spread report, signed with the rest.
        java.util.Map<String, byte[]> attachments = caseNumber == null || caseReport == null ? java.util.Map.of()
                : caseReport.apply(ctx, caseNumber).map(pdf -> java.util.Map.of("reports/spread.pdf", pdf)).orElse(java.util.Map.of());
        EvidenceBundle.Contents contents = new EvidenceBundle.Contents(actor, clock.instant(), caseNumber, reason,
                messages.records(), rooms.records(), attachments);
        String stamp = contents.createdAt().toString().replace(":", "").replace("-", "");
        ctx.contentType("application/zip");
        Attachment.name(ctx, "roomwatch-evidence-" + (caseNumber == null || caseNumber.isEmpty() ? "" : caseNumber + "-") + stamp + ".zip");
        EvidenceBundle.Written written;
        try (OutputStream out = ctx.res().getOutputStream()) {
            written = EvidenceBundle.write(contents, key.get(), out);
        }
        ApiSecurity.results(ctx, messages.records().size() + rooms.records().size());
        ApiSecurity.note(ctx, "bundle manifest sha256 " + written.manifestSha256() + ", signed by " + written.keyFingerprint());
        return List.of();
    }

    private static List<String> ids(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadParameter(field, field + " is a list of ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : node) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new BadParameter(field, field + " holds ids as strings, e.g. \"telegram:room:17\"");
            }
            if (!ids.contains(id.asText())) {
                ids.add(id.asText());
            }
        }
        return ids;
    }
}
