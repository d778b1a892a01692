package org.roomwatch.esnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the distribution with the Korean plugin installed, once per plugin build, shared by every node on the
 * machine. A file lock keeps parallel test JVMs from unpacking over each other.
 */
final class DistributionInstaller {
    private static final Logger log = LoggerFactory.getLogger(DistributionInstaller.class);
    static final String PLUGIN_DIR = "roomwatch-korean-analysis";

    private DistributionInstaller() {}

    /** Returns the Elasticsearch home directory, ready to start. */
    static Path install(ElasticsearchDistribution distribution, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        String key = ElasticsearchDistribution.VERSION + "-" + sha256(distribution.pluginZip()).substring(0, 12);
        Path target = workDir.resolve("dist-" + key);
        Path home = target.resolve("elasticsearch-" + ElasticsearchDistribution.VERSION);
        Path marker = target.resolve(".installed");
        try (FileChannel channel = FileChannel.open(workDir.resolve("install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(marker)) {
                return home;
            }
            log.info("Unpacking Elasticsearch {} with the Korean plugin into {}", ElasticsearchDistribution.VERSION, target);
            FileTree.deleteRecursively(target);
            unzip(distribution.distributionZip(), target);
            unzip(distribution.pluginZip(), home.resolve("plugins").resolve(PLUGIN_DIR));
            Files.writeString(marker, distribution.pluginZip().toString());
            return home;
        }
    }

    static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                if (out.getParent().getFileName().toString().equals("bin")
                        || out.toString().contains("/native/") || out.toString().contains("/bin/")) {
                    Files.setPosixFilePermissions(out, Set.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
