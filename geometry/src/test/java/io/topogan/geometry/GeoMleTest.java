package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GeoMLE against the numpy implementation of src/test/python/make_geomle_fixtures.py on the
 * point clouds of make_fixtures.py, and on clouds of known intrinsic dimension.
 */
class GeoMleTest {

    /**
     * Both sides compute in float64 on the same bootstrap samples and neighbours. They differ in
     * summation order, log(a) - log(b) against log(a / b), and the ridge solver. The
     * extrapolation to radius 0 amplifies those rounding differences: local estimates differ by
     * up to about 1e-12 in absolute terms, which is 3e-10 relative for a local estimate near 0.
     * So values are compared within 1e-9 times the larger of |expected| and 1.
     */
    private static final double TOLERANCE = 1e-9;

    /** The parameter sets of make_geomle_fixtures.py, by name. */
    private static final Map<String, GeoMle.Parameters> PARAMETER_SETS = Map.of(
            "default", GeoMle.Parameters.DEFAULTS,
            "small", new GeoMle.Parameters(5, 20, 7, 3, 0.1, 7),
            "single", new GeoMle.Parameters(4, 12, 1, 1, 0.0, -5));

    static Iterable<String> clouds() {
        return Fixtures.CLOUDS;
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void matchesNumpyFixture(String cloud) {
        float[][] points = Fixtures.points(cloud);
        Map<String, Double> expected = readEstimates(cloud + "-geomle.csv");

        for (Map.Entry<String, GeoMle.Parameters> set : PARAMETER_SETS.entrySet()) {
            String label = cloud + " " + set.getKey();
            GeoMleEstimate estimate = GeoMle.estimate(points, set.getValue(), 2, null);
            double expectedDimension = expected.get(set.getKey() + ".dimension");

            assertEquals(GeoMle.ESTIMATOR, estimate.estimator());
            assertEquals(set.getValue(), estimate.parameters());
            assertEquals(expected.get("pointsUsed").intValue(), estimate.pointsUsed(), label);
            assertEquals(expected.get("duplicatesRemoved").intValue(),
                    estimate.duplicatesRemoved(), label);
            assertEquals(!Double.isNaN(expectedDimension), estimate.defined(), label + ": "
                    + estimate.undefinedReason());
            assertClose(expectedDimension, estimate.dimension(), label);
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void localEstimatesMatchNumpy(String cloud) {
        float[][] distinct = DistinctPoints.of(Fixtures.points(cloud)).points();
        double[] expected = readColumn(cloud + "-geomle-local.csv");

        GeoMle.LocalEstimates local =
                GeoMle.localEstimates(distinct, GeoMle.Parameters.DEFAULTS, 2, null);

        assertTrue(local.defined(), local.undefinedReason());
        assertEquals(expected.length, local.dimensions().length, cloud);
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], local.dimensions()[i], cloud + " point " + i);
        }
    }

    @Test
    void fewCandidatesGiveSameResult() {
        // With k2 candidates per point most bootstrap samples run out of members, so most points
        // go through the search over all points. The result must not change.
        float[][] distinct = DistinctPoints.of(Fixtures.points("duplicates")).points();
        GeoMle.Parameters parameters = GeoMle.Parameters.DEFAULTS;

        GeoMle.LocalEstimates usual = GeoMle.localEstimates(distinct, parameters, 2, null);
        GeoMle.LocalEstimates fallback =
                GeoMle.localEstimates(distinct, parameters, 2, null, parameters.k2());

        assertTrue(usual.defined(), usual.undefinedReason());
        assertTrue(fallback.defined(), fallback.undefinedReason());
        assertArrayEquals(usual.dimensions(), fallback.dimensions());
    }

    @Test
    void streamMatchesSplitMix64Fixture() {
        for (String line : readLines("splitmix64.csv")) {
            String[] fields = line.split(",");
            SplitMix64 random = new SplitMix64(Long.parseLong(fields[0]));
            for (int j = 1; j < fields.length; j++) {
                assertEquals(Long.parseUnsignedLong(fields[j]), random.nextLong(),
                        "seed " + fields[0] + ", output " + j);
            }
        }
    }

    @Test
    void sphereInFiftyDimensions() {
        float[][] points = embed(sphere(new Random(11), 2000), 50, new Random(12));

        GeoMleEstimate estimate = GeoMle.estimate(points);

        assertTrue(estimate.defined(), estimate.undefinedReason());
        assertEquals(2.0, estimate.dimension(), 0.15, "2-sphere");
        double levinaBickel = LevinaBickelMle.estimate(points).invMle();
        assertTrue(Math.abs(estimate.dimension() - 2) < Math.abs(levinaBickel - 2),
                "GeoMLE " + estimate.dimension() + " is not closer to 2 than MLE " + levinaBickel);
    }

    @Test
    void fiveDimensionalSubspace() {
        float[][] cube = new float[2000][5];
        Random random = new Random(21);
        for (float[] point : cube) {
            for (int c = 0; c < point.length; c++) {
                point[c] = random.nextFloat();
            }
        }
        float[][] points = embed(cube, 80, new Random(22));

        GeoMleEstimate estimate = GeoMle.estimate(points);

        assertTrue(estimate.defined(), estimate.undefinedReason());
        assertEquals(5.0, estimate.dimension(), 0.5, "unit 5-cube in R^80");
    }

