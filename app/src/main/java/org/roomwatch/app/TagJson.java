package org.roomwatch.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tag;
import org.roomwatch.tagging.Tagger;

/** A text's tags as 'roomwatch tag' prints them (and 'roomwatch ocr' after it): kind, value, matched words, span, confidence. */
final class TagJson {
    private TagJson() {}

    /** Adds {@code "tags": [...]} for {@code result}, then the lexicon's words in its text. */
    static void put(ObjectNode node, Tagger.Result result, Lexicon lexicon) {
        ArrayNode tags = node.putArray("tags");
        for (Tag t : result.tags()) {
            ObjectNode tag = tags.addObject();
            tag.put("kind", t.kind());
            tag.put("value", t.value());
            if (!t.label().equals(t.value())) {
                tag.put("label", t.label());
            }
            tag.put("matched", t.matched());
            tag.putArray("span").add(t.start()).add(t.end());
            tag.put("confidence", t.confidence());
            if (!t.candidates().isEmpty()) {
                ArrayNode candidates = tag.putArray("candidates");
                t.candidates().forEach(candidates::add);
            }
        }
        for (String word : lexicon.find(result.text())) {
            ObjectNode tag = tags.addObject();
            tag.put("kind", "lexicon");
            tag.put("value", word);
            tag.put("weight", lexicon.weight(word));
        }
    }
}
