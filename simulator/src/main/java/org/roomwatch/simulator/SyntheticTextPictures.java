package org.roomwatch.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pictures with text in them, made up for measuring OCR: captions on generated pictures (a made-up pupil's name,
 * school and grade, in several sizes, colours and fonts) and screenshots of made-up social-media profiles (name,
 * @handle, school, phone number), and copies of them rotated, low in contrast, noisy and re-compressed. Every name,
 * handle, school and number is synthetic; the schools are the bundled sample registry's. Drawn with the Noto CJK and
 * Nanum fonts Debian installs.
 */
public final class SyntheticTextPictures {
    /** What a picture is, for reporting accuracy per kind. */
    public enum Kind { CAPTION, OUTLINED, PROFILE, ROTATED, LOW_CONTRAST, NOISY, RECOMPRESSED }

    /** One picture: its encoded bytes, the text drawn on it, and what a tagger should find there. */
    public record Sample(Kind kind, int seed, byte[] bytes, String text, String schoolId, String phone, String handle) {}

    static final String[][] SCHOOLS = {
        {"9900001", "한빛여자고등학교"}, {"9900006", "새솔고등학교"}, {"9900007", "푸른숲고등학교"}, {"9900009", "달빛여자중학교"},
        {"9900011", "하늬고등학교"}, {"9900012", "가람외국어고등학교"}, {"9900013", "솔빛과학고등학교"}, {"9900014", "다온예술고등학교"},
        {"9900015", "누리체육고등학교"}, {"9900016", "별하상업고등학교"}, {"9900010", "바람공업고등학교"}, {"9900017", "미르남자고등학교"},
    };
    private static final String[] FAMILY = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
    private static final String[] GIVEN = {"하은", "서연", "지우", "민서", "예린", "수아", "다인", "유나", "채원", "소율"};
    private static final String[] ROMAN = {"haeun", "seoyeon", "jiwoo", "minseo", "yerin", "sua", "dain", "yuna", "chaewon", "soyul"};
    private static final String[] FONTS = {"Noto Sans CJK KR", "NanumGothic", "Noto Serif CJK KR"};

    private SyntheticTextPictures() {}

    /** Whether the fonts that draw Korean are installed (Debian's fonts-noto-cjk and fonts-nanum). */
    public static boolean fontsInstalled() {
        return new Font(FONTS[0], Font.PLAIN, 20).canDisplay('한') && new Font(FONTS[1], Font.PLAIN, 20).canDisplay('한');
    }

