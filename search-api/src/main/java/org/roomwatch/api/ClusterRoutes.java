package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.cases.Clusters;
import org.roomwatch.core.cases.PostedMedia;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.search.ImageRecord;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.VideoSearch;

/**
 * Further victims: {@code GET /api/clusters?room=ID} or {@code ?poster=sender:ID|author:NAME} groups the images and
 * videos a room or a poster posted into near-duplicate clusters, each with how widely it spread and the cases it
 * belongs to. Only the cases the asker may see are named (need to know): to anyone else a cluster in someone's case
 * looks like one in none.
 */
final class ClusterRoutes {
    static final int MAX_MEDIA = 2000;

    private final PostedMedia posted;
    private final ImageSearch images;
    private final VideoSearch videos;
    private final Cases cases;
    private final HashSets sets;

    ClusterRoutes(PostedMedia posted, ImageSearch images, VideoSearch videos, Cases cases, HashSets sets) {
        this.posted = posted;
        this.images = images;
        this.videos = videos;
        this.cases = cases;
        this.sets = sets;
    }

    void register(Javalin app) {
        app.get("/api/clusters", this::clusters);
    }

    private void clusters(Context ctx) {
        Params p = new Params(ctx, Set.of("room", "poster"));
        String room = p.text("room");
        String poster = p.text("poster");
        Clusters clusters = clusters(ctx, room, poster);
        ApiSecurity.results(ctx, clusters.clusters().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", room != null ? Map.of("room", room) : Map.of("poster", poster));
        body.put("clusters", clusters.clusters());
        body.put("cut", clusters.cut());
        ctx.json(body);
    }

    /**
     * The clusters of what {@code room} or {@code poster} (exactly one of them) posted, naming the cases the asker may
     * see.
     *
     * @throws BadParameter when both or neither are given, or the poster is not sender:ID or author:NAME
     */
    Clusters clusters(Context ctx, String room, String poster) {
        if ((room == null) == (poster == null)) {
            throw new BadParameter(room == null ? "room" : "poster", "give either room=ID (telegram:name) or poster=sender:ID|author:NAME, not both");
        }
        PostedMedia.Posted media;
        try {
            media = room != null ? posted.inRoom(room, MAX_MEDIA) : posted.byPoster(poster, MAX_MEDIA);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("poster", e.getMessage());
        }
        List<Clusters.Item> items = items(media.sha256s());
        Map<String, List<HashSetEntry>> visible = new LinkedHashMap<>();
        cases.list().stream().filter(c -> ApiSecurity.sees(ctx, Ownership.Scope.CASE, c.caseNumber()))
                .forEach(c -> visible.put(c.caseNumber(), sets.entries(c.hashSet())));
        return Clusters.of(items, visible, media.cut());
    }

    /** The stored records of the SHA-256s: photos first, the rest looked up as videos. */
    private List<Clusters.Item> items(List<String> shas) {
        List<Clusters.Item> out = new ArrayList<>();
        Map<String, List<ImageRecord>> found = shas.isEmpty() ? Map.of() : images.lookup(shas);
        for (String sha : shas) {
            List<ImageRecord> records = found.getOrDefault(sha, List.of());
            if (!records.isEmpty()) {
                ImageRecord r = records.get(0);
                out.add(new Clusters.Item("photo", r.sha256(), r.md5(), r.quality() >= 50 ? List.of(r.pdq()) : List.of(), r.count(),
                        r.rooms(), r.firstSeen(), r.lastSeen()));
            } else if (videos != null) {
                videos.bySha256(sha).ifPresent(v -> out.add(new Clusters.Item("video", v.sha256(), v.md5(),
                        videos.frames(sha).stream().filter(f -> f.quality() >= 50).map(VideoHashes.Frame::pdq).distinct().toList(),
                        v.count(), v.rooms(), v.firstSeen(), v.lastSeen())));
            }
        }
        return out;
    }
}
