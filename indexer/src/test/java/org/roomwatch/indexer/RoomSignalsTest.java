package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.NeisSchoolCsv;
import org.roomwatch.tagging.Tagging;

@ExtendWith(IndicesExtension.class)
class RoomSignalsTest {
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final Lexicon LEXICON = new Lexicon(new ConfigLoader().defaults().signals().lexicon());

    @Test
    void theScoreAddsUpItsReasons() {
        RoomSignals.Signals s = RoomSignals.score(List.of("지인능욕"), true, 10, 5, 4, 6, List.of("합성", "능욕"), LEXICON);
        assertEquals(50 + 10 + 10 + 8 + 6, s.score());
        assertEquals(List.of("title or description uses 지인능욕 (+50)", "title or description names a school (+10)",
                "50% of 10 messages use the lexicon (most: 합성, 능욕) (+10)", "40% of 10 messages name a school (+8)",
                "60% of 10 messages carry photos, videos or files (+6)"), s.reasons());
        assertEquals(100, RoomSignals.score(List.of("지인능욕", "딥페", "합성"), true, 4, 4, 4, 4, List.of(), LEXICON).score());
        RoomSignals.Signals quiet = RoomSignals.score(List.of(), false, 20, 0, 0, 0, List.of(), LEXICON);
        assertEquals(0, quiet.score());
        assertEquals(List.of("no signal: no lexicon word, school or media seen"), quiet.reasons());
    }

    @Test
    @SuppressWarnings("unchecked")
    void computedFromTheIndexAndWrittenOntoTheRoom(TestIndices indices) throws Exception {
        Tagging tagging;
        try (InputStream in = getClass().getResourceAsStream("/schools/sample-schools.csv")) {
            tagging = new Tagging(NeisSchoolCsv.parse(in.readAllBytes()), List.of(), LEXICON);
        }
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging),
                new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(new Room("telegram", "jiin_room", "한빛여고 지인 능욕방", "겹지인 인증 후 입장", RoomKind.GROUP, 50L, null, null,
                    null, null, null, true, InviteStatus.NOT_AN_INVITE, T0, "http://sim/s/jiin_room", "aa".repeat(32)));
            List<Message> messages = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String text = i <= 4 ? "한빛여고 애들 합성본" : "잡담 " + i;
                messages.add(new Message("telegram", "jiin_room", i, "http://sim/jiin_room/" + i, T0.plusSeconds(i), null, text,
                        List.of(), null, null, 1L, false, false, i <= 2 ? List.of(new MediaRef(MediaKind.PHOTO, "http://x/" + i)) : List.of(),
                        T0, "http://sim/s/jiin_room", "bb".repeat(32)));
            }
            writer.writeMessages(messages);
        }
        client.indices().refresh(r -> r.index(names.messages(), names.rooms()));
        RoomSignals.Signals signals = new RoomSignals(client, names, () -> tagging).refresh("telegram:jiin_room");
        // 지인능욕 (spaces ignored) + 겹지인 in the room: 90, capped at 50; names a school: 10; 40% lexicon: 8;
        // 40% school: 8; 20% media: 2.
        assertEquals(78, signals.score(), signals.reasons().toString());
        assertTrue(signals.reasons().get(0).startsWith("title or description uses 지인능욕, 겹지인"), signals.reasons().toString());
        Map<String, Object> room = client.get(g -> g.index(names.rooms()).id("telegram:jiin_room"), Map.class).source();
        Map<String, Object> stored = (Map<String, Object>) room.get("signals");
        assertEquals(78, stored.get("score"));
        assertEquals(signals.reasons(), stored.get("reasons"));
        assertEquals("한빛여고 지인 능욕방", room.get("title"), "the partial update leaves the rest of the room alone");
    }

    @Test
    void aRoomOfMoreThanTenThousandMessagesIsCountedWhole(TestIndices indices) throws Exception {
        // The count came from the engine's default hit count, which stops at 10,000: a crawled room of 10,050 messages,
        // every one with a photo, read as "101% of 10000 messages carry photos".
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        int count = 10_050;
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            writer.writeRoom(new Room("telegram", "busy_room", "잡담방", "", RoomKind.GROUP, 900L, null, null, null, null, null, true,
                    InviteStatus.NOT_AN_INVITE, T0, "http://sim/s/busy_room", "cc".repeat(32)));
            List<Message> batch = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                batch.add(new Message("telegram", "busy_room", i, "http://sim/busy_room/" + i, T0.plusSeconds(i), null, "잡담 " + i, List.of(),
                        null, null, 1L, false, false, List.of(new MediaRef(MediaKind.PHOTO, "http://x/busy/" + i)), T0, "http://sim/s/busy_room",
                        "dd".repeat(32)));
                if (batch.size() == 2_000 || i == count) {
                    writer.writeMessages(batch);
                    batch.clear();
                }
            }
        }
        client.indices().refresh(r -> r.index(names.messages(), names.rooms()));
        RoomSignals.Signals signals = new RoomSignals(client, names, () -> new Tagging(List.of(), List.of(), LEXICON)).refresh("telegram:busy_room");
        assertEquals(count, signals.messages());
        assertEquals(List.of("100% of " + count + " messages carry photos, videos or files (+10)"), signals.reasons());
    }
}
