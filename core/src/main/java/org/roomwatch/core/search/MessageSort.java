package org.roomwatch.core.search;

import java.util.Locale;

/** Orders a message search can return. */
public enum MessageSort {
    RELEVANCE, NEWEST, OLDEST;

    public static MessageSort parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sort must be one of relevance, newest, oldest; got [" + value + "]");
        }
    }
}
