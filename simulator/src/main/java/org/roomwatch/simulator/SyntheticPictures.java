package org.roomwatch.simulator;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Generated pictures (gradients and shapes, nothing real) for the simulated rooms; the same seed, the same picture. */
public final class SyntheticPictures {
    private SyntheticPictures() {}

    /** A 160x120 PNG; {@code marked} adds a small corner mark: different bytes, the same picture to PDQ. */
    public static byte[] png(long seed, boolean marked) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), 160, 120, new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, 160, 120);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(140), random.nextInt(100), 20 + random.nextInt(60), 20 + random.nextInt(50));
        }
        if (marked) {
            g.setColor(Color.WHITE);
            g.fillRect(154, 114, 4, 4);
        }
        g.dispose();
        return png(image);
    }

    /** A picture as PNG bytes, in memory. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
