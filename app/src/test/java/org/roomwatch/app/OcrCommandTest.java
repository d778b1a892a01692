package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.media.ocr.Ocr;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;

/** 'roomwatch ocr' as an analyst runs it: a line per picture with its text and tags, and what it could not read named. */
class OcrCommandTest {
    @TempDir
    Path dir;

    @Test
    @Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
    void aCaptionIsReadAndTaggedAndUnreadableFilesAreNamedOnStderrWithExitOne() throws Exception {
        SyntheticTextPictures.Sample profile = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.PROFILE, 3);
        Path picture = dir.resolve("profile.png");
        Files.write(picture, profile.bytes());
        Path corrupt = dir.resolve("corrupt.jpg");
        Files.write(corrupt, Arrays.copyOf(profile.bytes(), 80));
        Path missing = dir.resolve("missing.png");

        CommandRun run = CommandRun.of("ocr", "--sample-schools", picture.toString(), corrupt.toString(), missing.toString());

        assertEquals(1, run.code(), run.err());
        String[] lines = run.out().trim().split("\n");
        assertEquals(1, lines.length, run.out());
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals(picture.toString(), line.get("file").asText());
        assertTrue(line.get("text").asText().contains(profile.phone().substring(profile.phone().length() - 4)), line.toString());
        boolean school = false;
        boolean phone = false;
        for (JsonNode tag : line.get("tags")) {
            school |= tag.get("kind").asText().equals("school") && tag.get("value").asText().equals(profile.schoolId());
            phone |= tag.get("kind").asText().equals("phone");
        }
        assertTrue(school && phone, "the school " + profile.schoolId() + " and the phone are tagged: " + line);
        assertTrue(run.err().contains(corrupt + ": "), run.err());
        assertTrue(run.err().contains(missing + ": "), run.err());
        assertTrue(run.err().contains("2 of 3 files could not be read"), run.err());
    }

    @Test
    void withoutTheModelsItSaysWhichPackageToInstallAndExitsTwo() throws Exception {
        Path config = dir.resolve("roomwatch.yml");
        Files.writeString(config, "ocr:\n  tessdata: " + dir.resolve("no-models") + "\n");
        Path picture = dir.resolve("p.png");
        Files.write(picture, new byte[] {1, 2, 3});
        CommandRun run = CommandRun.of("ocr", "--sample-schools", "--config", config.toString(), picture.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("tesseract-ocr-kor"), run.err());
        assertEquals("", run.out());
    }
}
