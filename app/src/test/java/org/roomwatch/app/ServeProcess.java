package org.roomwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@code roomwatch serve} child JVM on the test classpath: only the given ROOMWATCH_* variables, output to a file. */
final class ServeProcess {
    private ServeProcess() {}

    /** Starts it in {@code workDir} (null: this process's) with {@code env} as its whole ROOMWATCH_* environment. */
    static Process start(Path workDir, Path log, Map<String, String> env, String... serveArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.roomwatch.app.Main", "serve"));
        command.addAll(List.of(serveArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("ROOMWATCH_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** Kills a child left running by a failed test (null: nothing to do). */
    static void kill(Process process) throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The last {@code lines} lines of a child's log, for a failure message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return "\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "\n" + log + ": " + e.getMessage();
        }
    }
}
