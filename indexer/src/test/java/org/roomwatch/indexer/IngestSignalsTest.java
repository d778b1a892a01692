package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;

/** What ingest stores reaches the room's signals: paced for messages, at once for the room's own document. */
@ExtendWith(IndicesExtension.class)
class IngestSignalsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aRoomCapturedAgainWithinTheIntervalKeepsItsSignalsAndItsMessagesArePaced(TestIndices indices) throws IOException {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        Lexicon lexicon = new Lexicon(new ConfigLoader().defaults().signals().lexicon());
        SignalsPacer pacer = new SignalsPacer(new RoomSignals(client, names, () -> new Tagging(List.of(), List.of(), lexicon)),
                Duration.ofMinutes(5)); // everything below happens within one interval
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch())) {
            Ingest ingest = new Ingest(BatchStep.NONE, writer, null, pacer);
            String roomId = "telegram:dalbit_notice";

            ingest.store(room("달빛여중 지인방", T0), List.of(IndexerTest.message(1, "dalbit_notice", "첫 글", T0, false)));
            assertTrue(signals(client, names, roomId) != null, "a room stored for the first time is scored at once");

            // The next crawl run captures the room again: its document is written whole, without the signals.
            ingest.store(room("달빛 공지", T0.plusSeconds(60)), List.of(IndexerTest.message(2, "dalbit_notice", "둘째 글", T0.plusSeconds(60), false)));
            assertTrue(signals(client, names, roomId) != null, "the room's page keeps its score after the room is captured again");
            assertFalse(pacer.isMarked(roomId));

            // An account's live update: a message alone, within the interval, is left to the pacer's next round.
            ingest.store(null, List.of(IndexerTest.message(3, "dalbit_notice", "셋째 글", T0.plusSeconds(120), false)));
            assertTrue(pacer.isMarked(roomId));
            assertTrue(signals(client, names, roomId) != null);
        }
    }

    private static Room room(String title, Instant capturedAt) {
        return new Room("telegram", "dalbit_notice", title, "달빛여중 지인능욕 제보방", RoomKind.GROUP, 321L, null, null,
                null, null, null, true, InviteStatus.NOT_AN_INVITE, capturedAt, "https://t.me/s/dalbit_notice", "ef".repeat(32));
    }

    private static Object signals(ElasticsearchClient client, IndexNames names, String roomId) throws IOException {
        Map<?, ?> room = client.get(g -> g.index(names.rooms()).id(roomId), Map.class).source();
        assertEquals(roomId.substring("telegram:".length()), room.get("name"), "the room is stored: " + room);
        return room.get("signals");
    }
}
