package org.roomwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.hashes.HashSetInfo;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.media.hashlist.HashEntry;
import org.roomwatch.media.hashlist.HashListException;
import org.roomwatch.media.hashlist.HashListParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Known-hash sets from the command line; matching runs in the server (GET /api/hashsets/NAME/matches). */
@Command(name = "hashset", description = "Import or list sets of known hashes (CSV of PDQ/MD5, StopNCII-style JSON).",
        subcommands = {HashSetCommand.Import.class, HashSetCommand.ListSets.class})
final class HashSetCommand {

    @Command(name = "import", description = "Create or replace the set NAME from FILE; all or nothing.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "FILE") Path file;
        @Option(names = "--description") String description;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            HashSets.checkName(name);
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("roomwatch hashset: " + file + ": no such file");
                return 1;
            }
            List<HashSetEntry> entries;
            try {
                entries = HashListParser.parse(Files.readAllBytes(file)).stream()
                        .map(HashEntry::toSetEntry).toList();
            } catch (HashListException e) {
                spec.commandLine().getErr().println("roomwatch hashset: " + file + ": " + e.problems().size() + " problem(s); nothing was imported");
                e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
                return 1;
            }
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                HashSetInfo info = new JdbcHashSets(db.dataSource()).replace(name, description, entries);
                long pdq = entries.stream().filter(e -> e.kind().equals("pdq")).count();
                spec.commandLine().getOut().println("hash set " + info.name() + ": " + info.entries() + " hashes (" + pdq
                        + " PDQ, " + (info.entries() - pdq) + " digests)");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the hash sets.")
    static final class ListSets implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                for (HashSetInfo info : new JdbcHashSets(db.dataSource()).list()) {
                    spec.commandLine().getOut().println(info.name() + "\t" + info.entries() + "\t" + info.importedAt()
                            + (info.description() == null ? "" : "\t" + info.description()));
                }
            }
            return 0;
        }
    }
}
