package io.topogan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.geometry.FrechetDistance;
import io.topogan.geometry.GaussianStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the libtorch statistics and distance against the pure-Java geometry code and against
 * the scipy fixtures of the geometry module (copied to {@code linalg/}), which
 * {@code geometry/src/test/python/make_frechet_fixtures.py} wrote. {@code singular64} has 40
 * samples in 64 dimensions, so its covariance is singular and the module takes its eigenvalue
 * branch instead of the Cholesky factor.
 */
class TorchLinearAlgebraTest {

    private static final double RELATIVE_TOLERANCE = 1e-6;

    @TempDir
    static Path folder;

    private static TorchLinearAlgebra linearAlgebra;

    @BeforeAll
    static void load() throws IOException {
        linearAlgebra = TorchLinearAlgebra.load(folder);
    }

    @AfterAll
    static void close() {
        linearAlgebra.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian64", "close64", "singular64"})
    void distanceMatchesScipyAndJava(String name) throws IOException {
        float[][] a = readCsv(name + "-a.csv");
        float[][] b = readCsv(name + "-b.csv");
        double expected = expectedValues(name).get("frechet_distance");

        GaussianStatistics torchA = linearAlgebra.statistics(a);
        GaussianStatistics torchB = linearAlgebra.statistics(b);
        double torchDistance = linearAlgebra.distance(torchA, torchB);
        double javaDistance = FrechetDistance.between(a, b);

        assertRelative(expected, torchDistance, name + " libtorch against scipy");
        assertRelative(javaDistance, torchDistance, name + " libtorch against Java");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian64", "singular64"})
    void statisticsMatchJava(String name) throws IOException {
        float[][] a = readCsv(name + "-a.csv");
        GaussianStatistics java = GaussianStatistics.of(a);

        GaussianStatistics torch = linearAlgebra.statistics(a);

        assertEquals(java.samples(), torch.samples());
        int d = java.dimension();
        assertEquals(d, torch.dimension());
        for (int i = 0; i < d; i++) {
            assertEquals(java.mean()[i], torch.mean()[i], 1e-12, "mean " + i);
            for (int j = 0; j < d; j++) {
                assertEquals(java.covariance()[i][j], torch.covariance()[i][j], 1e-12,
                        "covariance " + i + ", " + j);
            }
        }
    }

    @Test
    void identicalStatisticsGiveZero() throws IOException {
        GaussianStatistics a = linearAlgebra.statistics(readCsv("gaussian64-a.csv"));

        double distance = linearAlgebra.distance(a, a);

        assertTrue(distance >= 0, "distance " + distance);
        assertTrue(distance < 1e-9, "distance " + distance);
    }

    @Test
    void rejectsInvalidInput() {
        assertThrows(IllegalArgumentException.class,
                () -> linearAlgebra.statistics(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> linearAlgebra.statistics(new float[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class,
                () -> linearAlgebra.statistics(new float[][] {{1, Float.NaN}, {3, 4}}));
        GaussianStatistics two = linearAlgebra.statistics(new float[][] {{1, 2}, {3, 5}});
        GaussianStatistics three = linearAlgebra.statistics(
                new float[][] {{1, 2, 3}, {3, 5, 7}});
        assertThrows(IllegalArgumentException.class, () -> linearAlgebra.distance(two, three));
    }

    static void assertRelative(double expected, double actual, String what) {
        double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(error <= RELATIVE_TOLERANCE, what + ": expected " + expected + ", got "
                + actual + ", relative error " + error);
    }

    private static Map<String, Double> expectedValues(String name) throws IOException {
        Map<String, Double> values = new HashMap<>();
        for (String line : text(name + "-expected.csv").split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.split(",");
                values.put(fields[0].trim(), Double.parseDouble(fields[1].trim()));
            }
        }
        return values;
    }

    private static float[][] readCsv(String name) throws IOException {
        String[] lines = text(name).strip().split("\n");
        float[][] rows = new float[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            String[] fields = lines[i].split(",");
            rows[i] = new float[fields.length];
            for (int j = 0; j < fields.length; j++) {
                rows[i][j] = (float) Double.parseDouble(fields[j].trim());
            }
        }
        return rows;
    }

    private static String text(String name) throws IOException {
        try (InputStream in = TorchLinearAlgebraTest.class.getResourceAsStream(
                "/linalg/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource linalg/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
