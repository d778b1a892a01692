package org.roomwatch.media.ocr;

import java.util.Arrays;
import java.util.List;
import org.roomwatch.core.config.OcrConfig;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageDecoder;

/**
 * Whether this process can read text in pictures, and readers for it: Tesseract's library (from Maven) must load and
 * the configured languages' models (from Debian's packages) must be where they are looked for. When they are not,
 * {@link #problem()} says why in one line, with what to install.
 */
public final class Ocr {
    private final OcrConfig config;
    private final Tessdata.Found models;
    private final String problem;

    private Ocr(OcrConfig config, Tessdata.Found models, String problem) {
        this.config = config;
        this.models = models;
        this.problem = problem;
    }

    /** Checks the models and the library once (loading an engine), so a process knows at start. */
    public static Ocr check(OcrConfig config) {
        if (!config.enabled()) {
            return new Ocr(config, null, "OCR is off (ocr.enabled: false)");
        }
        List<String> languages = Arrays.asList(config.languages().split("\\+"));
        Tessdata.Found models = Tessdata.locate(config.tessdataPath(), languages);
        if (!models.ok()) {
            return new Ocr(config, models, models.problem());
        }
        try (OcrEngine probe = new OcrEngine(models.directory(), config.languages())) {
            return new Ocr(config, models, null);
        } catch (IllegalStateException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Ocr(config, models, "Tesseract could not start: " + e.getMessage());
        }
    }

    public boolean available() {
        return problem == null;
    }

    /** Why text in pictures is not read here, or null when it is. */
    public String problem() {
        return problem;
    }

    public OcrConfig config() {
        return config;
    }

    /** A reader for one thread (each holds its own Tesseract). */
    public PictureReader newReader(DecodeLimits limits) {
        if (!available()) {
            throw new IllegalStateException(problem);
        }
        OcrEngine latin = config.languages().equals("eng") || !config.languages().contains("eng") ? null : new OcrEngine(models.directory(), "eng");
        return new PictureReader(new ImageDecoder(limits), new OcrEngine(models.directory(), config.languages()), latin, config.timeBudget());
    }
}
