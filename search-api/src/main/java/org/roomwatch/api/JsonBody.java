package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;

/** A request's JSON object body, refused with a 400 naming what is wrong: not JSON, not an object, an unknown field. */
final class JsonBody {
    private JsonBody() {}

    /** The body as a JSON object; {@code expected} says what one looks like when it is not. */
    static JsonNode object(Context ctx, ObjectMapper json, String expected) {
        JsonNode body;
        try {
            body = ctx.body().isBlank() ? null : json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadParameter(null, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadParameter(null, expected);
        }
        return body;
    }

    /** Refuses a field outside {@code allowed}, naming it (as {@code where.field} inside {@code where}, e.g. photos[2]). */
    static void allowOnly(JsonNode object, Set<String> allowed, String where) {
        object.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new BadParameter(where == null ? f : where + "." + f, "unknown field '" + f + "'"
                        + (where == null ? "" : " in " + where) + "; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        });
    }
}
