package org.roomwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.core.config.MediaConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ocr.Ocr;
import org.roomwatch.media.ocr.PictureReader;
import org.roomwatch.media.ocr.PictureText;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagger;
import org.roomwatch.tagging.Tagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What OCR makes of pictures, for an analyst checking it: one JSON line per picture with the file, the text read
 * (and the text as tagged, when known school names were put back), Tesseract's confidence, and every tag found in it,
 * in the shape 'roomwatch tag' prints. A picture OCR skipped says why; a file that cannot be read gets a line on
 * stderr and the command exits 1 at the end. Nothing is written anywhere else.
 */
@Command(name = "ocr", description = "Read the text in pictures (Tesseract, Korean and English) and tag it, one JSON line per picture.")
final class OcrCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pictures (JPEG, PNG, GIF, WebP)")
    List<Path> files;

    @Option(names = "--sample-schools", description = "use the bundled synthetic registry instead of the database")
    boolean sampleSchools;

    @Option(names = "--config", description = "configuration file (ocr.* and the media.maxImage* limits)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RoomwatchConfig cfg = Configs.load(config);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ocr ocr = Ocr.check(cfg.ocr());
        if (!ocr.available()) {
            err.println("roomwatch ocr: " + ocr.problem());
            err.flush();
            return 2;
        }
        Tagging tagging;
        if (sampleSchools) {
            tagging = new Tagging(SchoolsCommand.sample(), List.of(), new Lexicon(cfg.signals().lexicon()));
        } else {
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
                tagging = new Tagging(new JdbcSchoolRegistry(db.dataSource()).all(), new JdbcWatchedPeople(db.dataSource()).all(),
                        new Lexicon(cfg.signals().lexicon()));
            }
        }
        MediaConfig media = cfg.media();
        ObjectMapper json = new ObjectMapper();
        int failed = 0;
        try (PictureReader reader = ocr.newReader(new DecodeLimits(media.maxImageBytes(), media.maxImagePixels()))) {
            for (Path file : files) {
                byte[] bytes;
                try {
                    bytes = HashCommand.read(file, media.maxImageBytes());
                } catch (IOException e) {
                    failed++;
                    err.println("roomwatch ocr: " + file + ": " + e.getMessage());
                    continue;
                }
                PictureText read = reader.read(bytes);
                if (read.skip() == PictureText.Skip.UNREADABLE) {
                    failed++;
                    err.println("roomwatch ocr: " + file + ": " + read.detail());
                    continue;
                }
                ObjectNode node = json.createObjectNode();
                node.put("file", file.toString());
                node.put("text", read.text());
                String repaired = tagging.repairPictureText(read.text());
                if (!repaired.equals(read.text())) {
                    node.put("taggedText", repaired);
                }
                node.put("confidence", read.confidence());
                node.put("millis", read.millis());
                if (read.skip() != null) {
                    node.put("skipped", read.skip().name().toLowerCase());
                    node.put("reason", read.detail());
                }
                Tagger.Result result = tagging.tagger().tag(repaired);
                TagJson.put(node, result, tagging.lexicon());
                out.println(json.writeValueAsString(node));
                out.flush();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (failed > 0) {
            err.println("roomwatch ocr: " + failed + " of " + files.size() + " files could not be read");
        }
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
