package org.roomwatch.core.config;

/** A configuration problem, naming the key at fault and what was expected. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key == null || key.isEmpty() ? message : key + ": " + message);
        this.key = key;
    }

    /** The dotted key path at fault (e.g. crawler.maxRetries), or empty when the problem is the whole file. */
    public String key() {
        return key == null ? "" : key;
    }
}
