package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words that mark a humiliation or deepfake room (지인능욕, 딥페, 겹지인 …), with their weights. Found anywhere in
 * the text, spaces ignored (지인 능욕 is 지인능욕): these words are themselves the signal, whatever surrounds them.
 */
public final class Lexicon {
    private final AhoCorasick automaton = new AhoCorasick();
    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> weights;

    public Lexicon(Map<String, Integer> weights) {
        this.weights = Map.copyOf(weights);
        for (String word : weights.keySet()) {
            String compact = SchoolNames.compact(NormalizedText.of(word).text());
            int id = automaton.add(compact);
            while (words.size() <= id) {
                words.add(null);
            }
            if (words.get(id) == null) {
                words.set(id, word);
            }
        }
    }

    public static Lexicon empty() {
        return new Lexicon(Map.of());
    }

    public int weight(String word) {
        return weights.getOrDefault(word, 0);
    }

    public Map<String, Integer> weights() {
        return weights;
    }

    /**
     * The lexicon words in the text, each once, in order of first appearance; a word inside a longer one found at
     * the same place (능욕 in 지인능욕) is not counted again.
     */
    public Set<String> find(String text) {
        return find(NormalizedText.of(text));
    }

    Set<String> find(NormalizedText text) {
        Set<String> found = new LinkedHashSet<>();
        if (words.isEmpty()) {
            return found;
        }
        List<int[]> hits = new ArrayList<>();
        automaton.search(text.compact(), text.compactLength(),
                (pattern, end) -> hits.add(new int[] {end - automaton.patternLength(pattern), end, pattern}));
        hits.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        int lastEnd = -1;
        for (int[] hit : hits) {
            if (hit[0] >= lastEnd) {
                found.add(words.get(hit[2]));
                lastEnd = hit[1];
            }
        }
        return found;
    }
}
