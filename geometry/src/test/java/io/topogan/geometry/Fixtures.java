package io.topogan.geometry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CSV fixtures written by {@code src/test/python/make_fixtures.py}: comma-separated
 * numbers, one row per line, no header.
 */
final class Fixtures {

    /** Point clouds with fixtures, as named in the file names. */
    static final List<String> CLOUDS =
            List.of("gaussian5in50", "swissroll", "circle10", "duplicates", "grid");

    private Fixtures() {
    }

    static float[][] points(String cloud) {
        List<String[]> rows = read(cloud + "-points.csv");
        float[][] points = new float[rows.size()][];
        for (int i = 0; i < points.length; i++) {
            String[] fields = rows.get(i);
            points[i] = new float[fields.length];
            for (int c = 0; c < fields.length; c++) {
                points[i][c] = Float.parseFloat(fields[c]);
            }
        }
        return points;
    }

    static int[][] neighborIndices(String cloud) {
        List<String[]> rows = read(cloud + "-knn-indices.csv");
        int[][] indices = new int[rows.size()][];
        for (int i = 0; i < indices.length; i++) {
            String[] fields = rows.get(i);
            indices[i] = new int[fields.length];
            for (int j = 0; j < fields.length; j++) {
                indices[i][j] = Integer.parseInt(fields[j]);
            }
        }
        return indices;
    }

    static double[][] neighborDistances(String cloud) {
        List<String[]> rows = read(cloud + "-knn-distances.csv");
        double[][] distances = new double[rows.size()][];
        for (int i = 0; i < distances.length; i++) {
            String[] fields = rows.get(i);
            distances[i] = new double[fields.length];
            for (int j = 0; j < fields.length; j++) {
                distances[i][j] = Double.parseDouble(fields[j]);
            }
        }
        return distances;
    }

    /** Estimates by name; Python writes undefined values as {@code nan}. */
    static Map<String, Double> estimates(String cloud) {
        Map<String, Double> estimates = new LinkedHashMap<>();
        for (String[] fields : read(cloud + "-estimates.csv")) {
            double value = fields[1].equals("nan") ? Double.NaN : Double.parseDouble(fields[1]);
            estimates.put(fields[0], value);
        }
        return estimates;
    }

    private static List<String[]> read(String name) {
        try (InputStream stream = Fixtures.class.getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("fixture " + name + " not found on the test"
                        + " classpath: run src/test/python/make_fixtures.py");
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }
}
