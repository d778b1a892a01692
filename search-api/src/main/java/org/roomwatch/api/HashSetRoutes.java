package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSetInfo;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.media.hashlist.HashEntry;
import org.roomwatch.media.hashlist.HashListException;
import org.roomwatch.media.hashlist.HashListParser;

/** Known-hash sets: import (replace), list, delete, and run one against everything indexed. */
final class HashSetRoutes {
    static final int MAX_LIST_BYTES = 50 * 1024 * 1024;

    private final HashSets sets;
    private final HashSetMatcher matcher;
    private final BiConsumer<Context, Problem> problem;

    HashSetRoutes(HashSets sets, HashSetMatcher matcher, BiConsumer<Context, Problem> problem) {
        this.sets = sets;
        this.matcher = matcher;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/hashsets", ctx -> ctx.json(Map.of("sets", sets.list().stream()
                .filter(set -> ApiSecurity.sees(ctx, Ownership.Scope.HASHSET, set.name())).toList())));
        app.put("/api/hashsets/{name}", this::importSet);
        app.get("/api/hashsets/{name}", ctx -> sets.find(name(ctx)).ifPresentOrElse(ctx::json, () -> notFound(ctx)));
        app.delete("/api/hashsets/{name}", ctx -> {
            if (sets.delete(name(ctx))) {
                ctx.status(204);
            } else {
                notFound(ctx);
            }
        });
        app.get("/api/hashsets/{name}/matches", this::matches);
    }

    private static String name(Context ctx) {
        try {
            return HashSets.checkName(ctx.pathParam("name"));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("name", e.getMessage());
        }
    }

    private void notFound(Context ctx) {
        problem.accept(ctx, Problem.notFound("no hash set named " + ctx.pathParam("name")));
    }

    private void importSet(Context ctx) throws IOException {
        String name = name(ctx);
        Params p = new Params(ctx, Set.of("description"));
        // Read as bytes the server keeps: the audit entry, written first, has read a JSON list already (its stream is
        // spent), and the request cap bounds what is read.
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_LIST_BYTES) {
            problem.accept(ctx, Problem.invalidBody("hash lists over " + MAX_LIST_BYTES + " bytes are not accepted; split the list"));
            return;
        }
        List<HashSetEntry> entries;
        try {
            entries = HashListParser.parse(body).stream()
                    .map(HashEntry::toSetEntry).toList();
        } catch (HashListException e) {
            ctx.status(400).contentType("application/problem+json");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("type", Problem.BASE + "invalid-hash-list");
            doc.put("title", "Invalid hash list");
            doc.put("status", 400);
            doc.put("detail", e.getMessage());
            doc.put("problems", e.problems());
            ctx.json(doc).status(400).contentType("application/problem+json");
            return;
        }
        boolean existed = sets.find(name).isPresent();
        HashSetInfo info = sets.replace(name, p.text("description"), entries);
        ctx.status(existed ? 200 : 201).json(info);
    }

    private void matches(Context ctx) {
        String name = name(ctx);
        Params p = new Params(ctx, Set.of("maxDistance"));
        int maxDistance = ImageRoutes.distance(p.text("maxDistance"), "maxDistance");
        if (sets.find(name).isEmpty()) {
            notFound(ctx);
            return;
        }
        List<HashSetMatcher.EntryMatch> matches = matcher.match(name, maxDistance);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("set", name);
        body.put("maxDistance", maxDistance);
        body.put("matchedEntries", matches.size());
        body.put("matches", matches);
        ctx.json(body);
    }
}
