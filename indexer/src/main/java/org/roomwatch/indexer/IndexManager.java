package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates each index from its classpath mapping (mappings/NAME.json) or, when it exists, checks that every field
 * the mapping declares is there with the same type, so a stale index is reported at start-up, not at the first
 * failed write.
 */
public final class IndexManager {
    private static final Logger log = LoggerFactory.getLogger(IndexManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient client;
    private final IndexNames names;

    public IndexManager(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    public void ensureAll() {
        ensure(names.messages(), "messages");
        ensure(names.messageVersions(), "message-versions");
        ensure(names.rooms(), "rooms");
        ensure(names.roomVersions(), "room-versions");
        ensure(names.media(), "media");
        ensure(names.alerts(), "alerts");
    }

    void ensure(String index, String mapping) {
        byte[] body = mappingBytes(mapping);
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                verify(index, mapping, body);
                return;
            }
            client.indices().create(c -> c.index(index).withJson(new ByteArrayInputStream(body)));
            log.info("Created index {}", index);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create or check index " + index + ": " + e.getMessage(), e);
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.error() != null && "resource_already_exists_exception".equals(e.error().type())) {
                return; // another process created it first
            }
            throw e;
        }
    }

    /**
     * Checks an existing index against its mapping. Fields the mapping gained since the index was created (a new kind
     * of media, say) are added in place, which Elasticsearch allows for new fields; a field whose type changed cannot
     * be, and start-up is refused with what differs.
     */
    private void verify(String index, String mapping, byte[] body) throws IOException {
        JsonNode mappings = JSON.readTree(body).path("mappings");
        Map<String, String> expected = new LinkedHashMap<>();
        flatten(mappings.path("properties"), "", expected);
        Map<String, String> actual = actualFields(index);
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        expected.forEach((field, type) -> {
            String found = actual.get(field);
            if (found == null) {
                missing.add(field);
            } else if (!found.equals(type)) {
                problems.add(field + " is " + found + ", expected " + type);
            }
        });
        if (problems.isEmpty() && !missing.isEmpty()) {
            byte[] properties = JSON.writeValueAsBytes(JSON.createObjectNode().set("properties", mappings.path("properties")));
            client.indices().putMapping(p -> p.index(index).withJson(new ByteArrayInputStream(properties)));
            log.info("Added fields {} to index {} (mappings/{}.json gained them)", missing, index, mapping);
            Map<String, String> after = actualFields(index);
            missing.removeIf(after::containsKey);
            missing.forEach(field -> problems.add(field + " is missing"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("index " + index + " does not match mappings/" + mapping + ".json: "
                    + String.join("; ", problems) + ". Reindex into a new prefix or delete the index.");
        }
    }

    private Map<String, String> actualFields(String index) throws IOException {
        GetMappingResponse response = client.indices().getMapping(m -> m.index(index));
        Map<String, String> actual = new LinkedHashMap<>();
        response.result().values().forEach(v -> flatten(v.mappings().properties(), "", actual));
        return actual;
    }

    private static void flatten(JsonNode properties, String prefix, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode def = field.getValue();
            String name = prefix + field.getKey();
            out.put(name, def.path("type").asText("object"));
            if (def.has("properties")) {
                flatten(def.get("properties"), name + ".", out);
            }
        }
    }

    private static void flatten(Map<String, Property> properties, String prefix, Map<String, String> out) {
        properties.forEach((key, property) -> {
            String name = prefix + key;
            out.put(name, property._kind().jsonValue());
            if (property.isObject()) {
                flatten(property.object().properties(), name + ".", out);
            }
        });
    }

    static byte[] mappingBytes(String mapping) {
        try (InputStream in = IndexManager.class.getResourceAsStream("/mappings/" + mapping + ".json")) {
            if (in == null) {
                throw new IllegalStateException("mappings/" + mapping + ".json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
