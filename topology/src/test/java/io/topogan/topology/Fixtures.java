package io.topogan.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the fixture files written by src/test/python/make_ripser_fixtures.py. */
final class Fixtures {

    private Fixtures() {
    }

    static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + resource + " not found; run "
                        + "src/test/python/make_ripser_fixtures.py to create it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a TSV file without its header line. */
    static List<String[]> table(String resource) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = read(resource).split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(lines[i].split("\t"));
            }
        }
        return rows;
    }

    /** Comma-separated numbers, one row per line. */
    static double[][] numbers(String resource) {
        String[] lines = read(resource).split("\n");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            double[] row = new double[fields.length];
            for (int k = 0; k < fields.length; k++) {
                row[k] = Float.parseFloat(fields[k].trim());
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    /** Point cloud of a fixture: float text, or pixel bytes scaled to [-1, 1] in float. */
    static float[][] points(String resource, String format) {
        double[][] rows = numbers(resource);
        float[][] points = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            points[i] = new float[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                float value = (float) rows[i][k];
                points[i][k] = format.equals("image-bytes") ? value / 127.5f - 1f : value;
            }
        }
        return points;
    }

    /** Lower-distance text: line i holds d(i, 0..i-1), starting with point 1. */
    static DistanceMatrix lowerDistance(String resource) {
        double[][] lines = numbers(resource);
        double[][] rows = new double[lines.length + 1][];
        rows[0] = new double[0];
        System.arraycopy(lines, 0, rows, 1, lines.length);
        return DistanceMatrix.fromRows(rows);
    }
}
