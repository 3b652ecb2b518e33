package io.topogan.gateway;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws a persistence diagram as a PNG with Java2D: birth on the x axis, death on the y axis, one
 * colour per homology dimension, the diagonal, and bars that never die on a dashed line above the
 * largest finite value. Axis labels need a font, so the image that runs the gateway needs one
 * installed (the JVM base images ship DejaVu).
 */
public final class DiagramPlot {

    /** Side of the square image in pixels. */
    public static final int SIZE = 480;

    private static final int MARGIN = 56;
    private static final Color[] DIMENSION_COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private DiagramPlot() {
    }

    /** Renders {@code diagram} and returns the PNG bytes. */
    public static byte[] png(Diagram diagram) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, diagram);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the diagram PNG", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, Diagram diagram) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);

        double finiteMax = diagram.maxFiniteValue();
        double infinity = finiteMax > 0 ? finiteMax * 1.1 : 1.0;
        double axisMax = infinity * 1.05;
        int plot = SIZE - 2 * MARGIN;

        g.setColor(new Color(0x444444));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(MARGIN, MARGIN, plot, plot);
        g.draw(new Line2D.Double(x(0, axisMax), y(0, axisMax), x(axisMax, axisMax),
                y(axisMax, axisMax)));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        g.draw(new Line2D.Double(x(0, axisMax), y(infinity, axisMax), x(axisMax, axisMax),
                y(infinity, axisMax)));

        for (Map.Entry<Integer, List<Double[]>> entry : diagram.dimensions().entrySet()) {
            Color colour = DIMENSION_COLOURS[Math.floorMod(entry.getKey(),
                    DIMENSION_COLOURS.length)];
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 170));
            for (Double[] bar : entry.getValue()) {
                double death = bar[1] == null ? infinity : bar[1];
                g.fill(new Ellipse2D.Double(x(bar[0], axisMax) - 3, y(death, axisMax) - 3, 6, 6));
            }
        }
        drawLabels(g, diagram, axisMax);
    }

    private static void drawLabels(Graphics2D g, Diagram diagram, double axisMax) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0x222222));
        String title = diagram.cloud() + ", " + (diagram.epoch() < 0 ? "run level"
                : "epoch " + diagram.epoch()) + " (" + diagram.bars() + " bars)";
        g.drawString(title, MARGIN, 20);
        g.drawString("birth (Euclidean distance)", SIZE / 2 - 70, SIZE - 14);
        g.drawString("0", MARGIN - 4, SIZE - MARGIN + 16);
        g.drawString(String.format(Locale.ROOT, "%.3g", axisMax), SIZE - MARGIN - 30,
                SIZE - MARGIN + 16);
        g.drawString("death", 8, MARGIN + 12);
        g.drawString("\u221e", MARGIN - 16, (int) y(axisMax / 1.05, axisMax) + 4);
        int legendX = MARGIN + 10;
        for (Integer dimension : diagram.dimensions().keySet()) {
            g.setColor(DIMENSION_COLOURS[Math.floorMod(dimension, DIMENSION_COLOURS.length)]);
            g.fillOval(legendX, MARGIN - 18, 8, 8);
            g.setColor(new Color(0x222222));
            g.drawString("H" + dimension, legendX + 11, MARGIN - 10);
            legendX += 44;
        }
    }

    private static double x(double value, double axisMax) {
        return MARGIN + value / axisMax * (SIZE - 2 * MARGIN);
    }

    private static double y(double value, double axisMax) {
        return SIZE - MARGIN - value / axisMax * (SIZE - 2 * MARGIN);
    }
}
