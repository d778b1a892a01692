package org.roomwatch.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.search.VideoSearch;
import org.roomwatch.core.watch.AlertInbox;
import org.roomwatch.tagging.Gazetteer;

/**
 * What officers send, as pairs: the HTTP request to the API, and the same query made directly against the engine
 * through the same Elasticsearch client and the same query building the API uses (in this process, with no HTTP,
 * authentication, audit or JSON of ours in between). The API answer and the engine answer to a pair are the same
 * search, so the two runs' throughputs compare the API's cost with the engine's alone.
 */
final class LoadMix {
    /** The kinds of request, with their share of the mix in percent. */
    enum Kind {
        WORD("word search", 30, true), PHRASE("phrase search", 15, true), FILTERED("school/region/date filters", 20, true),
        ROOM("room page", 15, false), IMAGE("image search (PDQ)", 10, false), ALERTS("alerts inbox", 10, false);

        final String label;
        final int share;
        final boolean messageSearch;

        Kind(String label, int share, boolean messageSearch) {
            this.label = label;
            this.share = share;
            this.messageSearch = messageSearch;
        }
    }

    /**
     * One request: its API form ({@code body} null for a GET), the engine call that makes the same search, and for a
     * message search its query (null otherwise), so the pieces of its cost can be measured.
     */
    record Request(Kind kind, String path, String body, Callable<Object> engine, MessageQuery query) {
        /** A request that is not a message search. */
        Request(Kind kind, String path, String body, Callable<Object> engine) {
            this(kind, path, body, engine, null);
        }
    }

    /** The engine side: the services the API itself calls, built on their own client to the same indices. */
    record Engine(SearchService search, ImageSearch images, VideoSearch videos, AlertInbox alerts, Set<String> visibleLists) {}

    private static final String[] PHRASES = {"요청 받아요", "단톡 캡처 올림", "인원 모집", "선생님 사진 구함", "자료 정리중",
        "졸업앨범 스캔", "겹지인 있는 사람", "사진 더 있으면"};
    private static final String[] REGIONS = {"서울", "경기", "부산", "대구", "인천", "광주", "대전", "울산"};
    private static final String[] LEVELS = {"초", "중", "고"};
    private static final Instant CORPUS_FROM = Instant.parse("2025-01-01T00:00:00Z");

    private final LoadCorpus corpus;
    private final int rooms;
    private final List<String> schoolIds;
    private final Engine engine;
    private final Kind only;

    LoadMix(LoadCorpus corpus, int rooms, List<String> schoolIds, Engine engine) {
        this(corpus, rooms, schoolIds, engine, null);
    }

    private LoadMix(LoadCorpus corpus, int rooms, List<String> schoolIds, Engine engine, Kind only) {
        this.corpus = corpus;
        this.rooms = rooms;
        this.schoolIds = List.copyOf(schoolIds);
        this.engine = engine;
        this.only = only;
    }

    /** The same requests of one kind alone: what that kind costs is measured by running nothing else. */
    LoadMix only(Kind kind) {
        return new LoadMix(corpus, rooms, schoolIds, engine, kind);
    }

    /** The next request of one investigator's sequence: the same seeded random gives the same sequence. */
    Request next(Random random) {
        if (only != null) {
            return make(only, random);
        }
        int pick = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            if (pick < kind.share) {
                return make(kind, random);
            }
            pick -= kind.share;
        }
        throw new IllegalStateException("the shares add up to less than 100");
    }

    Request make(Kind kind, Random random) {
        return switch (kind) {
            case WORD -> {
                String q = random.nextInt(4) == 0 ? corpus.word(random) + " " + corpus.word(random) : corpus.word(random);
                yield messages(kind, q, random.nextBoolean() ? MessageSort.NEWEST : null, null, null, MessageFilters.NONE, false);
            }
            case PHRASE -> messages(kind, "\"" + PHRASES[random.nextInt(PHRASES.length)] + "\"", null, null, null, MessageFilters.NONE, false);
            case FILTERED -> {
                Instant from = CORPUS_FROM.plus(Duration.ofDays(random.nextInt(400)));
                Instant to = from.plus(Duration.ofDays(7 + random.nextInt(90)));
                MessageFilters filters = switch (random.nextInt(3)) {
                    case 0 -> new MessageFilters(schoolIds.get(random.nextInt(schoolIds.size())), null, null, null, null, null);
                    case 1 -> new MessageFilters(null, REGIONS[random.nextInt(REGIONS.length)], null, null, null, null);
                    default -> new MessageFilters(null, null, LEVELS[random.nextInt(LEVELS.length)], null, null, null);
                };
                yield messages(kind, random.nextBoolean() ? corpus.word(random) : null, MessageSort.NEWEST, from, to, filters, true);
            }
            case ROOM -> {
                String room = "telegram:" + LoadCorpus.roomName(random.nextInt(rooms));
                yield new Request(kind, "/api/rooms/" + room + "?latest=20", null, () -> engine.search().room(room, 20).orElseThrow());
            }
            case IMAGE -> {
                String pdq = LoadCorpus.nearCentre(random.nextInt(LoadCorpus.PHOTO_CLUSTERS), random.nextInt(8), random);
                List<ImageSearch.PdqQuery> query = List.of(new ImageSearch.PdqQuery(pdq, "original"));
                // As the API answers it: the near-duplicate photos, and the videos with a frame near the picture.
                yield new Request(kind, "/api/images/search", "{\"pdq\": \"" + pdq + "\", \"maxDistance\": 31}",
                        () -> List.of(engine.images().nearDuplicates(query, 31), engine.videos().videosWithFrameNear(query, 31)));
            }
            case ALERTS -> {
                String state = random.nextBoolean() ? "new" : null;
                yield new Request(kind, "/api/alerts?page=1&size=20" + (state == null ? "" : "&state=" + state), null,
                        () -> engine.alerts().find(state, null, null, 1, 20, engine.visibleLists()));
            }
        };
    }

    /**
     * A message search. Word and phrase searches are asked as the search page asks them, without facets (the page
     * shows none); the filtered ones ask for the facets, as a script exploring a school's activity does.
     */
    private Request messages(Kind kind, String q, MessageSort sort, Instant from, Instant to, MessageFilters filters, boolean facets) {
        StringBuilder path = new StringBuilder("/api/messages?size=20");
        if (!facets) {
            path.append("&facets=false");
        }
        if (q != null) {
            path.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        if (sort != null) {
            path.append("&sort=").append(sort.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (from != null) {
            path.append("&from=").append(from).append("&to=").append(to);
        }
        if (filters.school() != null) {
            path.append("&school=").append(filters.school());
        }
        if (filters.region() != null) {
            path.append("&region=").append(URLEncoder.encode(filters.region(), StandardCharsets.UTF_8));
        }
        if (filters.level() != null) {
            path.append("&level=").append(URLEncoder.encode(filters.level(), StandardCharsets.UTF_8));
        }
        // As the API reads it: the region by its short name, highlights on, the first page of 20.
        MessageFilters engineFilters = new MessageFilters(filters.school(), filters.region() == null ? null : Gazetteer.sidoShort(filters.region()),
                filters.level(), null, null, null);
        MessageQuery query = new MessageQuery(q, null, from, to, null, sort, 1, 20, true, engineFilters, facets);
        return new Request(kind, path.toString(), null, () -> engine.search().messages(query), query);
    }
}
