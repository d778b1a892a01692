package org.roomwatch.core.hashes;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Named sets of known hashes (victims' photos hashed on their side, lists from other agencies). */
public interface HashSets {
    Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Creates the set or replaces all its entries at once (an import never leaves a set half old, half new). */
    HashSetInfo replace(String name, String description, List<HashSetEntry> entries);

    List<HashSetInfo> list();

    Optional<HashSetInfo> find(String name);

    List<HashSetEntry> entries(String name);

    boolean delete(String name);

    /**
     * Changes whenever a set is imported, replaced or deleted: what live matching checks before each batch to know
     * its compiled rules are current. Implementations should answer without counting entries.
     */
    default String version() {
        return list().stream().map(s -> s.name() + "@" + s.importedAt()).toList().toString();
    }

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a hash set name is 1 to 64 characters: lower-case letters, digits, _ and -,"
                    + " starting with a letter or digit; got '" + name + "'");
        }
        return name;
    }
}
