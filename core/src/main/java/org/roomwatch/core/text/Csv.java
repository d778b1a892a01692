package org.roomwatch.core.text;

import java.util.Arrays;
import java.util.List;

/** CSV cells (RFC 4180) for exports that analysts open in a spreadsheet. */
public final class Csv {
    private Csv() {}

    /**
     * The first line of an export: a byte-order mark, so that a spreadsheet reads the Korean in it as UTF-8, then
     * the column names, ended by CRLF as RFC 4180 has it.
     */
    public static String header(List<String> columns) {
        return "\uFEFF" + row(columns);
    }

    /** One line of cells that are already CSV ({@link #cell} for any text from outside), ended by CRLF. */
    public static String row(List<String> cells) {
        return String.join(",", cells) + "\r\n";
    }

    public static String row(String... cells) {
        return row(Arrays.asList(cells));
    }

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
