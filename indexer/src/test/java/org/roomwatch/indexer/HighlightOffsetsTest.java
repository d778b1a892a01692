package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;

/**
 * The highlighted fields keep their offsets in the index, so the highlighter reads where a word is from the postings
 * instead of running the Korean analyzer again over every hit; an index created before they did gives the same
 * highlights, the slower way, so a unit's existing index needs no reindexing.
 */
@ExtendWith(IndicesExtension.class)
class HighlightOffsetsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> HIGHLIGHTED = List.of("text", "text.bigram", "image_text", "image_text.bigram");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchClient client;
    private IndexNames names;
    private IndexNames before;

    @BeforeEach
    void setUp(TestIndices indices) throws IOException {
        client = indices.client();
        names = indices.names();
        before = new IndexNames(names.prefix() + "before-offsets-");
        ObjectNode body = (ObjectNode) JSON.readTree(IndexManager.mappingBytes("messages"));
        ObjectNode properties = (ObjectNode) body.path("mappings").path("properties");
        for (String field : List.of("text", "image_text")) {
            ((ObjectNode) properties.get(field)).remove("index_options");
            ((ObjectNode) properties.get(field).path("fields").path("bigram")).remove("index_options");
        }
        byte[] old = JSON.writeValueAsBytes(body);
        client.indices().create(c -> c.index(before.messages()).withJson(new ByteArrayInputStream(old)));
        new IndexManager(client, before).ensureAll(); // the rest, and a start-up's check of the old index, which passes
        for (IndexNames set : List.of(names, before)) {
            BulkMessageWriter writer = new BulkMessageWriter(client, set, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
            writer.writeMessages(List.of(
                    IndexerTest.message(1, "hl_room", "지인능욕방 새로 팠음 사진 올림", T0, false),
                    IndexerTest.message(2, "hl_room", "한빛여고 2학년 단톡 캡처 올림, 사진 더 있으면 올려줘", T0.plusSeconds(10), true),
                    IndexerTest.message(3, "hl_room", "오늘 공지 없음", T0.plusSeconds(20), true)));
            client.update(u -> u.index(set.messages()).id("telegram:hl_room:3").doc(Map.of("image_text", "가온 사진 박제 졸업앨범")), Map.class);
            client.indices().refresh(r -> r.index(set.messages()));
        }
    }

    @Test
    void theHighlightedFieldsStoreTheirOffsets() throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        client.indices().getMapping(m -> m.index(names.messages())).result().values().forEach(index -> {
            Map<String, Property> properties = index.mappings().properties();
            for (String field : List.of("text", "image_text")) {
                var text = properties.get(field).text();
                options.put(field, text.indexOptions() == null ? null : text.indexOptions().jsonValue());
                var bigram = text.fields().get("bigram").text();
                options.put(field + ".bigram", bigram.indexOptions() == null ? null : bigram.indexOptions().jsonValue());
            }
        });
        Map<String, String> expected = new LinkedHashMap<>();
        HIGHLIGHTED.forEach(field -> expected.put(field, "offsets"));
        assertEquals(expected, options);
    }

    @Test
    void anIndexWithoutOffsetsHighlightsTheSame() {
        ElasticsearchSearchService now = new ElasticsearchSearchService(client, names);
        ElasticsearchSearchService old = new ElasticsearchSearchService(client, before);
        // A word of the Korean analyzer, a run only the bigram field has, a phrase, an alternative, text in a picture.
        for (String q : List.of("사진", "인능", "\"캡처 올림\"", "한빛여고 OR 공지", "졸업앨범", "박제")) {
            Map<String, List<String>> withOffsets = highlights(now, q);
            assertFalse(withOffsets.isEmpty(), q + " finds something");
            assertFalse(withOffsets.values().stream().anyMatch(List::isEmpty), q + " marks every hit: " + withOffsets);
            assertEquals(highlights(old, q), withOffsets, q);
        }
        assertEquals(List.of(Hit.PICTURE_MARK + "가온 사진 <mark>박제</mark> 졸업앨범"), highlights(now, "박제").get("telegram:hl_room:3"));
    }

    private static Map<String, List<String>> highlights(ElasticsearchSearchService search, String q) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        search.messages(new MessageQuery(q, null, null, null, null, null, 1, 10, true)).hits().forEach(h -> out.put(h.id(), h.highlights()));
        return out;
    }
}
