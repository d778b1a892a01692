package org.roomwatch.esnode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the Elasticsearch distribution zip and the project's Korean plugin zip are on this machine. */
public record ElasticsearchDistribution(Path distributionZip, Path pluginZip) {

    public static final String VERSION = "8.19.21";
    static final String ZIP_NAME = "elasticsearch-" + VERSION + ".zip";
    static final String PLUGIN_PREFIX = "es-korean-analysis-";

    public ElasticsearchDistribution {
        requireFile(distributionZip, "Elasticsearch distribution");
        requireFile(pluginZip, "Korean analysis plugin");
    }

    /**
     * Finds both zips: the system properties {@code roomwatch.es.zip} and {@code roomwatch.es.plugin} (set by the
     * build for tests), then the {@code lib/} folder the application was installed with, then the local Maven
     * repository.
     */
    public static ElasticsearchDistribution locate() {
        List<String> looked = new ArrayList<>();
        Path zip = fromProperty("roomwatch.es.zip", looked)
                .or(() -> besideApplication(ZIP_NAME, looked))
                .or(() -> inMavenRepository(looked))
                .orElseThrow(() -> new IllegalStateException("The Elasticsearch " + VERSION
                        + " distribution zip was not found (looked in " + looked + "). Build the project with"
                        + " 'mvn -DskipTests package' first, or set elasticsearch.url to a running cluster."));
        Path plugin = fromProperty("roomwatch.es.plugin", looked)
                .or(() -> besideApplication(PLUGIN_PREFIX, looked))
                .orElseThrow(() -> new IllegalStateException("The roomwatch Korean analysis plugin zip was not found"
                        + " (looked in " + looked + "). Build the project with 'mvn -DskipTests package' first."));
        return new ElasticsearchDistribution(zip, plugin);
    }

    private static Optional<Path> fromProperty(String name, List<String> looked) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        looked.add(name + "=" + value);
        Path path = Path.of(value);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static Optional<Path> besideApplication(String prefix, List<String> looked) {
        try {
            Path codeSource = Path.of(ElasticsearchDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = codeSource.getParent();
            if (lib == null || !Files.isDirectory(lib)) {
                return Optional.empty();
            }
            looked.add(lib.toString());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, prefix + "*")) {
                for (Path file : files) {
                    if (file.getFileName().toString().endsWith(".zip")) {
                        return Optional.of(file);
                    }
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> inMavenRepository(List<String> looked) {
        Path path = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "elasticsearch", "distribution",
                "integ-test-zip", "elasticsearch", VERSION, ZIP_NAME);
        looked.add(path.toString());
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static void requireFile(Path path, String what) {
        if (path == null || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " zip not found: " + path);
        }
    }
}
