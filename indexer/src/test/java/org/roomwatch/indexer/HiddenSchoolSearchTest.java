package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.MessageSort;
import org.roomwatch.core.search.RoomQuery;
import org.roomwatch.core.search.SearchService.SchoolRoom;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.tagging.NeisSchoolCsv;
import org.roomwatch.tagging.Tagging;

/**
 * Issue 22, item 5: a search for a school finds the forms rooms hide it in, through the school tag, where the
 * analyzers find nothing: messages that split it (한.빛.여.고), write it in initials or Latin letters, and rooms whose
 * username spells it (t.me/hanbit_yeogo), on the school page too.
 */
@ExtendWith(IndicesExtension.class)
class HiddenSchoolSearchTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static Room room(String name, String title) {
        return new Room("telegram", name, title, "잡담", RoomKind.GROUP, 40L, null, null, null, null, null, true,
                InviteStatus.NOT_AN_INVITE, T0, "https://t.me/s/" + name, "ab".repeat(32));
    }

    private static Set<Long> ids(org.roomwatch.core.search.SearchPage page) {
        return page.hits().stream().map(h -> ((Number) h.source().get("message_id")).longValue()).collect(Collectors.toSet());
    }

    @Test
    void aSchoolsNameFindsItsHiddenFormsThroughItsTag(TestIndices indices) throws Exception {
        List<School> schools;
        try (InputStream in = getClass().getResourceAsStream("/schools/sample-schools.csv")) {
            schools = NeisSchoolCsv.parse(in.readAllBytes());
        }
        Tagging tagging = new Tagging(schools, List.of());
        try (BulkMessageWriter writer = new BulkMessageWriter(indices.client(), indices.names(), new MessageEnricher(() -> tagging),
                new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(room("hanbit_yeogo", "잡담방 2"));
            writer.writeRoom(room("chatter", "잡담방"));
            writer.writeMessages(List.of(
                    IndexerTest.message(1, "chatter", "한.빛.여.고 애들 사진 구함", T0, false),
                    IndexerTest.message(2, "chatter", "ㅎㅂㅇㄱ 지인 박제", T0.plusSeconds(1), false),
                    IndexerTest.message(3, "chatter", "t.me/hanbit_yeogo 링크 돌아다님", T0.plusSeconds(2), false),
                    IndexerTest.message(4, "chatter", "한빛여고 단톡 캡처", T0.plusSeconds(3), false),
                    IndexerTest.message(5, "chatter", "한빛고 애들 (다른 학교)", T0.plusSeconds(4), false),
                    IndexerTest.message(6, "chatter", "한.빛.여.고 합성본 있음", T0.plusSeconds(5), false)));
        }
        indices.refresh();
        ElasticsearchSearchService plain = new ElasticsearchSearchService(indices.client(), indices.names());
        ElasticsearchSearchService following = new ElasticsearchSearchService(indices.client(), indices.names(), () -> tagging);
        MessageQuery byName = new MessageQuery("한빛여고", null, null, null, null, MessageSort.NEWEST, 1, 20, false);
        assertEquals(Set.of(4L), ids(plain.messages(byName)), "the analyzers alone find the plain form only");
        assertEquals(Set.of(1L, 2L, 3L, 4L, 6L), ids(following.messages(byName)), "through the school tag, every hidden form");
        assertEquals(Set.of(1L, 2L, 3L, 4L, 6L), ids(following.messages(new MessageQuery("hanbit yeogo", null, null, null, null,
                MessageSort.NEWEST, 1, 20, false))), "searched in Latin letters too");
        assertEquals(Set.of(6L), ids(following.messages(new MessageQuery("한빛여고 합성본", null, null, null, null, MessageSort.NEWEST,
                1, 20, false))), "each word still counts: the school and 합성본");
        String girlsId = schools.stream().filter(s -> s.name().equals("한빛여자고등학교")).findFirst().orElseThrow().id();
        SchoolsNamed named = new SchoolsNamed(() -> tagging);
        assertEquals(List.of(girlsId), named.by(" 한빛 여고 "));
        assertEquals(List.of(), named.by("한빛"), "a word that names no school is matched as text only");
        assertEquals(List.of(), named.by("한빛여고 합성본"), "words that say more than the school");
        assertEquals(2, named.by("한빛중").size(), "an ambiguous name: both its schools");

        List<String> rooms = following.rooms(new RoomQuery("한빛여고", null, null, null, 1, 10)).hits().stream()
                .map(h -> (String) h.source().get("name")).toList();
        assertEquals(List.of("hanbit_yeogo"), rooms, "the room whose username spells the school");
        List<SchoolRoom> onSchoolPage = following.schoolRooms(girlsId, 10);
        assertTrue(onSchoolPage.stream().anyMatch(r -> r.roomId().equals("telegram:hanbit_yeogo") && r.namedForSchool()), onSchoolPage.toString());
    }
}
