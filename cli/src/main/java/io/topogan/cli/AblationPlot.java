package io.topogan.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the entropy ablation as a PNG with three panels sharing the n_perm axis: entropy per
 * dimension, |dE/dn| per dimension with the epsilon line and the optima, and compute time.
 */
final class AblationPlot {

    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40)};

    private AblationPlot() {
    }

    static void write(EntropyAblationCommand.Ablation ablation, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image =
                new BufferedImage(WIDTH, 3 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, 3 * PANEL_HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

            int dims = ablation.entropy().length;
            String[] labels = new String[dims];
            for (int dim = 0; dim < dims; dim++) {
                labels[dim] = "H" + dim;
            }
            double[] xs = new double[ablation.nPerm().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = ablation.nPerm()[i];
            }
            drawPanel(g, 0, "Persistent entropy (normalised)", "entropy", xs,
                    ablation.entropy(), labels, Double.NaN, null);
            int[] optima = new int[dims];
            for (int dim = 0; dim < dims; dim++) {
                optima[dim] = ablation.optimum(dim);
            }
            drawPanel(g, PANEL_HEIGHT, "|dE/dn| (dashed: epsilon " + ablation.epsilon()
                    + ", dotted: optimal n_perm)", "|dE/dn|", xs, ablation.derivative(), labels,
                    ablation.epsilon(), optima);
            drawPanel(g, 2 * PANEL_HEIGHT, "Compute time", "seconds", xs,
                    new double[][] {ablation.seconds()}, new String[] {"time"}, Double.NaN,
                    null);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }

    private static void drawPanel(Graphics2D g, int top, String title, String yLabel,
            double[] xs, double[][] series, String[] labels, double horizontalLine,
            int[] optima) {
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = top + PANEL_HEIGHT - BOTTOM;
        int y1 = top + TOP;
        double xMin = xs[0];
        double xMax = xs.length > 1 ? xs[xs.length - 1] : xs[0] + 1;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] values : series) {
            for (double value : values) {
                if (Double.isFinite(value)) {
                    yMin = Math.min(yMin, value);
                    yMax = Math.max(yMax, value);
                }
            }
        }
        if (Double.isFinite(horizontalLine)) {
            yMin = Math.min(yMin, horizontalLine);
            yMax = Math.max(yMax, horizontalLine);
        }
        if (!(yMin <= yMax)) {
            yMin = 0;
            yMax = 1;
        }
        yMin = Math.min(yMin, 0);
        if (yMax == yMin) {
            yMax = yMin + 1;
        }
        yMax += 0.05 * (yMax - yMin);
        Scale scale = new Scale(x0, x1, y0, y1, xMin, xMax, yMin, yMax);

        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(title, x0, top + 22);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        g.drawRect(x0, y1, x1 - x0, y0 - y1);
        FontMetrics metrics = g.getFontMetrics();
        for (int tick = 0; tick <= 5; tick++) {
            double x = xMin + tick * (xMax - xMin) / 5;
            int px = scale.x(x);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(px, y0, px, y1);
            g.setColor(Color.BLACK);
            String text = String.format(Locale.ROOT, "%.0f", x);
            g.drawString(text, px - metrics.stringWidth(text) / 2, y0 + 16);
            double y = yMin + tick * (yMax - yMin) / 5;
            int py = scale.y(y);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x0, py, x1, py);
            g.setColor(Color.BLACK);
            text = String.format(Locale.ROOT, "%.3g", y);
            g.drawString(text, x0 - 6 - metrics.stringWidth(text), py + 4);
        }
        g.drawString("n_perm", (x0 + x1) / 2 - metrics.stringWidth("n_perm") / 2, y0 + 36);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, 20, (y0 + y1) / 2.0);
        g.drawString(yLabel, 20 - metrics.stringWidth(yLabel) / 2, (y0 + y1) / 2 + 4);
        g.setTransform(saved);

        if (Double.isFinite(horizontalLine)) {
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            g.drawLine(x0, scale.y(horizontalLine), x1, scale.y(horizontalLine));
        }
        for (int s = 0; s < series.length; s++) {
            Color color = COLORS[s % COLORS.length];
            g.setColor(color);
            if (optima != null && optima[s] >= 0) {
                g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, new float[] {2f, 3f}, 0f));
                g.drawLine(scale.x(optima[s]), y0, scale.x(optima[s]), y1);
            }
            g.setStroke(new BasicStroke(2f));
            Path2D line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < xs.length; i++) {
                double value = series[s][i];
                if (!Double.isFinite(value)) {
                    started = false;
                    continue;
                }
                if (started) {
                    line.lineTo(scale.x(xs[i]), scale.y(value));
                } else {
                    line.moveTo(scale.x(xs[i]), scale.y(value));
                    started = true;
                }
                g.fillOval(scale.x(xs[i]) - 2, scale.y(value) - 2, 5, 5);
            }
            g.draw(line);
            int legendY = y1 + 16 + 18 * s;
            g.drawLine(x1 - 70, legendY - 4, x1 - 50, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(labels[s], x1 - 44, legendY);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Maps data coordinates to pixels of one panel. */
    private record Scale(int x0, int x1, int y0, int y1, double xMin, double xMax, double yMin,
            double yMax) {

        int x(double value) {
            return (int) Math.round(x0 + (value - xMin) / (xMax - xMin) * (x1 - x0));
        }

        int y(double value) {
            return (int) Math.round(y0 - (value - yMin) / (yMax - yMin) * (y0 - y1));
        }
    }
}
