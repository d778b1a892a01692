package org.roomwatch.core.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.search.ImageMatch;

/**
 * Where a case's photos and videos appear: every message that carries an image or video matching one of the case's
 * hashes, with the photo or video it matched, how (pdq within a distance, an exact digest, vpdq, or a photo as a frame
 * of a video), and each room's state.
 */
public interface CaseSightings {
    /** How a stored image matched the case: the photo's label, the kind of hash and the distance (0 for digests). */
    record ImageHit(String photo, String matchedBy, int distance, Instant firstSeen, Instant lastSeen) {}

    /**
     * One message in which a matching image appears, with who posted it (the sender's id, or the author's signature
     * where the source gives only that), its views as captured, its forward origin as the source gave it, and the
     * SHA-256 of the raw payload it was parsed from.
     */
    record Sighting(String photo, String matchedBy, int distance, String imageSha256, String roomId, String room,
                           long messageId, String permalink, Instant postedAt, Instant capturedAt, Instant deletedAt,
                           String seenThrough, String poster, Long views, String forwardedFrom, String rawSha256) {}

    /** A room's audience as last captured: members (groups) or subscribers (channels), and when; null when never captured. */
    record RoomAudience(String roomId, String title, Long members, Long subscribers, Instant capturedAt) {
        /** The room's audience, members or subscribers, or null when neither was captured. */
        public Long audience() {
            return subscribers != null ? subscribers : members;
        }
    }

    /** The rooms' audiences by room id; a room never crawled is absent. */
    Map<String, RoomAudience> audiences(java.util.Collection<String> roomIds);

    /** A room where matches appear: its state as last captured, and when and how often the case's photos were seen there. */
    record RoomSummary(String roomId, String title, String kind, Boolean hasPreview, String invite,
                              Instant lastCaptured, Instant firstSeen, Instant lastSeen, int messages, int bestDistance,
                              List<String> photos) {}

    /** The nearest way each matched stored image matched, by the image's SHA-256. */
    static Map<String, ImageHit> images(List<HashSetMatcher.EntryMatch> matches) {
        Map<String, ImageHit> best = new LinkedHashMap<>();
        for (HashSetMatcher.EntryMatch m : matches) {
            for (ImageMatch image : m.images()) {
                ImageHit hit = new ImageHit(m.entry().label() == null ? m.entry().value() : m.entry().label(),
                        m.entry().kind(), image.distance(), image.image().firstSeen(), image.image().lastSeen());
                best.merge(image.image().sha256(), hit, (a, b) -> b.distance() < a.distance() ? b : a);
            }
            // A video is found in messages by its SHA-256 as a photo is: its sightings, rooms and exports follow.
            for (org.roomwatch.core.hashes.VideoHit video : m.videos()) {
                ImageHit hit = new ImageHit(m.entry().label() == null ? m.entry().value() : m.entry().label(),
                        video.matchedBy(), video.distance(), video.video().firstSeen(), video.video().lastSeen());
                best.merge(video.video().sha256(), hit, (a, b) -> b.distance() < a.distance() ? b : a);
            }
        }
        return best;
    }

    /** Streams every message carrying one of {@code images}; a message with two matching images is given twice. */
    void forEach(Map<String, ImageHit> images, Consumer<Sighting> each);

    /** The rooms tallied, most recently seen first, each with its state as last captured. */
    List<RoomSummary> rooms(RoomTallies tallies);

    /** Per room: first and last sighting, messages, nearest distance and photos; fed one sighting at a time. */
    final class RoomTallies {
        /** One room's tally so far. */
        public record Tally(Instant first, Instant last, int messages, int best, java.util.SortedSet<String> photos) {}

        private final Map<String, Tally> byRoom = new java.util.HashMap<>();

        public void add(Sighting s) {
            Instant seen = s.postedAt() != null ? s.postedAt() : s.capturedAt();
            byRoom.merge(s.roomId(), new Tally(seen, seen, 1, s.distance(), new java.util.TreeSet<>(List.of(s.photo()))), (a, b) -> {
                java.util.TreeSet<String> photos = new java.util.TreeSet<>(a.photos());
                photos.addAll(b.photos());
                return new Tally(a.first() == null || (b.first() != null && b.first().isBefore(a.first())) ? b.first() : a.first(),
                        a.last() == null || (b.last() != null && b.last().isAfter(a.last())) ? b.last() : a.last(),
                        a.messages() + b.messages(), Math.min(a.best(), b.best()), photos);
            });
        }

        public Map<String, Tally> byRoom() {
            return java.util.Collections.unmodifiableMap(byRoom);
        }
    }
}
