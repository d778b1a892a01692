package org.roomwatch.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.core.people.WatchedPerson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Watched people: the only people the tagger ever names. A running server picks up changes within seconds.
 */
@Command(name = "people", description = "Add, list or remove watched people (their names, phones and handles are tagged).",
        subcommands = {PeopleCommand.Add.class, PeopleCommand.ListPeople.class, PeopleCommand.Remove.class})
final class PeopleCommand {
    @Command(name = "add", description = "Watch a person's mentions.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--phone", description = "repeatable") List<String> phones = new ArrayList<>();
        @Option(names = "--handle", description = "SNS handle or KakaoTalk id; repeatable") List<String> handles = new ArrayList<>();
        @Option(names = "--by", required = true, description = "who adds the person (kept with the record)") String by;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                String id = new JdbcWatchedPeople(db.dataSource()).add(name, phones, handles, by);
                spec.commandLine().getOut().println("watching " + id);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List watched people.")
    static final class ListPeople implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                for (WatchedPerson p : new JdbcWatchedPeople(db.dataSource()).all()) {
                    spec.commandLine().getOut().println(p.id() + "\t" + p.name() + "\t" + String.join(",", p.phones()) + "\t"
                            + String.join(",", p.handles()));
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Stop watching a person.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (ControlPlaneDatabase db = ControlPlaneDatabase.open(Configs.load(config).database())) {
                if (!new JdbcWatchedPeople(db.dataSource()).remove(id)) {
                    spec.commandLine().getErr().println("roomwatch people: no watched person " + id);
                    return 1;
                }
                spec.commandLine().getOut().println("removed " + id);
            }
            return 0;
        }
    }
}
