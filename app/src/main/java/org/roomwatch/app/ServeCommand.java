package org.roomwatch.app;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run roomwatch from config/roomwatch.yml (or --config) with ROOMWATCH_* overrides.")
final class ServeCommand implements Runnable {
    @Option(names = "--config", description = "configuration file overriding the defaults")
    Path config;

    @Option(names = "--role", defaultValue = "crawler,api,alerts",
            description = "what this process does: crawler, api and/or alerts, comma-separated; default ${DEFAULT-VALUE}")
    String role;

    @Override
    public void run() {
        UntilShutdown.run(() -> Roomwatch.start(Configs.load(config), ProcessRole.parse(role)), app -> { });
    }
}
