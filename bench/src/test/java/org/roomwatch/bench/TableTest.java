package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmarks' one table printer: Markdown a person and a script can read. */
class TableTest {
    @Test
    void columnsAreAsWideAsTheirHeaderNumbersRightAndTextLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Table table = Table.start(out, Table.number("round", "%d"), Table.text("path", 8), Table.number("messages/s", "%.1f"));
        table.row(1, "raw", 12345.678);
        table.row(12, "pipeline long", 3.0);
        assertEquals("""

                | round | path     | messages/s |
                |------:|----------|-----------:|
                |     1 | raw      |    12345.7 |
                |    12 | pipeline long |        3.0 |
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        Table table = Table.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Table.text("a", 1));
        assertThrows(IllegalArgumentException.class, () -> table.row("x", "y"));
    }
}
