package org.roomwatch.core.text;

/** CSV cells (RFC 4180) for exports that analysts open in a spreadsheet. */
public final class Csv {
    private Csv() {}

    /**
     * Quotes a cell when it holds a comma, quote or line break. A cell a spreadsheet would run as a formula (starting
     * with =, +, -, @, tab or CR: room titles and texts come from the rooms) gets a leading apostrophe.
     */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
