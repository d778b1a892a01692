package org.roomwatch.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.roomwatch.simulator.SyntheticTextPictures;

/**
 * What some tests need of the machine that Maven cannot fetch. Each says whether it is here, and if not, in one line,
 * what is missing and how to get it ({@code .ci/run} installs every one of them).
 */
public enum Machine {
    CHROMIUM("Chromium and chromedriver (apt-get install chromium chromium-driver)") {
        @Override
        Optional<String> missing() {
            return Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"))
                    ? Optional.empty() : Optional.of("/usr/bin/chromium or /usr/bin/chromedriver is not installed");
        }
    },
    POSTGRESQL("PostgreSQL on 127.0.0.1:5432 with trust auth for 'postgres' on loopback") {
        @Override
        Optional<String> missing() {
            try (Connection c = DriverManager.getConnection(PostgresDatabases.SERVER + "postgres", "postgres", "")) {
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("no PostgreSQL answers at 127.0.0.1:5432 (" + e.getMessage() + ")");
            }
        }
    },
    FAKETIME("libfaketime (apt-get install faketime)") {
        @Override
        Optional<String> missing() {
            return Files.exists(LIBFAKETIME) ? Optional.empty() : Optional.of(LIBFAKETIME + " is not installed");
        }
    },
    TDLIB("TDLib's libtdjson.so 1.8.67 (tools/fetch-tdlib)") {
        @Override
        Optional<String> missing() {
            return Files.exists(tdjson()) ? Optional.empty() : Optional.of(tdjson() + " is not installed");
        }
    },
    OCR_MODELS("Tesseract's Korean and English models (apt-get install tesseract-ocr-kor tesseract-ocr-eng)") {
        @Override
        Optional<String> missing() {
            for (Path dir : List.of(Path.of("/usr/share/tesseract-ocr/5/tessdata"), Path.of("/usr/share/tesseract-ocr/4.00/tessdata"))) {
                if (Files.isReadable(dir.resolve("kor.traineddata")) && Files.isReadable(dir.resolve("eng.traineddata"))) {
                    return Optional.empty();
                }
            }
            return Optional.of("kor.traineddata and eng.traineddata are not in /usr/share/tesseract-ocr/5/tessdata");
        }
    },
    KOREAN_FONTS("fonts that draw Korean, for the synthetic pictures (apt-get install fonts-noto-cjk fonts-nanum)") {
        @Override
        Optional<String> missing() {
            return SyntheticTextPictures.fontsInstalled() ? Optional.empty()
                    : Optional.of("Noto Sans CJK KR or NanumGothic is not installed");
        }
    };

    /** Where Debian's libfaketime lives. */
    public static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

    private final String what;

    Machine(String what) {
        this.what = what;
    }

    /** Why it is not usable here, or empty when it is. */
    abstract Optional<String> missing();

    String what() {
        return what;
    }

    /** Where tools/fetch-tdlib puts the library (or {@code -Droomwatch.tdjson=PATH}). */
    public static Path tdjson() {
        return Path.of(System.getProperty("roomwatch.tdjson", ".tdlib/1.8.67/libtdjson.so"));
    }
}
