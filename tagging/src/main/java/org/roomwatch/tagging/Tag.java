package org.roomwatch.tagging;

import java.util.List;

/**
 * One thing found in a text. {@code kind}: school, school_candidate, grade, region, phone, handle, kakao, person.
 * {@code value} is canonical (a school's id, a phone as 010-1234-5678, a handle in lower case, a watched person's
 * id); {@code start}/{@code end} are the span in the normalised text and {@code matched} its text; {@code
 * confidence} is 0..1; {@code candidates} lists the schools an ambiguous name could be, {@code label} a readable name.
 */
public record Tag(String kind, String value, String label, int start, int end, String matched, double confidence,
                  List<String> candidates) {
    public Tag {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
