package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Furthest-point sampling against the numpy reference of make_ripser_fixtures.py. */
class GreedyPermutationTest {

    static Stream<Arguments> cases() {
        return Fixtures.table("/ripser/greedy_cases.tsv").stream()
                .map(row -> Arguments.of(row[0], row[1], row[2], row[3],
                        Integer.parseInt(row[4])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectionMatchesReference(String name, String input, String format, String metric,
            int nPerm) {
        float[][] points = Fixtures.points("/ripser/" + input, format);
        Metric chosen = metric.equals("cosine") ? Metric.COSINE : Metric.EUCLIDEAN;
        GreedyPermutation.Selection selection = GreedyPermutation.select(points, nPerm, chosen);

        String[] lines = Fixtures.read("/ripser/" + name + ".txt").split("\n");
        int[] indices = Arrays.stream(values(lines[0])).mapToInt(Integer::parseInt).toArray();
        double[] radii = Arrays.stream(values(lines[1])).mapToDouble(Double::parseDouble)
                .toArray();
        double coveringRadius = Double.parseDouble(values(lines[2])[0]);
        assertArrayEquals(indices, selection.indices(), "indices");
        assertArrayEquals(radii, selection.insertionRadii(), 1e-9, "insertion radii");
        assertEquals(coveringRadius, selection.coveringRadius(), 1e-9, "covering radius");
    }

    @Test
    void allPointsWhenNPermIsNotSmaller() {
        float[][] points = {{0, 0}, {1, 0}, {5, 5}};
        GreedyPermutation.Selection selection =
                GreedyPermutation.select(points, 3, Metric.EUCLIDEAN);
        assertArrayEquals(new int[] {0, 1, 2}, selection.indices());
        assertEquals(0, selection.coveringRadius());
        assertEquals(3, GreedyPermutation.select(points, 10, Metric.EUCLIDEAN).indices().length);
    }

    @Test
    void farthestPointComesSecond() {
        float[][] points = {{0, 0}, {1, 0}, {5, 5}, {0, 2}};
        GreedyPermutation.Selection selection =
                GreedyPermutation.select(points, 2, Metric.EUCLIDEAN);
        assertArrayEquals(new int[] {0, 2}, selection.indices());
        assertEquals(Math.sqrt(50), selection.insertionRadii()[0], 1e-12);
        assertEquals(2, selection.coveringRadius(), 1e-12);
        assertArrayEquals(points[2], selection.apply(points)[1]);
    }

    /**
     * The single-precision screening must not change the result: indices and radii equal a
     * plain double-precision furthest-point loop, also where float squares overflow or
     * underflow and where many distances tie.
     */
    @ParameterizedTest(name = "scale {0}, grid {1}")
    @MethodSource("screeningCases")
    void screeningKeepsExactSelection(double scale, boolean grid) {
        Random random = new Random(Double.hashCode(scale) * 31 + (grid ? 1 : 0));
        for (int trial = 0; trial < 5; trial++) {
            int n = 50 + random.nextInt(400);
            int dimension = 1 + random.nextInt(trial < 3 ? 40 : 900);
            float[][] points = new float[n][dimension];
            for (float[] point : points) {
                for (int k = 0; k < dimension; k++) {
                    double value = grid ? random.nextInt(3) : random.nextGaussian();
                    point[k] = (float) (value * scale);
                }
            }
            int nPerm = 1 + random.nextInt(n - 1);
            GreedyPermutation.Selection selection =
                    GreedyPermutation.select(points, nPerm, Metric.EUCLIDEAN);
            String label = n + " points in " + dimension + " dimensions, n_perm " + nPerm;
            double[] expectedRadii = new double[nPerm];
            int[] expected = plainSelection(points, nPerm, expectedRadii);
            assertArrayEquals(expected, selection.indices(), "indices for " + label);
            assertArrayEquals(expectedRadii, selection.insertionRadii(), "radii for " + label);
        }
    }

    static Stream<Arguments> screeningCases() {
        return Stream.of(Arguments.of(1.0, false), Arguments.of(1.0, true),
                Arguments.of(1e20, false), Arguments.of(1e-25, false),
                Arguments.of(1e-22, true), Arguments.of(1e18, true));
    }

    /** Furthest-point sampling with the exact double distance for every pair. */
    private static int[] plainSelection(float[][] points, int nPerm, double[] radii) {
        int n = points.length;
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int[] indices = new int[nPerm];
        int latest = 0;
        for (int i = 1; i <= nPerm; i++) {
            for (int j = 0; j < n; j++) {
                double distance = j == latest ? 0
                        : GreedyPermutation.distance(points, null, latest, j, Metric.EUCLIDEAN);
                nearest[j] = Math.min(nearest[j], distance);
            }
            int farthest = 0;
            for (int j = 1; j < n; j++) {
                if (nearest[j] > nearest[farthest]) {
                    farthest = j;
                }
            }
            radii[i - 1] = nearest[farthest];
            if (i < nPerm) {
                indices[i] = farthest;
                latest = farthest;
            }
        }
        return indices;
    }

    @Test
    void nonPositiveNPermIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GreedyPermutation.select(new float[][] {{0}}, 0, Metric.EUCLIDEAN));
    }

    private static String[] values(String line) {
        String[] fields = line.trim().split(" ");
        return Arrays.copyOfRange(fields, 1, fields.length);
    }
}
