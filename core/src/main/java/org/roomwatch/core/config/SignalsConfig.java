package org.roomwatch.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Room signals: the words that mark a humiliation or deepfake room, each with a weight from 1 to 5. Analysts edit
 * the list in the configuration file; a room's score and the reasons for it are recomputed after each crawl.
 */
public record SignalsConfig(Map<String, Integer> lexicon) {
    public SignalsConfig {
        lexicon = lexicon == null ? Map.of() : new LinkedHashMap<>(lexicon);
        for (Map.Entry<String, Integer> e : lexicon.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("signals.lexicon has an empty word");
            }
            if (e.getValue() == null || e.getValue() < 1 || e.getValue() > 5) {
                throw new IllegalArgumentException("signals.lexicon." + e.getKey() + " must be a weight from 1 to 5, got " + e.getValue());
            }
        }
        lexicon = Map.copyOf(lexicon);
    }
}
