package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a deep walk through a search stands: the point in time it reads and the sort values of the last hit seen,
 * as one opaque URL-safe token. Nothing in it is secret (the search itself is asked again with every page, under the
 * caller's own access), but a token that does not decode is refused as such.
 */
record MessageCursor(String pit, List<FieldValue> after) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("pit", pit);
        ArrayNode values = node.putArray("after");
        for (FieldValue v : after) {
            switch (v._kind()) {
                case Long -> values.add(v.longValue());
                case Double -> values.add(v.doubleValue());
                case Boolean -> values.add(v.booleanValue());
                case String -> values.add(v.stringValue());
                case Null -> values.addNull();
                default -> values.add(String.valueOf(v._get()));
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static MessageCursor decode(String token) {
        try {
            JsonNode node = JSON.readTree(new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8));
            if (!node.path("pit").isTextual() || !node.path("after").isArray()) {
                throw new IllegalArgumentException("missing its parts");
            }
            List<FieldValue> after = new ArrayList<>();
            for (JsonNode v : node.get("after")) {
                after.add(v.isIntegralNumber() ? FieldValue.of(v.longValue()) : v.isNumber() ? FieldValue.of(v.doubleValue())
                        : v.isBoolean() ? FieldValue.of(v.booleanValue()) : v.isNull() ? FieldValue.NULL : FieldValue.of(v.asText()));
            }
            return new MessageCursor(node.get("pit").asText(), after);
        } catch (IllegalArgumentException | java.io.IOException e) {
            // The parser's own words would only quote the garbage back: say what it is and what to do.
            throw new IllegalArgumentException("cursor is not one this server gave out; start the search again");
        }
    }
}
