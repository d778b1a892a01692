package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** The security routes' JSON bodies: an object, or a 400 that says what is wrong. */
final class JsonBodies {
    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    JsonNode empty() {
        return json.createObjectNode();
    }

    JsonNode object(Context ctx) {
        try {
            JsonNode node = ctx.body().isBlank() ? json.createObjectNode() : json.readTree(ctx.body());
            if (!node.isObject()) {
                throw new BadParameter(null, "the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new BadParameter(null, "the body is not JSON: " + e.getMessage());
        }
    }
}
