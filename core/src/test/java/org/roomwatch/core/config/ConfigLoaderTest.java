package org.roomwatch.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("roomwatch.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private ConfigException failure(String yaml) throws IOException {
        Path file = file(yaml);
        return assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
    }

    @Test
    void defaultsFileLoadsWithEveryKey() {
        RoomwatchConfig config = loader.defaults();
        assertEquals("roomwatch-", config.elasticsearch().indexPrefix());
        assertTrue(config.elasticsearch().isManaged());
        assertEquals(Duration.ofMinutes(10), config.crawler().defaultInterval());
        assertEquals(8080, config.api().port());
        assertTrue(config.rooms().isEmpty());
    }

    @Test
    void userFileOverridesOnlyWhatItNames() throws IOException {
        RoomwatchConfig config = loader.load(file("""
                crawler:
                  maxRetries: 7
                rooms:
                  - name: hanbit_notice
                    interval: 90s
                """), Map.of());
        assertEquals(7, config.crawler().maxRetries());
        assertEquals(Duration.ofSeconds(1), config.crawler().initialBackoff());
        assertEquals(Duration.ofSeconds(90), config.rooms().get(0).interval());
        assertEquals("public", config.rooms().get(0).source());
    }

    @Test
    void unknownKeyIsNamedWithTheAllowedKeys() throws IOException {
        ConfigException e = failure("crawler:\n  maxRetry: 3\n");
        assertEquals("crawler.maxRetry", e.key());
        assertTrue(e.getMessage().contains("maxRetries"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheKeyAndTheExpectedType() throws IOException {
        ConfigException e = failure("crawler:\n  maxRetries: lots\n");
        assertEquals("crawler.maxRetries", e.key());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void badDurationSaysHowToWriteOne() throws IOException {
        ConfigException e = failure("crawler:\n  requestTimeout: soon\n");
        assertEquals("crawler.requestTimeout", e.key());
        assertTrue(e.getMessage().contains("30s"), e.getMessage());
    }

    @Test
    void outOfRangeValueIsRejectedWithTheRule() throws IOException {
        ConfigException e = failure("crawler:\n  requestsPerSecondPerHost: 0\n");
        assertTrue(e.getMessage().contains("crawler.requestsPerSecondPerHost must be above 0"), e.getMessage());
    }

    @Test
    void mediaSettingsAreCheckedAndNamed() throws IOException {
        assertEquals("mih-flat", loader.defaults().media().nearDuplicateMethod());
        assertTrue(loader.defaults().media().hashImages());
        ConfigException method = failure("media:\n  nearDuplicateMethod: hnsw\n");
        assertTrue(method.getMessage().contains("media.nearDuplicateMethod must be mih, flat or mih-flat, got hnsw"), method.getMessage());
        ConfigException bytes = failure("media:\n  maxImageBytes: 10\n");
        assertTrue(bytes.getMessage().contains("media.maxImageBytes"), bytes.getMessage());
        ConfigException type = failure("media:\n  hashImages: sometimes\n");
        assertEquals("media.hashImages", type.key());
        RoomwatchConfig env = loader.load(null, Map.of("ROOMWATCH_MEDIA_MAXIMAGEPIXELS", "1000"));
        assertEquals(1000L, env.media().maxImagePixels());
    }

    @Test
    void videoLimitsAreCheckedAndNamed() throws IOException {
        MediaConfig media = loader.defaults().media();
        assertEquals(200_000_000L, media.maxVideoBytes());
        assertEquals(java.time.Duration.ofMinutes(30), media.maxVideoDuration());
        assertEquals(1800, media.maxVideoFramesHashed());
        assertEquals(3840, media.maxVideoWidth());
        assertEquals(2160, media.maxVideoHeight());
        assertEquals(java.time.Duration.ofMinutes(2), media.maxVideoDecodeTime());
        assertEquals(1.0, media.videoSecondsPerHash());
        for (String[] c : new String[][] {
                {"maxVideoBytes: 10", "media.maxVideoBytes"}, {"maxVideoDuration: 0s", "media.maxVideoDuration"},
                {"maxVideoDuration: forever", "media.maxVideoDuration"}, {"maxVideoFramesHashed: 0", "media.maxVideoFramesHashed"},
                {"maxVideoWidth: 8", "media.maxVideoWidth"}, {"maxVideoHeight: -1", "media.maxVideoHeight"},
                {"maxVideoDecodeTime: -5s", "media.maxVideoDecodeTime"}, {"videoSecondsPerHash: 0", "media.videoSecondsPerHash must be within 0.1..60"},
                {"videoSecondsPerHash: often", "media.videoSecondsPerHash"}}) {
            ConfigException e = failure("media:\n  " + c[0] + "\n");
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        assertEquals(java.time.Duration.ofMinutes(5),
                loader.load(null, Map.of("ROOMWATCH_MEDIA_MAXVIDEODURATION", "5m")).media().maxVideoDuration());
    }

    @Test
    void ocrSettingsAreCheckedAndNamed() throws IOException {
        OcrConfig ocr = loader.defaults().ocr();
        assertTrue(ocr.enabled());
        assertEquals(null, ocr.tessdataPath(), "empty: Debian's directory");
        assertEquals("kor+eng", ocr.languages());
        assertEquals(1, ocr.threads());
        assertEquals(1000, ocr.queue());
        assertEquals(java.time.Duration.ofSeconds(10), ocr.timeBudget());
        for (String[] c : new String[][] {
                {"languages: Korean", "ocr.languages must be Tesseract language names joined with '+'"},
                {"languages: kor++eng", "ocr.languages"}, {"languages: ''", "ocr.languages"},
                {"threads: 0", "ocr.threads"}, {"threads: 65", "ocr.threads must be at most 64"}, {"threads: two", "ocr.threads"},
                {"queue: 0", "ocr.queue"}, {"timeBudget: 0s", "ocr.timeBudget"}, {"timeBudget: 1h", "ocr.timeBudget must be at most 5m"},
                {"videoSecondsPerFrame: 0.1", "ocr.videoSecondsPerFrame must be within 0.5..600"},
                {"maxVideoFrames: 0", "ocr.maxVideoFrames"}, {"enabled: sometimes", "ocr.enabled"}, {"model: best", "model"}}) {
            ConfigException e = failure("ocr:\n  " + c[0] + "\n");
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        assertEquals("/opt/tessdata", loader.load(null, Map.of("ROOMWATCH_OCR_TESSDATA", "/opt/tessdata")).ocr().tessdataPath().toString());
        assertEquals(4, loader.load(null, Map.of("ROOMWATCH_OCR_THREADS", "4")).ocr().threads());
    }

    @Test
    void lexiconWeightsAreChecked() throws IOException {
        assertEquals(5, loader.defaults().signals().lexicon().get("지인능욕"));
        ConfigException e = failure("signals:\n  lexicon:\n    합성: 9\n");
        assertTrue(e.getMessage().contains("signals.lexicon.합성 must be a weight from 1 to 5, got 9"), e.getMessage());
        ConfigException type = failure("signals:\n  lexicon:\n    합성: heavy\n");
        assertTrue(type.getMessage().contains("signals.lexicon"), type.getMessage());
    }

    @Test
    void theMinimumFreeDiskIsCheckedAndTheH2DirectoryFoundInItsUrl() throws IOException {
        assertEquals(64, loader.defaults().database().minFreeDiskMegabytes());
        ConfigException negative = failure("database:\n  minFreeDiskMegabytes: -1\n");
        assertTrue(negative.getMessage().contains("database.minFreeDiskMegabytes must be 0 or more, got -1"), negative.getMessage());
        ConfigException type = failure("database:\n  minFreeDiskMegabytes: plenty\n");
        assertEquals("database.minFreeDiskMegabytes", type.key());

        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        assertEquals(java.util.Optional.of(here.resolve("data")), loader.defaults().database().localDirectory());
        DatabaseConfig db = loader.defaults().database();
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/srv/rw")), db.withJdbcUrl("jdbc:h2:/srv/rw/db").localDirectory());
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/srv/rw")), db.withJdbcUrl("jdbc:h2:file:/srv/rw/db;MODE=PostgreSQL").localDirectory());
        assertTrue(db.withJdbcUrl("jdbc:h2:mem:x").localDirectory().isEmpty());
        assertTrue(db.withJdbcUrl("jdbc:h2:tcp://db:9092/rw").localDirectory().isEmpty());
        assertTrue(db.withJdbcUrl("jdbc:postgresql://127.0.0.1:5432/rw").localDirectory().isEmpty());
    }

    @Test
    void theUnstoredBufferBoundIsChecked() throws IOException {
        assertEquals(5000, loader.defaults().crawler().unstoredMessagesMax());
        ConfigException negative = failure("crawler:\n  unstoredMessagesMax: -5\n");
        assertTrue(negative.getMessage().contains("crawler.unstoredMessagesMax"), negative.getMessage());
        ConfigException type = failure("crawler:\n  unstoredMessagesMax: 1.5\n");
        assertEquals("crawler.unstoredMessagesMax", type.key());
        assertTrue(type.getMessage().contains("whole number"), type.getMessage());
    }

    @Test
    void theSecurityLimitsAreCheckedAndNamed() throws IOException {
        SecurityConfig defaults = loader.defaults().security();
        assertEquals(Duration.ofDays(90), defaults.tokenLifetime());
        assertEquals(30, defaults.loginsPerMinutePerAddress());
        assertEquals("", defaults.auditKeyFile(), "empty: beside the H2 database");
        assertEquals("/srv/rw/audit.key", loader.load(file("security:\n  auditKeyFile: \" /srv/rw/audit.key \"\n"), Map.of())
                .security().auditKeyFile(), "surrounding spaces are not part of a path");
        assertTrue(failure("security:\n  tokenLifetime: 0s\n").getMessage().contains("security.tokenLifetime"));
        assertEquals("security.tokenLifetime", failure("security:\n  tokenLifetime: forever\n").key());
        assertTrue(failure("security:\n  loginsPerMinutePerAddress: 0\n").getMessage().contains("security.loginsPerMinutePerAddress"));
        assertEquals("security.loginsPerMinutePerAddress", failure("security:\n  loginsPerMinutePerAddress: many\n").key());
    }

    @Test
    void retentionKeepsEverythingByDefaultAndRefusesWhatMakesNoSense() throws IOException {
        assertTrue(loader.defaults().retention().keepsEverything());
        RetentionConfig set = loader.load(file("retention:\n  messages: 365d\n  alerts: 90d\n"), Map.of()).retention();
        assertEquals(Duration.ofDays(365), set.messages());
        assertEquals(Duration.ZERO, set.media());
        ConfigException negative = failure("retention:\n  media: -PT1H\n");
        assertTrue(negative.getMessage().contains("retention.media must be 0 (keep for ever) or a positive duration"), negative.getMessage());
        assertEquals("retention.messages", failure("retention:\n  messages: a year\n").key());
        assertEquals("retention.keep", failure("retention:\n  keep: 1d\n").key());
    }

    @Test
    void sectionGivenAsValueIsRejected() throws IOException {
        ConfigException e = failure("crawler: fast\n");
        assertEquals("crawler", e.key());
    }

    @Test
    void yamlSyntaxErrorGivesTheLine() throws IOException {
        ConfigException e = failure("api:\n  port: [8080\n");
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void fileThatIsNotAMapIsRejected() throws IOException {
        ConfigException e = failure("- just\n- a list\n");
        assertTrue(e.getMessage().contains("map of keys"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yml"), Map.of()));
        assertTrue(e.getMessage().contains("nope.yml"), e.getMessage());
    }

    @Test
    void environmentOverridesFileAndKeepsTypes() throws IOException {
        RoomwatchConfig config = loader.load(file("api:\n  port: 9000\n"), Map.of(
                "ROOMWATCH_API_PORT", "9100",
                "ROOMWATCH_DATABASE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/rw",
                "ROOMWATCH_ELASTICSEARCH_MANAGED_HEAPMEGABYTES", "768",
                "PATH", "/usr/bin"));
        assertEquals(9100, config.api().port());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/rw", config.database().jdbcUrl());
        assertEquals(768, config.elasticsearch().managed().heapMegabytes());
    }

    @Test
    void unknownEnvironmentVariableIsRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("ROOMWATCH_API_PROT", "1")));
        assertTrue(e.getMessage().contains("ROOMWATCH_API_PROT"), e.getMessage());
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void wrongTypedEnvironmentValueNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("ROOMWATCH_API_PORT", "eighty")));
        assertEquals("api.port", e.key());
    }

    @Test
    void badIndexPrefixIsRejected() throws IOException {
        ConfigException e = failure("elasticsearch:\n  indexPrefix: \"Rooms/\"\n");
        assertTrue(e.getMessage().contains("indexPrefix"), e.getMessage());
    }

    @Test
    void passwordNeverAppearsInToString() throws IOException {
        RoomwatchConfig config = loader.load(file("database:\n  password: s3cret-pw\n"), Map.of());
        assertTrue(!config.toString().contains("s3cret-pw"));
    }

    @Test
    void accountSettingsAreCheckedAndTheKeyVariableIsNotConfiguration() throws IOException {
        AccountsConfig defaults = loader.defaults().accounts();
        assertTrue(!defaults.enabled() && !defaults.hasApplication(), defaults.toString());
        ConfigException hash = failure("accounts:\n  apiHash: \"not-hex\"\n");
        assertTrue(hash.getMessage().contains("accounts.apiHash must be the 32 hexadecimal digits"), hash.getMessage());
        ConfigException budget = failure("accounts:\n  requestsPerMinute: 0\n");
        assertTrue(budget.getMessage().contains("accounts.requestsPerMinute"), budget.getMessage());
        ConfigException id = failure("accounts:\n  apiId: \"twelve\"\n");
        assertEquals("accounts.apiId", id.key());
        RoomwatchConfig env = loader.load(null, Map.of("ROOMWATCH_ACCOUNTS_APIID", "12345",
                "ROOMWATCH_ACCOUNTS_APIHASH", "0123456789abcdef0123456789abcdef",
                ConfigLoader.TDLIB_KEY_VARIABLE, "a synthetic key", ConfigLoader.LOG_FORMAT_VARIABLE, "json"));
        assertTrue(env.accounts().hasApplication());
        assertTrue(!env.toString().contains("0123456789abcdef") && !env.toString().contains("synthetic key"), env.toString());
    }
}
