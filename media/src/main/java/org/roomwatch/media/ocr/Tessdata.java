package org.roomwatch.media.ocr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Tesseract's models are: the configured directory, or where Debian's tesseract-ocr-kor and tesseract-ocr-eng put
 * them. Nothing is ever downloaded at run time: a missing model is reported with the package that carries it.
 */
public final class Tessdata {
    /** Debian's directories, newest first. */
    static final List<Path> DEBIAN = List.of(Path.of("/usr/share/tesseract-ocr/5/tessdata"), Path.of("/usr/share/tesseract-ocr/4.00/tessdata"));

    private Tessdata() {}

    /** The models found, or why there are none. */
    public record Found(Path directory, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * The directory holding every one of {@code languages}' models: {@code configured} when given (and then only it),
     * else the first of Debian's that has them all.
     */
    public static Found locate(Path configured, List<String> languages) {
        List<Path> candidates = configured != null ? List.of(configured) : DEBIAN;
        String problem = null;
        for (Path dir : candidates) {
            List<String> missing = new ArrayList<>();
            for (String language : languages) {
                if (!Files.isReadable(dir.resolve(language + ".traineddata"))) {
                    missing.add(language);
                }
            }
            if (missing.isEmpty()) {
                return new Found(dir, null);
            }
            if (problem == null) {
                problem = "no Tesseract model for " + String.join(", ", missing) + " in " + dir + " ("
                        + (configured != null ? "set by ocr.tessdata; Debian's models: " : "") + "apt-get install " + packages(missing) + ")";
            }
        }
        return new Found(null, problem);
    }

    /** Debian's package names for models: kor is tesseract-ocr-kor. */
    static String packages(List<String> languages) {
        return String.join(" ", languages.stream().map(l -> "tesseract-ocr-" + l.toLowerCase().replace('_', '-')).toList());
    }
}
