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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws ablation plots as PNG files: panels stacked vertically that share one x axis, each with
 * lines, optional bands (for example mean +- one standard deviation), an optional dashed
 * horizontal line and dotted vertical marks. The entropy ablation has three panels sharing the
 * n_perm axis: entropy per dimension, |dE/dn| per dimension with the epsilon line and the optima,
 * and compute time.
 */
final class AblationPlot {

    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** Above this many x values the axis gets 5 evenly spaced ticks instead of one per value. */
    private static final int MAX_TICK_PER_VALUE = 12;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40)};

    /**
     * One line of a panel. NaN values leave a gap.
     *
     * @param label legend text
     * @param values one value per x
     * @param lower lower edge of the band drawn around the line, or null for no band
     * @param upper upper edge of the band, or null
     * @param mark x of a dotted vertical line in the colour of the series, or NaN for none
     */
    record Series(String label, double[] values, double[] lower, double[] upper, double mark) {

        /** Returns a plain line without band or mark. */
        static Series line(String label, double[] values) {
            return new Series(label, values, null, null, Double.NaN);
        }
    }

    /**
     * One panel.
     *
     * @param title text above the panel
     * @param xLabel name of the shared x axis
     * @param yLabel name of the y axis
     * @param xs x values, increasing
     * @param series the lines
     * @param horizontalLine y of a dashed reference line, or NaN for none
     * @param includeZero whether the y axis starts at 0 or below
     */
    record Panel(String title, String xLabel, String yLabel, double[] xs, List<Series> series,
            double horizontalLine, boolean includeZero) {
    }

    private AblationPlot() {
    }

    static void write(EntropyAblationCommand.Ablation ablation, Path file) throws IOException {
        int dims = ablation.entropy().length;
        double[] xs = new double[ablation.nPerm().length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = ablation.nPerm()[i];
        }
        List<Series> entropy = new ArrayList<>();
        List<Series> derivative = new ArrayList<>();
        for (int dim = 0; dim < dims; dim++) {
            int optimum = ablation.optimum(dim);
            entropy.add(Series.line("H" + dim, ablation.entropy()[dim]));
            derivative.add(new Series("H" + dim, ablation.derivative()[dim], null, null,
                    optimum >= 0 ? optimum : Double.NaN));
        }
        write(file, List.of(
                new Panel("Persistent entropy (normalised)", "n_perm", "entropy", xs, entropy,
                        Double.NaN, true),
                new Panel("|dE/dn| (dashed: epsilon " + ablation.epsilon()
                        + ", dotted: optimal n_perm)", "n_perm", "|dE/dn|", xs, derivative,
                        ablation.epsilon(), true),
                new Panel("Compute time", "n_perm", "seconds", xs,
                        List.of(Series.line("time", ablation.seconds())), Double.NaN, true)));
    }

    /** Writes the panels, 900 pixels wide and 300 high each, as a PNG file. */
    static void write(Path file, List<Panel> panels) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int height = panels.size() * PANEL_HEIGHT;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int p = 0; p < panels.size(); p++) {
                drawPanel(g, p * PANEL_HEIGHT, panels.get(p));
            }
        } finally {
            g.dispose();
        }
        Charts.write(image, file);
    }

    private static void drawPanel(Graphics2D g, int top, Panel panel) {
        double[] xs = panel.xs();
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = top + PANEL_HEIGHT - BOTTOM;
        int y1 = top + TOP;
        double xMin = xs[0];
        double xMax = xs.length > 1 ? xs[xs.length - 1] : xs[0] + 1;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series series : panel.series()) {
            for (double[] values : new double[][] {series.values(), series.lower(),
                    series.upper()}) {
                for (double value : values == null ? new double[0] : values) {
                    if (Double.isFinite(value)) {
                        yMin = Math.min(yMin, value);
                        yMax = Math.max(yMax, value);
                    }
                }
            }
        }
        double horizontalLine = panel.horizontalLine();
        if (Double.isFinite(horizontalLine)) {
            yMin = Math.min(yMin, horizontalLine);
            yMax = Math.max(yMax, horizontalLine);
        }
        if (!(yMin <= yMax)) {
            yMin = 0;
            yMax = 1;
        }
        if (panel.includeZero()) {
            yMin = Math.min(yMin, 0);
        }
        if (yMax == yMin) {
            yMax = yMin + 1;
        }
        double margin = 0.05 * (yMax - yMin);
        yMax += margin;
        if (!panel.includeZero()) {
            yMin -= margin;
        }
        Scale scale = new Scale(x0, x1, y0, y1, xMin, xMax, yMin, yMax);
        drawAxes(g, top, panel, scale);

        if (Double.isFinite(horizontalLine)) {
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            g.drawLine(x0, scale.y(horizontalLine), x1, scale.y(horizontalLine));
        }
        for (int s = 0; s < panel.series().size(); s++) {
            drawSeries(g, panel.series().get(s), COLORS[s % COLORS.length], xs, scale);
            int legendY = y1 + 16 + 18 * s;
            g.setColor(COLORS[s % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x1 - 150, legendY - 4, x1 - 130, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(panel.series().get(s).label(), x1 - 124, legendY);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawAxes(Graphics2D g, int top, Panel panel, Scale scale) {
        double[] xs = panel.xs();
        int x0 = scale.x0();
        int x1 = scale.x1();
        int y0 = scale.y0();
        int y1 = scale.y1();
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(panel.title(), x0, top + 22);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        g.drawRect(x0, y1, x1 - x0, y0 - y1);
        FontMetrics metrics = g.getFontMetrics();
        for (double x : xTicks(xs, scale.xMin(), scale.xMax())) {
            int px = scale.x(x);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(px, y0, px, y1);
            g.setColor(Color.BLACK);
            String text = String.format(Locale.ROOT, "%.0f", x);
            g.drawString(text, px - metrics.stringWidth(text) / 2, y0 + 16);
        }
        for (int tick = 0; tick <= 5; tick++) {
            double y = scale.yMin() + tick * (scale.yMax() - scale.yMin()) / 5;
            int py = scale.y(y);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x0, py, x1, py);
            g.setColor(Color.BLACK);
            String text = String.format(Locale.ROOT, "%.3g", y);
            g.drawString(text, x0 - 6 - metrics.stringWidth(text), py + 4);
        }
        String xLabel = panel.xLabel();
        g.drawString(xLabel, (x0 + x1) / 2 - metrics.stringWidth(xLabel) / 2, y0 + 36);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, 20, (y0 + y1) / 2.0);
        g.drawString(panel.yLabel(), 20 - metrics.stringWidth(panel.yLabel()) / 2,
                (y0 + y1) / 2 + 4);
        g.setTransform(saved);
    }

    /**
     * Returns one tick per x value when there are few, else 5 even steps, rounded to integers
     * when every x is an integer so that no label shows a rounded position.
     */
    private static double[] xTicks(double[] xs, double xMin, double xMax) {
        boolean integers = true;
        for (double x : xs) {
            integers &= x == Math.rint(x);
        }
        if (xs.length <= MAX_TICK_PER_VALUE) {
            return xs.clone();
        }
        double[] ticks = new double[6];
        for (int tick = 0; tick <= 5; tick++) {
            double x = xMin + tick * (xMax - xMin) / 5;
            ticks[tick] = integers ? Math.rint(x) : x;
        }
        return ticks;
    }

    private static void drawSeries(Graphics2D g, Series series, Color color, double[] xs,
            Scale scale) {
        if (series.lower() != null && series.upper() != null) {
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
            for (int i = 0; i + 1 < xs.length; i++) {
                double[] lower = series.lower();
                double[] upper = series.upper();
                if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])
                        && Double.isFinite(lower[i + 1]) && Double.isFinite(upper[i + 1])) {
                    Path2D band = new Path2D.Double();
                    band.moveTo(scale.x(xs[i]), scale.y(upper[i]));
                    band.lineTo(scale.x(xs[i + 1]), scale.y(upper[i + 1]));
                    band.lineTo(scale.x(xs[i + 1]), scale.y(lower[i + 1]));
                    band.lineTo(scale.x(xs[i]), scale.y(lower[i]));
                    band.closePath();
                    g.fill(band);
                }
            }
        }
        g.setColor(color);
        if (Double.isFinite(series.mark())) {
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {2f, 3f}, 0f));
            g.drawLine(scale.x(series.mark()), scale.y0(), scale.x(series.mark()), scale.y1());
        }
        g.setStroke(new BasicStroke(2f));
        Path2D line = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < xs.length; i++) {
            double value = series.values()[i];
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
