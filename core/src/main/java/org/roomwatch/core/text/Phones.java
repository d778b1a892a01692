package org.roomwatch.core.text;

/** Korean mobile numbers in one form, 010-1234-5678, however they were written. */
public final class Phones {
    private Phones() {}

    /** The canonical form of any 10 or 11 digit number (other separators dropped); other digit runs as they are. */
    public static String canonical(String raw) {
        String digits = raw.replaceAll("[^0-9]", "");
        if (digits.length() == 11 || digits.length() == 10) {
            return digits.substring(0, 3) + "-" + digits.substring(3, digits.length() - 4) + "-" + digits.substring(digits.length() - 4);
        }
        return digits;
    }

    /** The canonical form of a Korean mobile number, or an error that says what one looks like. */
    public static String requireMobile(String raw) {
        String digits = raw == null ? "" : raw.replaceAll("[^0-9]", "");
        if (!digits.matches("01[016789][0-9]{7,8}")) {
            throw new IllegalArgumentException("phone must be a Korean mobile number such as 010-1234-5678, got '" + raw + "'");
        }
        return canonical(digits);
    }
}
