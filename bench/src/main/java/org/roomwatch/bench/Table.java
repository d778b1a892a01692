package org.roomwatch.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown table printed as its rows arrive, so a long benchmark shows each round as it ends. Columns are fixed
 * width (at least the header's); numbers are formatted in {@link Locale#ROOT} and right-aligned, text left-aligned.
 */
final class Table {
    /** A column: its header, its width, and the format of its values ({@code null}: text, left-aligned). */
    record Column(String header, int width, String format) {
        int shown() {
            return Math.max(header.length(), width);
        }
    }

    private final PrintStream out;
    private final List<Column> columns;

    private Table(PrintStream out, List<Column> columns) {
        this.out = out;
        this.columns = columns;
    }

    /** A text column at least {@code width} wide. */
    static Column text(String header, int width) {
        return new Column(header, width, null);
    }

    /** A number column formatted with {@code format} (for example {@code "%.1f"}). */
    static Column number(String header, String format) {
        return new Column(header, 0, format);
    }

    /** Prints a blank line, the header and the rule, and answers the table to add rows to. */
    static Table start(PrintStream out, Column... columns) {
        Table table = new Table(out, List.of(columns));
        StringBuilder header = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (Column c : columns) {
            header.append(' ').append(pad(c.header(), c.shown(), c.format() == null)).append(" |");
            rule.append(c.format() == null ? "-".repeat(c.shown() + 2) : "-".repeat(c.shown() + 1) + ":").append('|');
        }
        out.println();
        out.println(header);
        out.println(rule);
        return table;
    }

    /** Prints one row: one value per column, in order. */
    void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + columns.size() + " columns got " + values.length + " values");
        }
        StringBuilder row = new StringBuilder("|");
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            String cell = c.format() == null ? String.valueOf(values[i]) : String.format(Locale.ROOT, c.format(), values[i]);
            row.append(' ').append(pad(cell, c.shown(), c.format() == null)).append(" |");
        }
        out.println(row);
    }

    private static String pad(String s, int width, boolean left) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }
}
