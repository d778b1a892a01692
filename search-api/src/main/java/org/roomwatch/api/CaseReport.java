package org.roomwatch.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Spread;

/**
 * The spread of a case as a PDF for court: the case number, the counselor, the totals, the first posting, the timeline
 * and the graph (drawn on the server, {@link SpreadCharts}), and a table of every posting with its permalink, capture
 * time, the account or page it came through and the SHA-256 of its raw payload. A Korean font is embedded (a subset),
 * so the report reads the same on any machine. Hashes, counts and places only: never a picture of the victim.
 */
final class CaseReport {
    /** Korean TrueType fonts, first found first: Debian's fonts-nanum. */
    static final List<Path> FONTS = List.of(Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
            Path.of("/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf"));
    private static final float MARGIN = 42;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private CaseReport() {}

    /** The font the report embeds, or empty when none is installed (the report is then refused, saying which). */
    static Optional<Path> font() {
        return FONTS.stream().filter(Files::isReadable).findFirst();
    }

    static byte[] pdf(CaseFile file, Spread spread, Instant made, String madeBy, Path fontFile) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, fontFile.toFile());
            java.awt.Font awt;
            try {
                awt = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, fontFile.toFile());
            } catch (java.awt.FontFormatException e) {
                throw new IOException("the report's font cannot be read: " + fontFile, e);
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("유포 범위 보고서 " + file.caseNumber());
            info.setCreator("roomwatch");
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("Asia/Seoul"));
            when.setTimeInMillis(made.toEpochMilli());
            info.setCreationDate(when);
            Pages pages = new Pages(doc, font);
            pages.line("유포 범위 보고서 (Extent of spread)", 16);
            pages.line("사건 " + file.caseNumber() + " · 상담사 " + file.counselor(), 11);
            pages.line("작성 " + Layout.when(made) + " · " + madeBy + " · roomwatch", 9);
            pages.gap(8);
            if (spread.postings().isEmpty()) {
                pages.line("이 사건의 사진·동영상은 아직 어디에서도 발견되지 않았습니다 (no sighting).", 11);
            } else {
                Spread.Totals t = spread.totals();
                pages.line("방 " + t.rooms() + " · 게시 " + t.postings() + " · 서로 다른 게시자 " + t.distinctPosters()
                        + (t.postingsWithoutPoster() > 0 ? " (게시자 모름 " + t.postingsWithoutPoster() + ")" : ""), 11);
                pages.line("도달 가능 인원 상한 " + t.audienceUpperBound() + (t.roomsWithUnknownAudience() > 0
                        ? " (인원 모름 방 " + t.roomsWithUnknownAudience() + "곳 제외)" : "") + " · 조회수 합계 " + t.views()
                        + " · 남아 있음 " + t.online() + " / 삭제됨 " + t.deleted(), 11);
                Spread.Posting first = spread.first();
                pages.line("최초 게시: " + first.roomId() + " #" + first.messageId() + ", " + Layout.when(first.at()) + ", 게시자 "
                        + (first.poster() == null ? "모름" : first.poster()), 11);
                pages.gap(6);
                pages.image(LosslessFactory.createFromImage(doc, SpreadCharts.timeline(spread, "게시", "도달 인원", awt)));
                pages.image(LosslessFactory.createFromImage(doc, SpreadCharts.graph(spread, awt)));
                pages.gap(6);
                pages.line("게시 목록 (every posting, in time order)", 12);
                int n = 0;
                for (Spread.Posting p : spread.postings()) {
                    n++;
                    pages.line(n + ". " + Layout.when(p.at()) + " · " + p.roomId() + " #" + p.messageId() + " · 게시자 "
                            + (p.poster() == null ? "모름" : p.poster()) + " · 조회 " + (p.views() == null ? "?" : p.views())
                            + (p.forwardedFromRoom() != null ? " · 전달 원본 " + p.forwardedFromRoom() : "")
                            + (p.deletedAt() != null ? " · 삭제 확인 " + Layout.when(p.deletedAt()) : ""), 8);
                    pages.line("    " + p.permalink() + " · 수집 " + Layout.when(p.capturedAt()) + " · 경로 " + p.seenThrough(), 7);
                    pages.line("    raw SHA-256 " + p.rawSha256() + " · " + p.matchedBy() + " · " + p.photo(), 7);
                }
            }
            pages.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A4 pages filled top to bottom; a line too wide for the page is wrapped, a character the font lacks shown as ?. */
    private static final class Pages {
        private final PDDocument doc;
        private final PDType0Font font;
        private PDPageContentStream stream;
        private float y;

        Pages(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void gap(float points) {
            y -= points;
        }

        void line(String text, float size) throws IOException {
            for (String part : wrap(printable(text), size)) {
                if (y - size * 1.4f < MARGIN) {
                    newPage();
                }
                y -= size * 1.4f;
                stream.beginText();
                stream.setFont(font, size);
                stream.newLineAtOffset(MARGIN, y);
                stream.showText(part);
                stream.endText();
            }
        }

        void image(PDImageXObject image) throws IOException {
            float height = WIDTH * image.getHeight() / image.getWidth();
            if (y - height < MARGIN) {
                newPage();
            }
            y -= height;
            stream.drawImage(image, MARGIN, y, WIDTH, height);
            y -= 6;
        }

        /** Each character's width in font units, and whether the font draws it: asked once per character. */
        private final java.util.Map<Integer, Float> widths = new java.util.HashMap<>();

        private float width(int cp) {
            return widths.computeIfAbsent(cp, c -> {
                try {
                    return font.getStringWidth(new String(Character.toChars(c)));
                } catch (IOException | IllegalArgumentException e) {
                    return -1f; // not in the font
                }
            });
        }

        private List<String> wrap(String text, float size) {
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            float used = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                float w = width(cp) / 1000 * size;
                if (current.length() > 0 && used + w > WIDTH) {
                    parts.add(current.toString());
                    current.setLength(0);
                    used = 0;
                }
                current.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
            parts.add(current.toString());
            return parts;
        }

        /** The text with what the font cannot draw (an emoji in a room's title) replaced, so no line is lost. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (width(cp) < 0) {
                    out.append('?');
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.toString();
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
