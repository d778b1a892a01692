package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped logback configuration, in a child JVM as a deployment runs it: text by default, JSON lines on request. */
class JsonLogsTest {
    private static final Path CONFIG = Path.of("..", "config", "logback.xml").toAbsolutePath().normalize();

    @Test
    void jsonFormatWritesOneParsableObjectPerLineWithTheException() throws Exception {
        Run run = run("json", LogProbe.class.getName());
        List<JsonNode> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                events.add(json.readTree(line)); // throws on any line that is not one JSON object
            }
        }
        assertEquals(2, events.size(), run.out());
        assertEquals("INFO", events.get(0).path("level").asText());
        assertEquals("org.roomwatch.probe", events.get(0).path("loggerName").asText());
        assertEquals("크롤 완료: 3 새 메시지", events.get(0).path("formattedMessage").asText());
        assertTrue(events.get(0).path("timestamp").asLong() > 0);
        assertEquals("WARN", events.get(1).path("level").asText());
        assertTrue(events.get(1).path("throwable").toString().contains("색인이 응답하지 않음"), events.get(1).toString());
    }

    @Test
    void textIsTheDefault() throws Exception {
        Run run = run(null, LogProbe.class.getName());
        assertTrue(run.out().contains("INFO  org.roomwatch.probe - 크롤 완료: 3 새 메시지"), run.out());
        assertTrue(run.out().contains("IllegalStateException: 색인이 응답하지 않음"), run.out());
    }

    @Test
    void anUnknownFormatIsRefusedBeforeAnythingRuns() throws Exception {
        Run run = run("xml", Main.class.getName(), "--version");
        assertNotEquals(0, run.code());
        assertTrue(run.err().contains("ROOMWATCH_LOG_FORMAT must be 'text' or 'json', got 'xml'"), run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String format, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + CONFIG, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ROOMWATCH_LOG_FORMAT");
        if (format != null) {
            builder.environment().put("ROOMWATCH_LOG_FORMAT", format);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        var err = process.getErrorStream();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] errBytes = err.readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(errBytes, StandardCharsets.UTF_8));
    }
}
