package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.CaseSightings;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.cases.Spread;
import org.roomwatch.core.hashes.HashSetMatcher;

/**
 * The extent of harm of a case, for officers and for court: how its images and videos spread (every posting in time
 * order, the first, forwards, the rooms with their audiences, and totals). Need to know holds as for the case itself:
 * someone the case does not name gets a 404 (the access table), and the read is audited before it happens.
 */
final class CaseSpreadRoutes {
    /**
     * Postings listed in the spread's answer and page, earliest first; the totals and the graph count them all, and
     * the case's export and report list every one.
     */
    static final int LISTED_POSTINGS = 1000;

    private final Cases cases;
    private final HashSetMatcher matcher;
    private final CaseSightings sightings;
    private final BiConsumer<Context, Problem> problem;

    CaseSpreadRoutes(Cases cases, HashSetMatcher matcher, CaseSightings sightings, BiConsumer<Context, Problem> problem) {
        this.cases = cases;
        this.matcher = matcher;
        this.sightings = sightings;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/cases/{number}/spread", this::spread);
        app.get("/api/cases/{number}/report", this::report);
    }

    /** The case the path names (no parameter taken), or null when a 404 was answered. */
    private CaseFile caseOf(Context ctx) {
        new Params(ctx, Set.of());
        String number = ctx.pathParam("number");
        CaseFile file = cases.find(number).orElse(null);
        if (file == null) {
            problem.accept(ctx, Problem.notFound("no case " + number));
        }
        return file;
    }

    /** The spread as a PDF for court (Korean font embedded); refused with 503, naming the package, without a font. */
    private void report(Context ctx) throws java.io.IOException {
        CaseFile file = caseOf(ctx);
        if (file == null) {
            return;
        }
        java.util.Optional<java.nio.file.Path> font = CaseReport.font();
        if (font.isEmpty()) {
            ctx.status(503).contentType("application/problem+json").json(new Problem(Problem.BASE + "no-report-font",
                    "No Korean font for the report", 503, "the report embeds a Korean font and none is installed: "
                    + CaseReport.FONTS.get(0) + " (apt-get install fonts-nanum)", null));
            return;
        }
        Spread spread = spread(file);
        byte[] pdf = CaseReport.pdf(file, spread, java.time.Instant.now(), ApiSecurity.actor(ctx, "-"), font.get());
        ApiSecurity.results(ctx, spread.postings().size());
        Attachment.name(ctx, "spread-" + file.caseNumber() + ".pdf");
        ctx.contentType("application/pdf").result(pdf);
    }

    private void spread(Context ctx) {
        CaseFile file = caseOf(ctx);
        if (file == null) {
            return;
        }
        Spread spread = spread(file);
        ApiSecurity.results(ctx, spread.postings().size());
        ctx.json(spread.listing(LISTED_POSTINGS));
    }

    /**
     * The report of a case named by an evidence bundle, when its maker may see the case (need to know: an officer
     * naming someone else's case gets no report of it) and a Korean font is installed; empty otherwise.
     */
    java.util.Optional<byte[]> reportFor(Context ctx, String caseNumber) {
        CaseFile file = cases.find(caseNumber).orElse(null);
        java.util.Optional<java.nio.file.Path> font = CaseReport.font();
        if (file == null || font.isEmpty() || !ApiSecurity.sees(ctx, Ownership.Scope.CASE, caseNumber)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(CaseReport.pdf(file, spread(file), java.time.Instant.now(), ApiSecurity.actor(ctx, "-"), font.get()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not make the report of case " + caseNumber + ": " + e.getMessage(), e);
        }
    }

    /** The case's spread as the index holds it now. A case with no sightings has an empty spread that says so. */
    Spread spread(CaseFile file) {
        Map<String, CaseSightings.ImageHit> images = CaseSightings.images(matcher.match(file.hashSet(), CaseRoutes.MAX_DISTANCE));
        List<CaseSightings.Sighting> all = new ArrayList<>();
        sightings.forEach(images, all::add);
        Set<String> rooms = new LinkedHashSet<>();
        for (CaseSightings.Sighting s : all) {
            rooms.add(s.roomId());
            String origin = Spread.originRoom(s.forwardedFrom());
            if (origin != null) {
                rooms.add(origin);
            }
        }
        return Spread.of(file.caseNumber(), all, sightings.audiences(rooms));
    }
}
