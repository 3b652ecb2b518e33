package io.topogan.geometry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the per-k and anchor fixtures written by {@code src/test/python/make_mle_fixtures.py}.
 */
final class MleFixtures {

    /** One line of a {@code -mle-by-k.csv} file; NaN where the estimate is undefined. */
    record ByK(int k, double mle, double invMle) {
    }

    private MleFixtures() {
    }

    static List<ByK> mleByK(String cloud) {
        return readByK(cloud + "-mle-by-k.csv");
    }

    static List<ByK> anchorMleByK(String cloud) {
        return readByK(cloud + "-anchor-mle-by-k.csv");
    }

    static int[] anchorRows(String cloud) {
        String[] fields = read(cloud + "-anchor-rows.csv").get(0);
        int[] rows = new int[fields.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Integer.parseInt(fields[i]);
        }
        return rows;
    }

    private static List<ByK> readByK(String name) {
        List<ByK> rows = new ArrayList<>();
        for (String[] fields : read(name)) {
            rows.add(new ByK(Integer.parseInt(fields[0]), parse(fields[1]), parse(fields[2])));
        }
        return rows;
    }

    private static double parse(String field) {
        return field.equals("nan") ? Double.NaN : Double.parseDouble(field);
    }

    private static List<String[]> read(String name) {
        try (InputStream stream = MleFixtures.class.getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("fixture " + name + " not found on the test"
                        + " classpath: run src/test/python/make_mle_fixtures.py");
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(stream.readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n")) {
                if (!line.isBlank()) {
                    rows.add(line.strip().split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }
}
