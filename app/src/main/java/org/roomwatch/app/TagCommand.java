package org.roomwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.people.WatchedPerson;
import org.roomwatch.core.school.School;
import org.roomwatch.tagging.Gazetteer;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the tagger makes of a text: one JSON line per input line with every tag (kind, canonical value, matched
 * span, confidence), using the school registry and watched people in the control-plane database and the configured
 * lexicon.
 */
@Command(name = "tag", description = "Tag text lines from stdin (or --file): schools, grades, regions, phones, handles, names.")
final class TagCommand implements Callable<Integer> {
    @Option(names = "--file", description = "read lines from this file instead of stdin") Path file;
    @Option(names = "--watch-name", description = "a name to treat as watched (repeatable), for trying the person tagger")
    List<String> watchNames = new ArrayList<>();
    @Option(names = "--sample-schools", description = "use the bundled synthetic registry instead of the database")
    boolean sampleSchools;
    @Option(names = "--config") Path config;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RoomwatchConfig cfg = Configs.load(config);
        List<School> schools;
        List<WatchedPerson> people = new ArrayList<>();
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
            schools = sampleSchools ? SchoolsCommand.sample() : new JdbcSchoolRegistry(db.dataSource()).all();
            people.addAll(new JdbcWatchedPeople(db.dataSource()).all());
        }
        if (schools.isEmpty()) {
            spec.commandLine().getErr().println("roomwatch tag: the school registry is empty; run 'roomwatch schools import FILE'"
                    + " (or --sample), or pass --sample-schools");
        }
        for (int i = 0; i < watchNames.size(); i++) {
            people.add(new WatchedPerson("cli-" + (i + 1), watchNames.get(i), List.of(), List.of()));
        }
        Tagger tagger = new Tagger(new Gazetteer(schools), people);
        Lexicon lexicon = new Lexicon(cfg.signals().lexicon());
        ObjectMapper json = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                Tagger.Result result = tagger.tag(line);
                ObjectNode node = json.createObjectNode();
                node.put("line", lineNumber);
                node.put("text", result.text());
                TagJson.put(node, result, lexicon);
                out.println(json.writeValueAsString(node));
            }
        }
        out.flush();
        return 0;
    }
}