    /** {@code perKind} pictures of each kind, the same for the same arguments. */
    public static List<Sample> corpus(int perKind) {
        List<Sample> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < perKind; i++) {
                out.add(sample(kind, i));
            }
        }
        return out;
    }

    public static Sample sample(Kind kind, int seed) {
        Random r = new Random(seed * 7919L + kind.ordinal());
        String[] school = SCHOOLS[r.nextInt(SCHOOLS.length)];
        int person = r.nextInt(FAMILY.length * GIVEN.length);
        String name = FAMILY[person / GIVEN.length] + GIVEN[person % GIVEN.length];
        String handle = ROMAN[person % GIVEN.length] + "_" + (1000 + r.nextInt(9000));
        String phone = String.format("010-%04d-%04d", 2000 + r.nextInt(7000), r.nextInt(10000));
        int grade = 1 + r.nextInt(3);
        boolean profile = kind == Kind.PROFILE || (kind != Kind.CAPTION && kind != Kind.OUTLINED && r.nextBoolean());
        BufferedImage image;
        String text;
        if (profile) {
            String stats = "게시물 " + r.nextInt(300) + "   팔로워 " + r.nextInt(2000) + "   팔로잉 " + r.nextInt(900);
            text = name + "\n@" + handle + "\n" + stats + "\n" + school[1] + " " + grade + "학년\n" + phone;
            image = profile(r, name, handle, stats, school[1] + " " + grade + "학년", phone, kind == Kind.LOW_CONTRAST);
        } else {
            text = school[1] + " " + grade + "학년 " + name;
            image = caption(r, text, kind == Kind.LOW_CONTRAST, kind == Kind.OUTLINED);
            handle = null;
            phone = null;
        }
        switch (kind) {
            case ROTATED -> image = rotate(image, Math.toRadians((r.nextBoolean() ? 1 : -1) * (3 + r.nextInt(5))));
            case NOISY -> noise(image, r, 24);
            default -> { }
        }
        byte[] bytes = kind == Kind.RECOMPRESSED ? jpeg(toRgb(decode(jpeg(image, 0.35f))), 0.3f) : SyntheticPictures.png(image);
        return new Sample(kind, seed, bytes, text, school[0], phone, handle);
    }

    /** Caption colours on their bands: words and band. */
    private static final Color[][] BANDS = {
        {Color.BLACK, Color.WHITE}, {Color.WHITE, Color.BLACK}, {new Color(255, 230, 0), new Color(40, 40, 40)},
        {new Color(20, 40, 140), new Color(255, 250, 205)}, {new Color(200, 0, 0), Color.WHITE},
    };

    /**
     * A generated picture (a gradient and shapes, as {@link SyntheticPictures}) at 1280x720 with a caption: on a band
     * of its own colour, or outlined on the picture itself as meme captions are.
     */
    static BufferedImage caption(Random r, String text, boolean lowContrast, boolean outlined) {
        BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(r.nextInt(0xffffff)), 1280, 720, new Color(r.nextInt(0xffffff))));
        g.fillRect(0, 0, 1280, 720);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(1100), r.nextInt(560), 80 + r.nextInt(300), 80 + r.nextInt(200));
        }
        int size = new int[] {32, 44, 60}[r.nextInt(3)];
        Font font = new Font(FONTS[r.nextInt(FONTS.length)], r.nextBoolean() ? Font.BOLD : Font.PLAIN, size);
        int y = 720 - 40 - size / 2;
        if (lowContrast) {
            // Grey on a grey band, about 45 levels apart.
            g.setColor(new Color(110, 110, 110));
            g.fillRect(0, y - size - 10, 1280, size + 40);
            g.setColor(new Color(155, 155, 155));
            g.setFont(font);
            g.drawString(text, 40, y);
        } else if (!outlined) {
            Color[] colours = BANDS[r.nextInt(BANDS.length)];
            g.setColor(colours[1]);
            g.fillRect(0, y - size - 10, 1280, size + 40);
            g.setColor(colours[0]);
            g.setFont(font);
            g.drawString(text, 40, y);
        } else {
            // Words outlined on the picture itself, white or yellow, as meme captions are.
            Shape outline = new TextLayout(text, font, new FontRenderContext(null, true, true)).getOutline(AffineTransform.getTranslateInstance(40, y));
            g.setStroke(new BasicStroke(size / 8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(Color.BLACK);
            g.draw(outline);
            g.setColor(r.nextBoolean() ? Color.WHITE : new Color(255, 230, 0));
            g.fill(outline);
        }
        g.dispose();
        return image;
    }

    /** A phone screenshot of a made-up profile: 720x1280, a round avatar of shapes, then the profile's lines. */
    static BufferedImage profile(Random r, String name, String handle, String stats, String school, String phone, boolean lowContrast) {
        BufferedImage image = new BufferedImage(720, 1280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        boolean dark = r.nextBoolean();
        Color background = lowContrast ? new Color(200, 200, 200) : dark ? new Color(18, 18, 18) : Color.WHITE;
        Color ink = lowContrast ? new Color(150, 150, 150) : dark ? new Color(235, 235, 235) : new Color(20, 20, 20);
        g.setColor(background);
        g.fillRect(0, 0, 720, 1280);
        g.setColor(new Color(r.nextInt(0xffffff)));
        g.fillOval(40, 120, 180, 180);
        String family = FONTS[r.nextInt(2)];
        g.setColor(ink);
        g.setFont(new Font(family, Font.BOLD, 40));
        g.drawString(name, 250, 190);
        g.setFont(new Font(family, Font.PLAIN, 30));
        g.drawString("@" + handle, 250, 240);
        g.setFont(new Font(family, Font.PLAIN, 28));
        g.drawString(stats, 40, 380);
        g.setFont(new Font(family, Font.PLAIN, 32));
        g.drawString(school, 40, 460);
        g.drawString(phone, 40, 520);
        g.setColor(lowContrast ? new Color(180, 180, 180) : dark ? new Color(60, 60, 60) : new Color(225, 225, 225));
        for (int i = 0; i < 3; i++) {
            g.fillRect(40 + i * 220, 600, 200, 200);
        }
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    static BufferedImage rotate(BufferedImage image, double radians) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(out);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(new Color(image.getRGB(0, 0)));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.rotate(radians, image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    static void noise(BufferedImage image, Random r, double sigma) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(r.nextGaussian() * sigma);
                int red = clamp((rgb >> 16 & 0xff) + n);
                int green = clamp((rgb >> 8 & 0xff) + n);
                int blue = clamp((rgb & 0xff) + n);
                image.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(toRgb(image), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
