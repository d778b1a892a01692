package org.roomwatch.tagging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.school.School;
import org.roomwatch.core.school.SchoolGender;
import org.roomwatch.core.school.SchoolLevel;

/**
 * The official school list as Korea's education data portal publishes it (NEIS 학교기본정보): a CSV whose header
 * names the columns (시도교육청명, 행정표준코드, 학교명, 학교종류명, 소재지명, 남녀공학구분명, 도로명주소 …) in whatever order,
 * encoded in UTF-8 or EUC-KR (MS949, as spreadsheet exports on Korean Windows write it). Only 학교명 and 학교종류명
 * are required. An optional 별칭 column holds extra names separated by |; 영문학교명, the English name, becomes one
 * more (matched as a Latin form). All or nothing.
 */
public final class NeisSchoolCsv {
    private static final Charset MS949 = Charset.forName("x-windows-949");

    private NeisSchoolCsv() {}

    public static List<School> parse(byte[] content) throws SchoolListException {
        String text = decode(content);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        split(text, rows, lineNumbers, problems);
        if (!problems.isEmpty()) {
            throw new SchoolListException(problems);
        }
        if (rows.isEmpty()) {
            throw new SchoolListException(List.of("the file is empty"));
        }
        Map<String, Integer> header = new HashMap<>();
        List<String> names = rows.get(0);
        for (int i = 0; i < names.size(); i++) {
            header.put(names.get(i).strip(), i);
        }
        for (String required : List.of("학교명", "학교종류명")) {
            if (!header.containsKey(required)) {
                throw new SchoolListException(List.of("line 1: the header has no " + required + " column (found: "
                        + String.join(", ", names) + ")"));
            }
        }
        Map<String, School> schools = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int line = lineNumbers.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != names.size()) {
                problems.add("line " + line + ": " + row.size() + " columns, the header has " + names.size());
                continue;
            }
            String name = cell(row, header, "학교명");
            if (name == null) {
                problems.add("line " + line + ", column 학교명: empty");
                continue;
            }
            String kind = cell(row, header, "학교종류명");
            if (kind == null) {
                problems.add("line " + line + ", column 학교종류명: empty");
                continue;
            }
            SchoolLevel level = SchoolLevel.parse(kind);
            SchoolGender gender;
            try {
                gender = SchoolGender.parse(cell(row, header, "남녀공학구분명"));
            } catch (IllegalArgumentException e) {
                problems.add("line " + line + ", column 남녀공학구분명: " + e.getMessage());
                continue;
            }
            String sido = cell(row, header, "소재지명");
            if (sido == null) {
                String office = cell(row, header, "시도교육청명");
                sido = office == null ? null : office.replace("교육청", "").strip();
            }
            String address = cell(row, header, "도로명주소");
            String sigungu = null;
            if (address != null) {
                String[] parts = address.strip().split("\\s+");
                if (parts.length >= 2 && parts[1].matches(".+(시|군|구)")) {
                    sigungu = parts[1];
                    if (parts.length >= 3 && parts[2].endsWith("구") && parts[1].endsWith("시")) {
                        sigungu = parts[2]; // 경기도 성남시 분당구: the 구 is what people say
                    }
                }
            }
            String id = cell(row, header, "행정표준코드");
            if (id == null) {
                id = (sido == null ? "" : sido + "-") + name;
            }
            String aliasCell = cell(row, header, "별칭");
            List<String> aliases = new ArrayList<>(aliasCell == null ? List.of()
                    : List.of(aliasCell.split("\\|")).stream().map(String::strip).filter(a -> !a.isEmpty()).toList());
            String english = cell(row, header, "영문학교명");
            if (english != null && !english.isBlank() && !aliases.contains(english.strip())) {
                aliases.add(english.strip()); // how the school writes itself in Latin letters: matched as a Latin form
            }
            if (schools.containsKey(id)) {
                problems.add("line " + line + ", column 행정표준코드: " + id + " appears twice");
                continue;
            }
            schools.put(id, new School(id, name.strip(), level, gender, sido, sigungu, aliases));
        }
        if (!problems.isEmpty()) {
            throw new SchoolListException(problems);
        }
        if (schools.isEmpty()) {
            throw new SchoolListException(List.of("the file has a header but no schools"));
        }
        return List.copyOf(schools.values());
    }

    private static String cell(List<String> row, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        if (i == null) {
            return null;
        }
        String v = row.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    /** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else MS949; anything else is refused. */
    static String decode(byte[] content) throws SchoolListException {
        int start = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF ? 3 : 0;
        for (Charset charset : List.of(StandardCharsets.UTF_8, MS949)) {
            try {
                return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
            } catch (CharacterCodingException e) {
                // try the next
            }
        }
        throw new SchoolListException(List.of("the file is neither UTF-8 nor EUC-KR text"));
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static void split(String text, List<List<String>> rows, List<Integer> lines, List<String> problems) {
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                lines.add(rowLine);
                row = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            problems.add("line " + rowLine + ": a quoted field is never closed");
            return;
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
            lines.add(rowLine);
        }
    }
}
