package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomwatch.media.hashlist.HashEntry;
import org.roomwatch.media.hashlist.HashKind;
import org.roomwatch.media.hashlist.HashListException;
import org.roomwatch.media.hashlist.HashListParser;

class HashListParserTest {
    private static final String PDQ = "3efc0d3e31371d84f64f9ac1cedcf0c39f03e3816c2c053c08fc1a5c92c3fd23";
    private static final String MD5 = "e12c44ccf7a73fe2f312e367db54649c";
    private static final String SHA = "c9af2acec554a67c6ce688454edfdbb04ae5e0fa2bb18d76bc62d8d17fe0dce2";

    private static List<HashEntry> parse(String text) throws HashListException {
        return HashListParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headerlessLinesAreMd5OrPdqByLength() throws Exception {
        List<HashEntry> entries = parse("# known hashes\n" + PDQ.toUpperCase() + "\r\n\n" + MD5 + "\n" + PDQ + "\n");
        assertEquals(List.of(new HashEntry(HashKind.PDQ, PDQ, null), new HashEntry(HashKind.MD5, MD5, null)), entries);
    }

    @Test
    void headersNameColumnsInAnyOrderWithLabels() throws Exception {
        List<HashEntry> entries = parse("\uFEFFlabel,sha256,pdq,md5\ncase-1," + SHA + "," + PDQ + ",\ncase-2,,," + MD5 + "\n");
        assertEquals(List.of(new HashEntry(HashKind.PDQ, PDQ, "case-1"), new HashEntry(HashKind.SHA256, SHA, "case-1"),
                new HashEntry(HashKind.MD5, MD5, "case-2")), entries);
    }

    @Test
    void stopNciiStyleJsonInThreeShapes() throws Exception {
        String records = "{\"signalType\":\"ImagePDQ\",\"hashValue\":\"" + PDQ + "\",\"id\":\"a1\"},"
                + "{\"signalType\":\"VideoMD5\",\"hashValue\":\"" + MD5 + "\"}";
        List<HashEntry> expected = List.of(new HashEntry(HashKind.PDQ, PDQ, "a1"), new HashEntry(HashKind.MD5, MD5, null));
        assertEquals(expected, parse("[" + records + "]"));
        assertEquals(expected, parse("{\"hashes\": [" + records + "]}"));
        assertEquals(expected, parse(records.replace("},{", "}\n{")));
    }

    @Test
    void everyBadRowIsReportedAndNothingIsImported() {
        HashListException e = assertThrows(HashListException.class, () -> parse(PDQ + "\nxyz\n" + MD5 + "0\n" + MD5 + "\n"));
        assertEquals(List.of("line 2: not a hash (32 hex digits for MD5, 64 for PDQ): 'xyz'",
                "line 3: not a hash (32 hex digits for MD5, 64 for PDQ): '" + MD5 + "0'"), e.problems());
        assertTrue(e.getMessage().startsWith("2 problems in the hash list; nothing was imported"));

        HashListException header = assertThrows(HashListException.class, () -> parse("label,pdq\nx,abc\ny,\n"));
        assertEquals(List.of("line 2: pdq must be 64 hex digits, got 'abc'", "line 3: no hash in this row"), header.problems());

        HashListException json = assertThrows(HashListException.class, () -> parse(
                "[{\"signalType\":\"ImageSHA1\",\"hashValue\":\"ab\"},{\"hashValue\":\"" + MD5 + "\"},{\"signalType\":\"ImagePDQ\",\"hashValue\":\"12\"}]"));
        assertEquals(3, json.problems().size());
        assertTrue(json.problems().get(0).startsWith("record 1: signalType 'ImageSHA1' is not one roomwatch matches"));
        assertEquals("record 2: needs signalType and hashValue", json.problems().get(1));

        assertEquals(List.of("the list is empty"), assertThrows(HashListException.class, () -> parse("  \n")).problems());
        assertEquals(List.of("the list is not UTF-8 text (is it a binary file?)"),
                assertThrows(HashListException.class, () -> HashListParser.parse(new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff})).problems());
        assertTrue(assertThrows(HashListException.class, () -> parse(PDQ + "," + MD5 + "\n")).problems().get(0).contains("no header"));
        assertEquals(List.of("line 2: not a JSON record"), assertThrows(HashListException.class,
                () -> parse("{\"signalType\":\"ImagePDQ\",\"hashValue\":\"" + PDQ + "\"}\n{broken")).problems());
    }

    @Test
    void aVpdqFileIsOneVideoWithItsFrames() throws Exception {
        String vpdq = "# vPDQ of a synthetic clip\n0,100," + PDQ + ",0.000\n25,87," + PDQ.replace('3', '4') + ",1.000\n";
        List<HashEntry> entries = parse(vpdq);
        assertEquals(1, entries.size());
        HashEntry video = entries.get(0);
        assertEquals(HashKind.VPDQ, video.kind());
        assertEquals(2, video.frames().size());
        assertEquals(25, video.frames().get(1).frameNumber());
        assertEquals(1.0, video.frames().get(1).timestamp(), 1e-9);
        // Its value names the vPDQ: the same frames give the same entry, so an import twice keeps it once.
        assertEquals(video.value(), parse("0,100," + PDQ + ",0.000\r\n25,87," + PDQ.replace('3', '4') + ",1.000").get(0).value());
        assertEquals(64, video.value().length());
        assertEquals("vpdq", video.toSetEntry().kind());
        assertEquals(2, video.toSetEntry().frames().size());
    }

    @Test
    void videoRecordsAsStopNciiStyleJsonAndRoomwatchsOwnTakedownList() throws Exception {
        String lines = "0,100," + PDQ + ",0.000\n30,90," + PDQ + ",1.000";
        List<HashEntry> entries = parse("{\"format\": \"stopncii-style hash records\", \"records\": ["
                + "{\"signalType\": \"VideoMD5\", \"hashValue\": \"" + MD5 + "\", \"caseNumbers\": [\"2026-1\"]},"
                + "{\"signalType\": \"sha256\", \"hashValue\": \"" + SHA + "\"},"
                + "{\"signalType\": \"VideoVPDQ\", \"hashValue\": \"" + lines.replace("\n", "\\n") + "\", \"id\": \"v-1\"}]}");
        assertEquals(List.of(HashKind.MD5, HashKind.SHA256, HashKind.VPDQ), entries.stream().map(HashEntry::kind).toList());
        assertEquals("v-1", entries.get(2).label());
        assertEquals(2, entries.get(2).frames().size());
    }

    @Test
    void aBrokenVpdqSaysWhichLineAndImportsNothing() {
        HashListException e = assertThrows(HashListException.class, () -> parse("0,100," + PDQ + ",0.000\n1,100,xyz,1.000\n2,100," + PDQ + ",2.000"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        HashListException json = assertThrows(HashListException.class, () -> parse("[{\"signalType\": \"VideoVPDQ\", \"hashValue\": \"0,100\"}]"));
        assertTrue(json.problems().get(0).startsWith("record 1:"), json.problems().toString());
    }
}
