package org.roomwatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.core.school.School;
import org.roomwatch.tagging.NeisSchoolCsv;
import org.roomwatch.tagging.SchoolListException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The school registry: import the NEIS list (or the bundled synthetic sample), list what is known. */
@Command(name = "schools", description = "Import or list the school registry the tagger uses.",
        subcommands = {SchoolsCommand.Import.class, SchoolsCommand.ListSchools.class})
final class SchoolsCommand {

    static List<School> sample() {
        return SampleSchools.load();
    }

    @Command(name = "import", description = "Add or update schools from a NEIS 학교기본정보 CSV (UTF-8 or EUC-KR); all or nothing.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "the CSV; omit with --sample") Path file;
        @Option(names = "--sample", description = "import the bundled synthetic sample instead") boolean sample;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<School> schools;
            if (sample) {
                schools = sample();
            } else if (file == null) {
                spec.commandLine().getErr().println("roomwatch schools import: give a CSV file, or --sample");
                return 2;
            } else if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("roomwatch schools import: " + file + ": no such file");
                return 1;
            } else {
                try {
                    schools = NeisSchoolCsv.parse(Files.readAllBytes(file));
                } catch (SchoolListException e) {
                    spec.commandLine().getErr().println("roomwatch schools import: " + file + ": " + e.problems().size()
                            + " problem(s); nothing was imported");
                    e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
                    return 1;
                }
            }
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                int added = new JdbcSchoolRegistry(db.dataSource()).importAll(schools);
                spec.commandLine().getOut().println(schools.size() + " schools imported (" + added + " new, "
                        + (schools.size() - added) + " updated)");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List schools, optionally those whose name contains TEXT.")
    static final class ListSchools implements Callable<Integer> {
        @Parameters(paramLabel = "TEXT", arity = "0..1") String text;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                for (School s : new JdbcSchoolRegistry(db.dataSource()).all()) {
                    if (text == null || s.name().contains(text) || s.aliases().stream().anyMatch(a -> a.contains(text))) {
                        spec.commandLine().getOut().println(s.id() + "\t" + s.name() + "\t" + (s.level() == null ? "-" : s.level().abbreviation())
                                + "\t" + s.gender() + "\t" + s.sido() + " " + (s.sigungu() == null ? "" : s.sigungu()));
                    }
                }
            }
            return 0;
        }
    }
}
