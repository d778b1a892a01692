package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tags of a message's pictures joined to the tags of its text: every list field gains the pictures' values, so a
 * school named only in a caption is found by the school filter, and each value found only in a picture is also listed
 * in {@code in_picture} as {@code field:value}, so an officer (and an alert) can tell it was seen in a picture.
 */
final class PictureTags {
    static final String FIELD = "in_picture";

    private PictureTags() {}

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> textFields, Map<String, Object> pictureFields) {
        Set<String> inPicture = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : pictureFields.entrySet()) {
            if (!(e.getValue() instanceof List<?> found) || found.isEmpty()) {
                continue;
            }
            List<Object> merged = new ArrayList<>(textFields.get(e.getKey()) instanceof List<?> l ? l : List.of());
            for (Object value : found) {
                if (value instanceof Map<?, ?> school) {
                    // The schools' details: one per school id, marked when only the picture names it.
                    Object id = school.get("id");
                    if (merged.stream().noneMatch(m -> m instanceof Map<?, ?> other && id != null && id.equals(other.get("id")))) {
                        Map<String, Object> marked = new java.util.LinkedHashMap<>((Map<String, Object>) school);
                        marked.put(FIELD, true);
                        merged.add(marked);
                    }
                } else if (!merged.contains(value)) {
                    merged.add(value);
                    inPicture.add(e.getKey() + ":" + value);
                }
            }
            textFields.put(e.getKey(), merged);
        }
        if (!inPicture.isEmpty()) {
            textFields.put(FIELD, List.copyOf(inPicture));
        }
    }
}
