package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is checked for what would break a deployment: the services and
 * their roles, images, health checks, start order, volumes, published ports, secrets only from .env, and each
 * roomwatch process's environment loaded through the real configuration loader.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> ROOMWATCH = Set.of("api", "crawler-1", "crawler-2", "alerts");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[?-][^}]*)?}");

    private static String text;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        text = Files.readString(ROOT.resolve("docker-compose.yml"));
        // SnakeYAML resolves the anchors and "<<" merge keys the file uses for the roomwatch processes, as Compose does.
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theDeploymentHasEveryPartAndEachRoomwatchProcessHasOneRole() {
        assertEquals(Set.of("elasticsearch", "postgres", "api", "crawler-1", "crawler-2", "alerts", "mailpit"), services.keySet());
        Map<String, Set<ProcessRole>> roles = new HashMap<>();
        for (String name : ROOMWATCH) {
            List<String> command = strings(services.get(name).get("command"));
            assertEquals("org.roomwatch.app.Main", command.get(command.indexOf("serve") - 1), name);
            int role = command.indexOf("--role");
            assertTrue(role > 0, name + " names its role");
            roles.put(name, ProcessRole.parse(command.get(role + 1)));
            assertTrue(command.get(command.indexOf("-cp") + 1).startsWith("app/target/app-0.1.0-SNAPSHOT.jar:app/target/lib/*"), name);
            assertEquals("eclipse-temurin:17-jre", services.get(name).get("image"), name);
        }
        assertEquals(Set.of(ProcessRole.API), roles.get("api"));
        assertEquals(Set.of(ProcessRole.CRAWLER), roles.get("crawler-1"));
        assertEquals(Set.of(ProcessRole.CRAWLER), roles.get("crawler-2"));
        assertEquals(Set.of(ProcessRole.ALERTS), roles.get("alerts"));
        Set<ProcessRole> covered = EnumSet.noneOf(ProcessRole.class);
        roles.values().forEach(covered::addAll);
        assertEquals(ProcessRole.all(), covered);
    }

    @Test
    void elasticsearchIsTheOfficialImageOfTheBuildsVersionWithTheKoreanPlugin() {
        Map<String, Object> es = services.get("elasticsearch");
        assertEquals("docker.elastic.co/elasticsearch/elasticsearch:" + ElasticsearchDistribution.VERSION, es.get("image"));
        String mount = strings(es.get("volumes")).stream().filter(v -> v.contains("es-korean-analysis")).findFirst().orElseThrow();
        String zip = mount.substring(0, mount.indexOf(':'));
        assertTrue(zip.matches("\\./es-korean-analysis/target/es-korean-analysis-[0-9.]+(-SNAPSHOT)?\\.zip"), zip);
        assertTrue(Files.isRegularFile(ROOT.resolve(zip)), "the build makes the plugin zip the file mounts: " + zip);
        String command = String.valueOf(es.get("command"));
        assertTrue(command.contains("elasticsearch-plugin install --batch file://" + mount.split(":")[1]), command);
        assertEquals("single-node", ((Map<?, ?>) es.get("environment")).get("discovery.type"));
        assertEquals("postgres:15", services.get("postgres").get("image"));
        assertTrue(String.valueOf(services.get("mailpit").get("image")).startsWith("axllent/mailpit:v"));
    }

    @Test
    void everyServiceHasAHealthCheckAndRoomwatchStartsOnlyOnHealthyDependencies() {
        services.forEach((name, service) -> {
            Map<?, ?> health = (Map<?, ?>) service.get("healthcheck");
            assertNotNull(health, name + " has a health check");
            List<String> test = strings(health.get("test"));
            assertTrue(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"), name + ": " + test);
            assertNotNull(health.get("interval"), name);
            assertNotNull(service.get("restart"), name + " restarts after a crash");
        });
        for (String name : ROOMWATCH) {
            String check = String.join(" ", strings(services.get(name).get("healthcheck") instanceof Map<?, ?> h ? h.get("test") : null));
            assertTrue(check.contains("/api/ready") && check.contains("/dev/tcp/127.0.0.1/8080"), name + ": " + check);
            Map<?, ?> dependsOn = (Map<?, ?>) services.get(name).get("depends_on");
            assertEquals(Set.of("elasticsearch", "postgres"), dependsOn.keySet(), name);
            dependsOn.values().forEach(d -> assertEquals("service_healthy", ((Map<?, ?>) d).get("condition"), name));
            assertTrue(String.valueOf(services.get(name).get("stop_grace_period")).endsWith("s"), name + " gets time to finish its bulks");
        }
    }

    @Test
    void dataLivesInDeclaredVolumesAndOnlyTheApiAndMailpitPublishPortsOnLoopback() {
        Set<String> declared = ((Map<?, ?>) compose.get("volumes")).keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of("esdata", "pgdata"), declared);
        assertTrue(strings(services.get("elasticsearch").get("volumes")).contains("esdata:/usr/share/elasticsearch/data"));
        assertTrue(strings(services.get("postgres").get("volumes")).contains("pgdata:/var/lib/postgresql/data"));
        services.forEach((name, service) -> {
            for (String volume : strings(service.get("volumes"))) {
                String source = volume.split(":")[0];
                assertTrue(source.startsWith("./") || declared.contains(source), name + " mounts an undeclared volume: " + volume);
                if (ROOMWATCH.contains(name)) {
                    assertTrue(volume.endsWith(":ro"), name + " mounts the project read-only: " + volume);
                }
            }
        });
        Map<String, List<String>> published = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.get("ports") != null) {
                published.put(name, strings(service.get("ports")));
            }
        });
        assertEquals(Map.of("api", List.of("127.0.0.1:8080:8080"), "mailpit", List.of("127.0.0.1:8025:8025")), published);
    }

    @Test
    void secretsComeOnlyFromTheEnvFileWhichIsNeverCommitted() throws IOException {
        String example = Files.readString(ROOT.resolve(".env.example"));
        Set<String> defined = new java.util.HashSet<>();
        for (String line : example.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                defined.add(line.substring(0, line.indexOf('=')));
            }
        }
        Matcher used = VARIABLE.matcher(text);
        int references = 0;
        while (used.find()) {
            references++;
            assertTrue(defined.contains(used.group(1)), "docker-compose.yml uses ${" + used.group(1) + "}, which .env.example does not list");
        }
        assertTrue(references > 0);
        assertTrue(Files.readAllLines(ROOT.resolve(".gitignore")).contains(".env"), ".env must be ignored by git");
        services.forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET|KEY|TOKEN).*")) {
                assertTrue(value.matches("\\$\\{[A-Z0-9_]+(:?[?-][^}]*)?}"), name + " sets " + key + " in the file; it belongs in .env");
            }
        }));
        for (String name : ROOMWATCH) {
            assertEquals(".env", services.get(name).get("env_file"), name);
        }
    }

    @Test
    void eachRoomwatchProcessEnvironmentIsAValidConfiguration() throws IOException {
        Map<String, String> dotEnv = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                dotEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        for (String name : ROOMWATCH) {
            Map<String, String> env = new HashMap<>(dotEnv);
            env.putAll(environment(services.get(name)));
            // Through the real loader: a misspelt variable or a wrong value fails here as it would at start-up.
            RoomwatchConfig config = new ConfigLoader().load(null, env);
            assertEquals("http://elasticsearch:9200", config.elasticsearch().url(), name);
            assertTrue(config.database().isPostgres(), name);
            assertEquals("jdbc:postgresql://postgres:5432/roomwatch", config.database().jdbcUrl(), name);
            assertEquals(dotEnv.get("ROOMWATCH_DATABASE_PASSWORD"), config.database().password(), name);
            assertEquals("0.0.0.0", config.api().host(), name);
            assertEquals(8080, config.api().port(), name);
            assertTrue(config.mail().enabled(), name);
            assertEquals("mailpit", config.mail().host(), name);
            assertEquals(1025, config.mail().port(), name);
            assertEquals("json", env.get("ROOMWATCH_LOG_FORMAT"), name);
        }
        assertTrue(new ConfigLoader().load(null, environment(services.get("api"))).security().cookieSecure());
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new HashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return env;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }
}
