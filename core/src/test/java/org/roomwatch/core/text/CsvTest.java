package org.roomwatch.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void theHeaderCarriesAByteOrderMarkAndEndsWithCrLf() {
        assertEquals("\uFEFFcase,photo,room\r\n", Csv.header(List.of("case", "photo", "room")));
    }

    @Test
    void aRowJoinsItsCellsAsTheyAreAndEndsWithCrLf() {
        assertEquals("a,,\"b,c\"\r\n", Csv.row("a", "", Csv.cell("b,c")));
        assertEquals("a,b\r\n", Csv.row(List.of("a", "b")));
        assertEquals("\r\n", Csv.row(List.of()));
    }

    @Test
    void cellsQuoteSeparatorsAndDefuseFormulas() {
        assertEquals("", Csv.cell(null));
        assertEquals("서울중학교", Csv.cell("서울중학교"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"line\nbreak\"", Csv.cell("line\nbreak"));
        assertEquals("'=HYPERLINK(1)", Csv.cell("=HYPERLINK(1)"));
        assertEquals("\"'=SUM(A1,A2)\"", Csv.cell("=SUM(A1,A2)"));
        assertEquals("'-1", Csv.cell("-1"));
    }
}
