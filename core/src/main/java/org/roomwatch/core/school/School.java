package org.roomwatch.core.school;

import java.util.List;

/**
 * A school in the registry. {@code id} is stable (the NEIS code when imported from NEIS). {@code aliases} are the
 * extra names people use that cannot be derived from the name (a former name, a nickname); the standard
 * abbreviations are derived by the tagger's school names.
 */
public record School(String id, String name, SchoolLevel level, SchoolGender gender, String sido, String sigungu,
                     List<String> aliases) {
    public School {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
