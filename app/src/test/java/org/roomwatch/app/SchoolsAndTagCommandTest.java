package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands against a real H2 database file named in a config file. */
class SchoolsAndTagCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private String config() throws Exception {
        Path config = dir.resolve("roomwatch.yml");
        Files.writeString(config, "database:\n  jdbcUrl: \"jdbc:h2:file:" + dir.resolve("db") + "\"\n");
        return config.toString();
    }

    @Test
    void importTheSampleListItAndTagWithIt() throws Exception {
        String config = config();
        CommandRun imported = run("schools", "import", "--sample", "--config", config);
        assertEquals(0, imported.code(), imported.err());
        assertEquals("30 schools imported (30 new, 0 updated)", imported.out().trim());
        assertEquals("30 schools imported (0 new, 30 updated)", run("schools", "import", "--sample", "--config", config).out().trim());
        assertTrue(run("schools", "list", "한빛", "--config", config).out().contains("한빛여자고등학교"));

        Path lines = dir.resolve("lines.txt");
        Files.writeString(lines, "한빛여고 2학년 애들\n중고거래\n", StandardCharsets.UTF_8);
        CommandRun tagged = run("tag", "--file", lines.toString(), "--config", config);
        assertEquals(0, tagged.code(), tagged.err());
        String[] out = tagged.out().trim().split("\n");
        assertEquals(2, out.length);
        JsonNode first = new ObjectMapper().readTree(out[0]);
        assertEquals("school", first.get("tags").get(0).get("kind").asText());
        assertEquals("한빛여자고등학교", first.get("tags").get(0).get("label").asText());
        assertEquals("[0,4]", first.get("tags").get(0).get("span").toString());
        assertEquals(0, new ObjectMapper().readTree(out[1]).get("tags").size());
    }

    @Test
    void aBadListNamesLineAndColumnAndImportsNothing() throws Exception {
        String config = config();
        Path csv = dir.resolve("schools.csv");
        Files.write(csv, "학교명,학교종류명,남녀공학구분명\n한빛여자고등학교,고등학교,여\n새솔중학교,,남여공학\n".getBytes(Charset.forName("EUC-KR")));
        CommandRun run = run("schools", "import", csv.toString(), "--config", config);
        assertEquals(1, run.code());
        assertTrue(run.err().contains("line 3, column 학교종류명: empty"), run.err());
        assertTrue(run.err().contains("nothing was imported"), run.err());
        assertEquals("", run("schools", "list", "--config", config).out());
        CommandRun tagged = run("tag", "--file", csv.toString(), "--config", config);
        assertTrue(tagged.err().contains("the school registry is empty"), tagged.err());
    }

    @Test
    void watchedPeopleAreTaggedAndTheLexiconShown() throws Exception {
        String config = config();
        CommandRun added = run("people", "add", "문지수", "--phone", "010 5555 0101", "--handle", "@Jisu_Sample", "--by", "분석관", "--config", config);
        assertEquals(0, added.code(), added.err());
        String id = added.out().trim().replace("watching ", "");
        assertTrue(run("people", "list", "--config", config).out().contains(id + "\t문지수\t010-5555-0101\tjisu_sample"));
        Path lines = dir.resolve("people.txt");
        Files.writeString(lines, "지수야 사진 지인능욕방에 있음\n", StandardCharsets.UTF_8);
        JsonNode tags = new ObjectMapper().readTree(run("tag", "--file", lines.toString(), "--sample-schools", "--config", config).out()).get("tags");
        assertEquals("person", tags.get(0).get("kind").asText());
        assertEquals(id, tags.get(0).get("value").asText());
        assertEquals("lexicon", tags.get(1).get("kind").asText());
        assertEquals("지인능욕", tags.get(1).get("value").asText());
        CommandRun badPhone = run("people", "add", "유나래", "--phone", "12345", "--by", "x", "--config", config);
        assertEquals(2, badPhone.code());
        assertTrue(badPhone.err().contains("phone must be a Korean mobile number"), badPhone.err());
        assertEquals(0, run("people", "remove", id, "--config", config).code());
        assertEquals(1, run("people", "remove", id, "--config", config).code());
    }
}
