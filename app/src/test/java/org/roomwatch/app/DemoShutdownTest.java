package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real command in its own JVM: {@code roomwatch demo} with its own managed Elasticsearch child, stopped with
 * SIGINT (what Ctrl-C sends). Every process it started must be gone afterwards.
 */
class DemoShutdownTest {
    @Test
    void ctrlCStopsTheDemoAndItsElasticsearchChild() throws Exception {
        Path work = Files.createTempDirectory("roomwatch-sigint");
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // Maven started in the background by a non-interactive shell (as CI does) runs with SIGINT ignored, the
            // child would inherit that, and a JVM that finds SIGINT ignored installs no handler for it: Ctrl-C could
            // never reach the demo's shutdown. Perl (Debian's essential perl-base) puts the default back and execs
            // the JVM in its place, so the pid signalled below is the demo's own, as it is for an officer at a terminal.
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\""));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String property : List.of("roomwatch.es.zip", "roomwatch.es.plugin")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of(Main.class.getName(), "demo", "--port", "0", "--interval", "5s"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("ROOMWATCH_") || k.equals("ES_URL"));
        Process demo = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("roomwatch demo is running")) {
                        running.complete(true);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
            running.complete(false);
        });
        reader.start();
        try {
            assertTrue(running.get(180, TimeUnit.SECONDS), () -> "demo did not start:\n" + output);
            List<ProcessHandle> children = demo.descendants().toList();
            assertTrue(children.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("org.elasticsearch")),
                    () -> "the demo runs its own Elasticsearch child: " + children);

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();

            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), () -> "demo still running 60 s after SIGINT:\n" + output);
            assertEquals(130, demo.exitValue(), "exit status of a JVM ended by SIGINT");
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "left running: " + child.pid() + " " + child.info().commandLine().orElse(""));
            }
            reader.join(10_000);
            String log = output.toString();
            assertFalse(log.contains("error while stopping"), log);
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    /** Whether this JVM was started with SIGINT (signal 2, bit 1 of SigIgn) ignored. */
    private static boolean sigintIgnoredHere() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2L) != 0;
            }
        }
        throw new AssertionError("/proc/self/status has no SigIgn line");
    }
}
