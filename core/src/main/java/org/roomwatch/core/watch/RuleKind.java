package org.roomwatch.core.watch;

import java.util.Locale;

/**
 * What a rule watches for: a term or phrase in text; a school (registry id, every alias included); a watched person
 * (id: name variants, phones, handles); a hash set (images within the rule's PDQ distance, or exact digests); one
 * image (its PDQ hash, from an uploaded photo hashed and dropped, or given as hex); a room (anything new in it); a
 * newly discovered room whose page names a school ({@code school:ID}) or a term.
 */
public enum RuleKind {
    TERM, SCHOOL, PERSON, HASHSET, IMAGE, ROOM, DISCOVERED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuleKind parse(String value) {
        for (RuleKind k : values()) {
            if (k.key().equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("rule kind must be one of term, school, person, hashset, image, room, discovered; got '" + value + "'");
    }
}
