package org.roomwatch.app;

import java.nio.file.Path;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;

/** Loads the configuration the commands share: defaults, an optional file, the environment. */
final class Configs {
    private Configs() {}

    static RoomwatchConfig load(Path file) {
        Path chosen = file;
        if (chosen == null && Path.of("config/roomwatch.yml").toFile().isFile()) {
            chosen = Path.of("config/roomwatch.yml");
        }
        return new ConfigLoader().load(chosen, System.getenv());
    }
}
