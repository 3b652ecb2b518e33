package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks against the values of {@code src/test/python/make_frechet_fixtures.py}. */
class FrechetDistanceTest {

    private static final double RELATIVE_TOLERANCE = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"gaussian64", "close64", "singular64"})
    void matchesScipySqrtm(String name) {
        Map<String, Double> expected = expectedValues(name);
        GaussianStatistics a = GaussianStatistics.of(toFloat(readCsv(name + "-a.csv")));
        GaussianStatistics b = GaussianStatistics.of(toFloat(readCsv(name + "-b.csv")));

        double traceA = 0;
        for (int i = 0; i < a.dimension(); i++) {
            traceA += a.covariance()[i][i];
        }
        assertRelative(expected.get("trace_a"), traceA, name + " trace of covariance a");
        assertRelative(expected.get("trace_sqrt"),
                FrechetDistance.traceSqrtProduct(a.covariance(), b.covariance()),
                name + " trace of the square root");
        assertRelative(expected.get("frechet_distance"), FrechetDistance.between(a, b),
                name + " Fréchet distance");
    }

    @Test
    void identicalSetsHaveZeroDistance() {
        float[][] features = toFloat(readCsv("gaussian64-a.csv"));
        GaussianStatistics statistics = GaussianStatistics.of(features);
        double trace = 0;
        for (int i = 0; i < statistics.dimension(); i++) {
            trace += statistics.covariance()[i][i];
        }

        double distance = FrechetDistance.between(features, features);

        assertTrue(distance < 1e-9 * trace, "distance " + distance + " for equal sets");
    }

    @Test
    void oneDimensionMatchesClosedForm() {
        // For d = 1 the distance is (m1 - m2)^2 + (s1 - s2)^2 with standard deviations s.
        float[][] a = {{1}, {2}, {4}};
        float[][] b = {{0}, {5}, {10}, {-3}};
        double[] meanAndVarianceA = meanAndVariance(a);
        double[] meanAndVarianceB = meanAndVariance(b);
        double expected = Math.pow(meanAndVarianceA[0] - meanAndVarianceB[0], 2)
                + Math.pow(Math.sqrt(meanAndVarianceA[1]) - Math.sqrt(meanAndVarianceB[1]), 2);

        assertRelative(expected, FrechetDistance.between(a, b), "1-d distance");
    }

    @Test
    void zeroCovarianceGivesMeanTermOnly() {
        float[][] a = {{1, 2}, {1, 2}};
        float[][] b = {{4, 6}, {4, 6}};

        assertEquals(25.0, FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void traceIsSymmetricInItsArguments() {
        Random random = new Random(7);
        float[][] a = randomFeatures(random, 80, 30);
        float[][] b = randomFeatures(random, 60, 30);
        GaussianStatistics statisticsA = GaussianStatistics.of(a);
        GaussianStatistics statisticsB = GaussianStatistics.of(b);

        double forward = FrechetDistance.traceSqrtProduct(statisticsA.covariance(),
                statisticsB.covariance());
        double backward = FrechetDistance.traceSqrtProduct(statisticsB.covariance(),
                statisticsA.covariance());

        assertRelative(forward, backward, "Tr sqrt(S1 S2) against Tr sqrt(S2 S1)");
    }

    @Test
    void rejectsInvalidInput() {
        float[][] ragged = {{1, 2}, {3}};
        float[][] withNaN = {{1, 2}, {Float.NaN, 0}};
        float[][] oneRow = {{1, 2}};
        float[][] valid = {{1, 2}, {3, 4}};
        float[][] otherDimension = {{1, 2, 3}, {3, 4, 5}};

        assertThrows(IllegalArgumentException.class, () -> GaussianStatistics.of(ragged));
        assertThrows(IllegalArgumentException.class, () -> GaussianStatistics.of(withNaN));
        assertThrows(IllegalArgumentException.class, () -> GaussianStatistics.of(oneRow));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(valid, otherDimension));
    }

    @Test
    void eigenvaluesMatchNumpy() {
        double[][] matrix = readCsv("symmetric-50.csv");
        double[][] expected = readCsv("symmetric-50-eigenvalues.csv");

        double[] eigenvalues = SymmetricEigenvalues.of(matrix);

        assertEquals(expected.length, eigenvalues.length);
        for (int i = 0; i < eigenvalues.length; i++) {
            assertEquals(expected[i][0], eigenvalues[i], 1e-12, "eigenvalue " + i);
        }
    }

    @Test
    void eigenvaluesOfSecondDifferenceMatrix() {
        // tridiag(-1, 2, -1) of size n has eigenvalues 2 - 2 cos(k pi / (n + 1)); n = 400 takes
        // the multi-threaded path. The matrix is stored as a dense lower triangle.
        int n = 400;
        double[][] lower = new double[n][];
        for (int i = 0; i < n; i++) {
            lower[i] = new double[i + 1];
            lower[i][i] = 2;
            if (i > 0) {
                lower[i][i - 1] = -1;
            }
        }
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }

        assertArrayEquals(expected, SymmetricEigenvalues.of(lower), 1e-12);
    }

    @Test
    void eigenvaluesOfRotatedDiagonalMatrix() {
        // Q diag(values) Q^T with a random orthogonal Q from Gram-Schmidt, size 260.
        int n = 260;
        Random random = new Random(11);
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = random.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double projection = 0;
                for (int j = 0; j < n; j++) {
                    projection += q[i][j] * q[p][j];
                }
                for (int j = 0; j < n; j++) {
                    q[i][j] -= projection * q[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i][j] * q[i][j];
            }
            for (int j = 0; j < n; j++) {
                q[i][j] /= Math.sqrt(norm);
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < 10 ? 3.0 : i - 100.5;
        }
        double[][] lower = new double[n][];
        for (int i = 0; i < n; i++) {
            lower[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += q[k][i] * values[k] * q[k][j];
                }
                lower[i][j] = sum;
            }
        }
        double[] expected = values.clone();
        java.util.Arrays.sort(expected);

        assertArrayEquals(expected, SymmetricEigenvalues.of(lower), 1e-9);
    }

    private static double[] meanAndVariance(float[][] column) {
        double mean = 0;
        for (float[] row : column) {
            mean += row[0];
        }
        mean /= column.length;
        double variance = 0;
        for (float[] row : column) {
            variance += (row[0] - mean) * (row[0] - mean);
        }
        return new double[] {mean, variance / (column.length - 1)};
    }

    private static float[][] randomFeatures(Random random, int n, int d) {
        float[][] features = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                features[i][j] = (float) (random.nextGaussian() * (1 + j % 3));
            }
        }
        return features;
    }

    static void assertRelative(double expected, double actual, String what) {
        double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(error <= RELATIVE_TOLERANCE, what + ": expected " + expected + ", got "
                + actual + " (relative error " + error + ")");
    }

    private static Map<String, Double> expectedValues(String name) {
        Map<String, Double> values = new HashMap<>();
        for (String line : lines(name + "-expected.csv")) {
            String[] fields = line.split(",");
            values.put(fields[0], Double.parseDouble(fields[1]));
        }
        return values;
    }

    private static double[][] readCsv(String name) {
        List<String> lines = lines(name);
        double[][] rows = new double[lines.size()][];
        for (int i = 0; i < rows.length; i++) {
            String[] fields = lines.get(i).split(",");
            rows[i] = new double[fields.length];
            for (int j = 0; j < fields.length; j++) {
                rows[i][j] = Double.parseDouble(fields[j]);
            }
        }
        return rows;
    }

    private static float[][] toFloat(double[][] rows) {
        float[][] result = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            result[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                result[i][j] = (float) rows[i][j];
            }
        }
        return result;
    }

    private static List<String> lines(String name) {
        String resource = "frechet/" + name;
        try (InputStream in = FrechetDistanceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource
                        + "; run src/test/python/make_frechet_fixtures.py");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
