package org.roomwatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.elasticsearch.plugin.Extensible;
import org.elasticsearch.plugin.NamedComponent;
import org.junit.jupiter.api.Test;

/** Elasticsearch registers only what named_components.json lists, so the file must match the annotated classes. */
class NamedComponentsFileTest {

    @Test
    void namedComponentsJsonListsExactlyTheAnnotatedClasses() throws Exception {
        Map<String, Map<String, String>> declared = new ObjectMapper().readValue(
                Path.of("src/main/plugin/named_components.json").toFile(), new TypeReference<>() {});
        Map<String, Map<String, String>> scanned = scanAnnotatedClasses(Path.of("target/classes"));
        assertFalse(scanned.isEmpty(), "no @NamedComponent classes were found under target/classes");
        assertEquals(new TreeMap<>(scanned), sorted(declared));
    }

    private static Map<String, Map<String, String>> scanAnnotatedClasses(Path classes) throws IOException, ClassNotFoundException {
        Map<String, Map<String, String>> result = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name);
            NamedComponent named = type.getAnnotation(NamedComponent.class);
            if (named == null) {
                continue;
            }
            for (Class<?> iface : type.getInterfaces()) {
                if (iface.isAnnotationPresent(Extensible.class)) {
                    result.computeIfAbsent(iface.getName(), k -> new TreeMap<>()).put(named.value(), type.getName());
                }
            }
        }
        return result;
    }

    private static Map<String, Map<String, String>> sorted(Map<String, Map<String, String>> map) {
        Map<String, Map<String, String>> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, new TreeMap<>(v)));
        return result;
    }
}
