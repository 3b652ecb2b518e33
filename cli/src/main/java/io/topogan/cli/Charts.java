package io.topogan.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the experiment figures as PNG files with Java2D: panels of line charts that share an
 * epoch axis, and heat maps of a value per layer and epoch.
 */
final class Charts {

    /** Colours of successive series, distinguishable in print and for common colour blindness. */
    static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0),
        new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0),
        new Color(86, 180, 233), new Color(0, 0, 0)};

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private Charts() {
    }

    /**
     * One line of a chart. NaN values leave a gap.
     *
     * @param label legend text
     * @param xs x coordinates, increasing
     * @param ys y values, NaN where there is none
     * @param dashed whether to draw the line dashed and without markers (reference levels)
     * @param color line colour
     */
    record Series(String label, double[] xs, double[] ys, boolean dashed, Color color) {
    }

    /** One chart: a title, an x-axis label and its lines. */
    record Panel(String title, String xLabel, List<Series> series) {
    }

    /**
     * One heat map: {@code values[row][column]}, NaN where there is none.
     *
     * @param title what the colour shows
     * @param rowLabels one label per row, drawn at the left
     * @param columns the x value of each column
     */
    record HeatMap(String title, String[] rowLabels, double[] columns, double[][] values) {
    }

    /** Writes panels in a grid of {@code columns} columns, each {@code width} x {@code height}. */
    static void writePanels(Path file, List<Panel> panels, int columns, int width, int height)
            throws IOException {
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage image = canvas(columns * width, rows * height);
        Graphics2D g = graphics(image);
        try {
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), (i % columns) * width, (i / columns) * height, width,
                        height);
            }
        } finally {
            g.dispose();
        }
        write(image, file);
    }

    /** Writes heat maps side by side, each {@code width} x {@code height}. */
    static void writeHeatMaps(Path file, List<HeatMap> maps, int width, int height)
            throws IOException {
        BufferedImage image = canvas(maps.size() * width, height);
        Graphics2D g = graphics(image);
        try {
            for (int i = 0; i < maps.size(); i++) {
                drawHeatMap(g, maps.get(i), i * width, 0, width, height);
            }
        } finally {
            g.dispose();
        }
        write(image, file);
    }

    private static BufferedImage canvas(int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** Encodes the image as PNG and writes it, with an error that names the file. */
    static void write(BufferedImage image, Path file) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available for " + file);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e, e);
        }
    }

    private static void drawPanel(Graphics2D g, Panel panel, int x0, int y0, int width,
            int height) {
        int left = x0 + 70;
        int right = x0 + width - 20;
        int top = y0 + 36;
        int bottom = y0 + height - 70;
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        g.drawString(panel.title(), left, y0 + 22);
        g.setFont(FONT);

        double[] xRange = range(panel.series(), true);
        double[] yRange = range(panel.series(), false);
        if (xRange == null || yRange == null) {
            g.drawString("no values", left + 10, (top + bottom) / 2);
            return;
        }
        if (!Double.isFinite(xRange[1] - xRange[0]) || !Double.isFinite(yRange[1] - yRange[0])) {
            g.drawString("values too large to draw; see the CSV", left + 10, (top + bottom) / 2);
            return;
        }
        double[] xTicks = ticks(xRange[0], xRange[1], 6, true);
        double[] yTicks = ticks(yRange[0], yRange[1], 5, false);
        double xMin = Math.min(xRange[0], xTicks[0]);
        double xMax = Math.max(xRange[1], xTicks[xTicks.length - 1]);
        double yMin = Math.min(yRange[0], yTicks[0]);
        double yMax = Math.max(yRange[1], yTicks[yTicks.length - 1]);

        FontMetrics metrics = g.getFontMetrics();
        g.setColor(new Color(225, 225, 225));
        for (double tick : yTicks) {
            int y = scale(tick, yMin, yMax, bottom, top);
            g.drawLine(left, y, right, y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, right - left, bottom - top);
        for (double tick : yTicks) {
            int y = scale(tick, yMin, yMax, bottom, top);
            String text = format(tick, yTicks[1] - yTicks[0]);
            g.drawString(text, left - 6 - metrics.stringWidth(text), y + 4);
        }
        for (double tick : xTicks) {
            int x = scale(tick, xMin, xMax, left, right);
            g.drawLine(x, bottom, x, bottom + 4);
            String text = format(tick, xTicks[1] - xTicks[0]);
            g.drawString(text, x - metrics.stringWidth(text) / 2, bottom + 18);
        }
        g.drawString(panel.xLabel(), (left + right - metrics.stringWidth(panel.xLabel())) / 2,
                bottom + 34);

        int legendX = left;
        int legendY = bottom + 54;
        for (Series series : panel.series()) {
            g.setColor(series.color());
            g.setStroke(stroke(series.dashed()));
            Path2D.Double line = new Path2D.Double();
            boolean drawing = false;
            for (int i = 0; i < series.xs().length; i++) {
                double value = series.ys()[i];
                if (Double.isNaN(value)) {
                    drawing = false;
                    continue;
                }
                int x = scale(series.xs()[i], xMin, xMax, left, right);
                int y = scale(value, yMin, yMax, bottom, top);
                if (drawing) {
                    line.lineTo(x, y);
                } else {
                    line.moveTo(x, y);
                    drawing = true;
                }
                if (!series.dashed()) {
                    g.fillOval(x - 3, y - 3, 6, 6);
                }
            }
            g.draw(line);
            g.drawLine(legendX, legendY - 4, legendX + 22, legendY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(series.label(), legendX + 27, legendY);
            legendX += 40 + metrics.stringWidth(series.label());
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawHeatMap(Graphics2D g, HeatMap map, int x0, int y0, int width,
            int height) {
        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        g.drawString(map.title(), x0 + 140, y0 + 22);
        g.setFont(FONT);
        FontMetrics metrics = g.getFontMetrics();
        int left = x0 + 140;
        int right = x0 + width - 70;
        int top = y0 + 36;
        int bottom = y0 + height - 40;
        int rows = map.rowLabels().length;
        int columns = map.columns().length;
        if (rows == 0 || columns == 0) {
            g.drawString("no values", left + 10, (top + bottom) / 2);
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : map.values()) {
            for (double value : row) {
                if (!Double.isNaN(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        double cellWidth = (right - left) / (double) columns;
        double cellHeight = (bottom - top) / (double) rows;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double value = map.values()[r][c];
                int x = (int) Math.round(left + c * cellWidth);
                int y = (int) Math.round(top + r * cellHeight);
                int w = (int) Math.round(left + (c + 1) * cellWidth) - x;
                int h = (int) Math.round(top + (r + 1) * cellHeight) - y;
                g.setColor(Double.isNaN(value) ? new Color(240, 240, 240)
                        : colorMap(max > min ? (value - min) / (max - min) : 0.5));
                g.fillRect(x, y, w, h);
            }
            g.setColor(Color.BLACK);
            String label = map.rowLabels()[r];
            g.drawString(label, left - 6 - metrics.stringWidth(label),
                    (int) (top + (r + 0.5) * cellHeight) + 4);
        }
        int step = Math.max(1, columns / 10);
        for (int c = 0; c < columns; c += step) {
            String text = format(map.columns()[c]);
            int x = (int) (left + (c + 0.5) * cellWidth);
            g.drawString(text, x - metrics.stringWidth(text) / 2, bottom + 16);
        }
        g.drawString("epoch", (left + right) / 2 - 15, bottom + 32);
        if (min <= max) {
            int barLeft = right + 12;
            for (int y = top; y < bottom; y++) {
                g.setColor(colorMap(1 - (y - top) / (double) (bottom - top)));
                g.drawLine(barLeft, y, barLeft + 12, y);
            }
            g.setColor(Color.BLACK);
            g.drawString(format(max), barLeft, top - 4);
            g.drawString(format(min), barLeft, bottom + 14);
        }
    }

    /** Returns the colour of t in [0, 1] on a perceptually ordered blue-green-yellow scale. */
    private static Color colorMap(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98},
            {253, 231, 37}};
        double position = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) position);
        double f = position - i;
        return new Color((int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    private static BasicStroke stroke(boolean dashed) {
        return dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(2f);
    }

    private static double[] range(List<Series> series, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                if (Double.isNaN(s.ys()[i])) {
                    continue;
                }
                double value = x ? s.xs()[i] : s.ys()[i];
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            return null;
        }
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }

    /**
     * Returns about {@code count} round tick values that cover [min, max], whole numbers when
     * {@code integers} is set.
     */
    static double[] ticks(double min, double max, int count, boolean integers) {
        double span = max - min;
        double raw = span / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        if (integers) {
            magnitude = Math.max(1, magnitude);
        }
        double step = magnitude;
        double[] factors = integers ? new double[] {1, 2, 5, 10} : new double[] {1, 2, 2.5, 5, 10};
        for (double factor : factors) {
            step = factor * magnitude;
            if (span / step <= count) {
                break;
            }
        }
        double first = Math.floor(min / step) * step;
        double last = Math.ceil(max / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    private static int scale(double value, double min, double max, int from, int to) {
        return (int) Math.round(from + (value - min) / (max - min) * (to - from));
    }

    /** Formats a tick value with as many decimals as the tick step needs. */
    private static String format(double value, double step) {
        int decimals = 0;
        while (decimals < 8 && Math.abs(step * Math.pow(10, decimals)
                - Math.rint(step * Math.pow(10, decimals))) > 1e-9 * Math.pow(10, decimals)) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
