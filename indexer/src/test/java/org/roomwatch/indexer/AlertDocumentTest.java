package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.watch.Alert;

/** Alerts travel typed (core's Alert) and answer in JSON exactly the fields they are stored with. */
class AlertDocumentTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aStoredAlertReadsTypedAndWritesBackTheSameFields() throws Exception {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("rule_id", "r-1");
        rule.put("kind", "term");
        rule.put("matched", "지인능욕");
        rule.put("distance", null);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("watchlist_id", "wl-1");
        stored.put("watchlist_name", "사건 17");
        stored.put("priority", "high");
        stored.put("rules", new ArrayList<>(List.of(rule)));
        stored.put("message_id", "telegram:hanbit_gossip:1");
        stored.put("room_id", "telegram:hanbit_gossip");
        stored.put("permalink", "https://t.me/hanbit_gossip/1");
        stored.put("posted_at", "2026-10-01T00:00:01Z");
        stored.put("created_at", "2026-10-01T00:00:02Z");
        stored.put("state", "seen");
        stored.put("state_by", "lee");
        stored.put("state_at", "2026-10-01T00:01:00Z");
        stored.put("history", List.of(Map.of("state", "new", "by", "roomwatch", "at", "2026-10-01T00:00:02Z"),
                Map.of("state", "seen", "by", "lee", "at", "2026-10-01T00:01:00Z")));

        Alert alert = AlertStore.alert(stored);
        assertEquals("wl-1", alert.watchlistId());
        assertEquals("term", alert.rules().get(0).kind());
        assertEquals("lee", alert.history().get(1).by());
        assertEquals(json.valueToTree(stored), json.valueToTree(alert), "the API answers the stored fields, no more, no fewer");

        stored.remove("state_by");
        stored.remove("state_at");
        assertEquals(json.valueToTree(stored), json.valueToTree(AlertStore.alert(stored)), "a field never set is not invented");
    }
}
