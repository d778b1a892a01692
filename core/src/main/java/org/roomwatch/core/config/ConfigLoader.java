package org.roomwatch.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads the configuration: the commented defaults (config/roomwatch.yml, on the classpath), then a user file that
 * overrides only what it names, then ROOMWATCH_* environment variables. Any unknown key or wrong type stops
 * start-up with a message naming the key and what was expected.
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "/roomwatch.yml";
    private static final String ENV_PREFIX = "ROOMWATCH_";
    /** Secrets read where they are used, never into the configuration (and so never printed with it). */
    public static final String TDLIB_KEY_VARIABLE = "ROOMWATCH_TDLIB_KEY";
    /** Read by the logging configuration before any of this runs; not a key of the file. */
    public static final String LOG_FORMAT_VARIABLE = "ROOMWATCH_LOG_FORMAT";

    private final ObjectMapper yaml;

    public ConfigLoader() {
        SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return DurationText.parse(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Duration.class);
                }
            }
        });
        this.yaml = JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 1.5 where a whole number belongs is a mistake to name, not a value to truncate.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(durations)
                .build();
    }

    /** The defaults alone. */
    public RoomwatchConfig defaults() {
        return load(null, Map.of());
    }

    /** Defaults, then {@code userFile} (may be null), then the ROOMWATCH_* entries of {@code environment}. */
    public RoomwatchConfig load(Path userFile, Map<String, String> environment) {
        ObjectNode tree = readDefaults();
        String origin = "defaults";
        if (userFile != null) {
            origin = userFile.toString();
            if (!Files.isRegularFile(userFile)) {
                throw new ConfigException("", "configuration file not found: " + userFile);
            }
            JsonNode user;
            try {
                user = yaml.readTree(userFile.toFile());
            } catch (JsonProcessingException e) {
                throw new ConfigException("", userFile + " is not valid YAML at line "
                        + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ConfigException("", "cannot read " + userFile + ": " + e.getMessage());
            }
            if (user != null && !user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) {
                    throw new ConfigException("", userFile + " must be a map of keys (like the defaults file), not a "
                            + user.getNodeType().toString().toLowerCase(Locale.ROOT));
                }
                merge(tree, (ObjectNode) user, "");
            }
        }
        applyEnvironment(tree, environment);
        try {
            return yaml.treeToValue(tree, RoomwatchConfig.class);
        } catch (JsonMappingException e) {
            throw translate(e, origin);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", e.getOriginalMessage());
        }
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("the defaults file " + DEFAULTS + " is missing from the classpath");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the defaults file is unreadable", e);
        }
    }

    /** Objects merge key by key; anything else (values, lists) replaces. Unknown keys are kept to be reported. */
    private static void merge(ObjectNode into, ObjectNode from, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
                merge(target, source, path + field.getKey() + ".");
            } else if (existing instanceof ObjectNode && !field.getValue().isObject()) {
                throw new ConfigException(path + field.getKey(), "expected a map of keys, got "
                        + describe(field.getValue()));
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private void applyEnvironment(ObjectNode tree, Map<String, String> environment) {
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(ENV_PREFIX) || name.equals(TDLIB_KEY_VARIABLE) || name.equals(LOG_FORMAT_VARIABLE)) {
                continue;
            }
            List<String> tokens = List.of(name.substring(ENV_PREFIX.length()).split("_"));
            ObjectNode node = tree;
            List<String> path = new ArrayList<>();
            int i = 0;
            while (i < tokens.size()) {
                Match match = matchKey(node, tokens, i);
                if (match == null) {
                    throw new ConfigException(String.join(".", path), "environment variable " + name
                            + " does not name a configuration key (known here: " + keys(node) + ")");
                }
                path.add(match.key);
                i = match.next;
                JsonNode child = node.get(match.key);
                if (i == tokens.size()) {
                    if (child.isContainerNode()) {
                        throw new ConfigException(String.join(".", path), "environment variable " + name
                                + " names a section, not a single value");
                    }
                    node.set(match.key, coerce(child, variable.getValue()));
                } else if (child instanceof ObjectNode object) {
                    node = object;
                } else {
                    throw new ConfigException(String.join(".", path), "environment variable " + name
                            + " goes below a single value");
                }
            }
        }
    }

    /** Keys match tokens case-insensitively, a camelCase key spanning one or more tokens (JDBC_URL or JDBCURL). */
    private static Match matchKey(ObjectNode node, List<String> tokens, int from) {
        Iterator<String> names = node.fieldNames();
        Match best = null;
        while (names.hasNext()) {
            String key = names.next();
            String wanted = key.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
            StringBuilder joined = new StringBuilder();
            for (int j = from; j < tokens.size(); j++) {
                joined.append(tokens.get(j).toUpperCase(Locale.ROOT));
                if (joined.toString().equals(wanted) && (best == null || j + 1 > best.next)) {
                    best = new Match(key, j + 1);
                }
            }
        }
        return best;
    }

    private record Match(String key, int next) {}

    private JsonNode coerce(JsonNode current, String value) {
        // Parse the value as YAML so that numbers and booleans keep their types; strings stay strings.
        if (current.isTextual()) {
            return TextNode.valueOf(value);
        }
        try {
            JsonNode parsed = yaml.readTree(value);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }

    private static String keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return String.join(", ", keys);
    }

    private static ConfigException translate(JsonMappingException e, String origin) {
        String key = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = new ArrayList<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(id.toString()));
            }
            known.sort(String::compareTo);
            return new ConfigException(key, "unknown key in " + origin + "; the keys allowed here are " + String.join(", ", known));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return new ConfigException(key, e.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException format) {
            String message = format.getOriginalMessage();
            if (format.getTargetType() == Duration.class) {
                return new ConfigException(key, message);
            }
            return new ConfigException(key, "expected " + typeName(format.getTargetType()) + ", got [" + format.getValue() + "]");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ConfigException(key, "expected " + typeName(mismatch.getTargetType()) + " ("
                    + firstLine(mismatch.getOriginalMessage()) + ")");
        }
        return new ConfigException(key, firstLine(e.getOriginalMessage()));
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "a whole number";
        if (type == double.class || type == Double.class) return "a number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (type == Duration.class) return "a duration such as 30s or 5m";
        if (List.class.isAssignableFrom(type)) return "a list";
        return "a map of keys (" + type.getSimpleName() + ")";
    }

    private static String describe(JsonNode node) {
        return node.isTextual() ? "[" + node.asText() + "]" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