    @Test
    void torusInThreeDimensions() {
        // Angles uniform on the square, not area-uniform on the surface: the density varies by
        // a factor (R + r) / (R - r) = 2, which the estimator must tolerate.
        float[][] points = new float[2000][];
        Random random = new Random(31);
        for (int i = 0; i < points.length; i++) {
            double u = 2 * Math.PI * random.nextDouble();
            double v = 2 * Math.PI * random.nextDouble();
            double ring = 3 + Math.cos(v);
            points[i] = new float[] {(float) (ring * Math.cos(u)), (float) (ring * Math.sin(u)),
                (float) Math.sin(v)};
        }

        GeoMleEstimate estimate = GeoMle.estimate(points);

        assertTrue(estimate.defined(), estimate.undefinedReason());
        assertEquals(2.0, estimate.dimension(), 0.15, "torus with radii 3 and 1");
        double levinaBickel = LevinaBickelMle.estimate(points).invMle();
        assertTrue(Math.abs(estimate.dimension() - 2) < Math.abs(levinaBickel - 2),
                "GeoMLE " + estimate.dimension() + " is not closer to 2 than MLE " + levinaBickel);
    }

    @Test
    void sameSeedRepeats() {
        float[][] points = Fixtures.points("gaussian5in50");
        GeoMle.Parameters other = new GeoMle.Parameters(10, 40, 20, 2, 5e-3, 99);

        double first = GeoMle.estimate(points).dimension();
        double second = GeoMle.estimate(points).dimension();
        double otherSeed = GeoMle.estimate(points, other).dimension();

        assertEquals(first, second);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void identicalPointsAreUndefined() {
        float[][] points = new float[100][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new float[] {1f, 2f, 3f};
        }

        GeoMleEstimate estimate = GeoMle.estimate(points);

        assertFalse(estimate.defined());
        assertTrue(estimate.undefinedReason().contains("only 1 distinct points remain"),
                estimate.undefinedReason());
        assertEquals(1, estimate.pointsUsed());
        assertEquals(99, estimate.duplicatesRemoved());
        assertTrue(Double.isNaN(estimate.dimension()));
    }

    @Test
    void smallBootstrapSampleIsUndefined() {
        // 45 distinct points: enough for k2 = 40, but a bootstrap sample contains about 29 of them.
        float[][] points = sphere(new Random(41), 45);

        GeoMleEstimate estimate = GeoMle.estimate(points);

        assertFalse(estimate.defined());
        assertTrue(estimate.undefinedReason().contains("bootstrap sample 1 contains only"),
                estimate.undefinedReason());
        assertEquals(45, estimate.pointsUsed());
        assertTrue(Double.isNaN(estimate.dimension()));
    }

    @Test
    void definedEstimateHasNoReason() {
        GeoMleEstimate estimate = GeoMle.estimate(Fixtures.points("circle10"));

        assertTrue(estimate.defined());
        assertNull(estimate.undefinedReason());
        assertEquals(GeoMle.Parameters.DEFAULTS, estimate.parameters());
    }

    @Test
    void invalidParametersRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new GeoMle.Parameters(2, 40, 20, 2, 5e-3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new GeoMle.Parameters(10, 11, 20, 2, 5e-3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new GeoMle.Parameters(10, 40, 0, 2, 5e-3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new GeoMle.Parameters(10, 40, 20, 0, 5e-3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new GeoMle.Parameters(10, 40, 20, 2, -1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new GeoMle.Parameters(10, 40, 20, 2, Double.NaN, 1));
    }

    @Test
    void invalidPointsRejected() {
        float[][] points = {{1f, 2f}, {Float.NaN, 0f}};

        assertThrows(IllegalArgumentException.class, () -> GeoMle.estimate(points));
    }

    /** Points uniform on the unit 2-sphere in R^3. */
    private static float[][] sphere(Random random, int n) {
        float[][] points = new float[n][];
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = random.nextGaussian();
            double norm = Math.sqrt(x * x + y * y + z * z);
            points[i] = new float[] {(float) (x / norm), (float) (y / norm), (float) (z / norm)};
        }
        return points;
    }

    /** Maps points of R^m into R^dimension by a random orthonormal m-frame (Gram-Schmidt). */
    private static float[][] embed(float[][] points, int dimension, Random random) {
        int m = points[0].length;
        double[][] frame = new double[m][dimension];
        for (int a = 0; a < m; a++) {
            for (int c = 0; c < dimension; c++) {
                frame[a][c] = random.nextGaussian();
            }
            for (int previous = 0; previous < a; previous++) {
                double dot = 0;
                for (int c = 0; c < dimension; c++) {
                    dot += frame[a][c] * frame[previous][c];
                }
                for (int c = 0; c < dimension; c++) {
                    frame[a][c] -= dot * frame[previous][c];
                }
            }
            double norm = 0;
            for (int c = 0; c < dimension; c++) {
                norm += frame[a][c] * frame[a][c];
            }
            for (int c = 0; c < dimension; c++) {
                frame[a][c] /= Math.sqrt(norm);
            }
        }

        float[][] embedded = new float[points.length][dimension];
        for (int i = 0; i < points.length; i++) {
            for (int c = 0; c < dimension; c++) {
                double value = 0;
                for (int a = 0; a < m; a++) {
                    value += points[i][a] * frame[a][c];
                }
                embedded[i][c] = (float) value;
            }
        }
        return embedded;
    }

    private static void assertClose(double expected, double actual, String label) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), label + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), label);
    }

    private static Map<String, Double> readEstimates(String name) {
        Map<String, Double> estimates = new LinkedHashMap<>();
        for (String line : readLines(name)) {
            String[] fields = line.split(",");
            double value = fields[1].equals("nan") ? Double.NaN : Double.parseDouble(fields[1]);
            estimates.put(fields[0], value);
        }
        return estimates;
    }

    private static double[] readColumn(String name) {
        return readLines(name).stream().mapToDouble(Double::parseDouble).toArray();
    }

    private static List<String> readLines(String name) {
        try (InputStream stream = GeoMleTest.class.getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("fixture " + name + " not found on the test"
                        + " classpath: run src/test/python/make_geomle_fixtures.py");
            }
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }
}
