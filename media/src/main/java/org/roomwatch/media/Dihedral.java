package org.roomwatch.media;

/** The eight dihedral transforms of an image, in the order PDQ's reference reports them. */
public enum Dihedral {
    ORIGINAL, ROTATE_90, ROTATE_180, ROTATE_270, FLIP_X, FLIP_Y, FLIP_PLUS_1, FLIP_MINUS_1;

    /** Lower-case name used in output and the API, e.g. {@code rotate90}, {@code flipplus1}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
    }
}
