package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NearestNeighborsTest {

    private static final double DISTANCE_TOLERANCE = 1e-5;

    static Iterable<String> clouds() {
        return Fixtures.CLOUDS;
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void matchesScikitLearnFixture(String cloud) {
        float[][] points = Fixtures.points(cloud);
        int[][] expectedIndices = Fixtures.neighborIndices(cloud);
        double[][] expectedDistances = Fixtures.neighborDistances(cloud);

        for (int threads : new int[] {1, 3}) {
            Neighbors neighbors = NearestNeighbors.search(points, 10, threads);
            assertEquals(points.length, neighbors.size());
            assertEquals(10, neighbors.k());
            for (int i = 0; i < points.length; i++) {
                assertArrayEquals(expectedIndices[i], neighbors.indices()[i],
                        cloud + ": neighbours of point " + i + " with " + threads + " threads");
                assertDistancesClose(expectedDistances[i], neighbors.distances()[i],
                        cloud + ": distances of point " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void smallerKIsPrefixOfFixture(String cloud) {
        float[][] points = Fixtures.points(cloud);
        int[][] expectedIndices = Fixtures.neighborIndices(cloud);

        Neighbors neighbors = NearestNeighbors.search(points, 3);

        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(Arrays.copyOf(expectedIndices[i], 3), neighbors.indices()[i],
                    cloud + ": 3 nearest of point " + i);
        }
    }

    @Test
    void hugeCoordinatesSkipScreening() {
        // Scaling by 2^62 is exact in float and pushes squared norms past 1e36, where the
        // float dot products are skipped and all distances are computed in double.
        float[][] points = Fixtures.points("gaussian5in50");
        float scale = 0x1p62f;
        float[][] scaled = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            scaled[i] = points[i].clone();
            for (int c = 0; c < scaled[i].length; c++) {
                scaled[i][c] *= scale;
            }
        }

        Neighbors neighbors = NearestNeighbors.search(scaled, 10, 2);

        int[][] expectedIndices = Fixtures.neighborIndices("gaussian5in50");
        double[][] expectedDistances = Fixtures.neighborDistances("gaussian5in50");
        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(expectedIndices[i], neighbors.indices()[i], "point " + i);
            double[] unscaled = neighbors.distances()[i].clone();
            for (int j = 0; j < unscaled.length; j++) {
                unscaled[j] /= scale;
            }
            assertDistancesClose(expectedDistances[i], unscaled, "point " + i);
        }
    }

    @Test
    void oddSizesMatchBruteForce() {
        // Sizes that leave partial row blocks, partial groups of four rows and partial tiles.
        Random random = new Random(7);
        for (int n : new int[] {2, 5, 67, 301}) {
            float[][] points = gaussian(random, n, 13, 0f);
            int k = Math.min(n - 1, 6);
            assertMatchesBruteForce(points, k, "n = " + n);
        }
    }

    @Test
    void largeOffsetMatchesBruteForce() {
        // Coordinates near 1000 with spread 0.01, where the float screening is only accurate
        // because the points are centred first.
        float[][] points = gaussian(new Random(11), 300, 40, 1000f);
        assertMatchesBruteForce(points, 10, "offset 1000");
    }

    @Test
    void nearTiesMatchBruteForce() {
        // Shells of 40 points at radius 1 + 1e-6 j around two centres 200 apart in 500-d space.
        // The rounding bound of the float dot products, about 0.6 in squared distance, is far
        // larger than the gaps between shell distances, so only the double refinement can
        // order them. Without the margin above the k-th approximation this test fails.
        Random random = new Random(3);
        int dimension = 500;
        float[][] points = new float[82][];
        for (int shell = 0; shell < 2; shell++) {
            double[] centre = new double[dimension];
            for (int c = 0; c < dimension; c++) {
                centre[c] = (shell == 0 ? 100 : -100) / Math.sqrt(dimension);
            }
            int base = shell * 41;
            points[base] = toFloat(centre);
            for (int j = 1; j <= 40; j++) {
                double[] direction = new double[dimension];
                double norm = 0;
                for (int c = 0; c < dimension; c++) {
                    direction[c] = random.nextGaussian();
                    norm += direction[c] * direction[c];
                }
                double radius = (1 + 1e-6 * j) / Math.sqrt(norm);
                double[] point = new double[dimension];
                for (int c = 0; c < dimension; c++) {
                    point[c] = centre[c] + radius * direction[c];
                }
                points[base + j] = toFloat(point);
            }
        }
        assertMatchesBruteForce(points, 30, "near ties");
    }

    @Test
    void identicalPointsAreNeighboursAtZero() {
        float[][] points = new float[20][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new float[] {0.5f, -2f, 3f};
        }

        Neighbors neighbors = NearestNeighbors.search(points, 4, 2);

        assertArrayEquals(new int[] {1, 2, 3, 4}, neighbors.indices()[0]);
        assertArrayEquals(new int[] {0, 1, 2, 3}, neighbors.indices()[7]);
        assertArrayEquals(new int[] {0, 1, 2, 3}, neighbors.indices()[19]);
        for (double[] row : neighbors.distances()) {
            assertArrayEquals(new double[4], row);
        }
    }

    @Test
    void tiesAreOrderedByIndex() {
        // Point 0 at the origin, the others on the unit sphere: all at distance 1 from it.
        float[][] points = {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}, {-1, 0, 0}, {0, -1, 0}};

        Neighbors neighbors = NearestNeighbors.search(points, 5);

        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, neighbors.indices()[0]);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, neighbors.distances()[0]);
    }

    @Test
    void rejectsInvalidInput() {
        float[][] valid = {{0f, 1f}, {1f, 1f}, {2f, 0f}};
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.search(valid, 0));
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.search(valid, 3));
        assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.search(valid, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.search(new float[0][], 1));
        assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.search(new float[][] {{0f, 1f}, {1f}}, 1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.search(new float[][] {{0f, 1f}, {Float.NaN, 1f}}, 1));
        assertTrue(nan.getMessage().contains("row 1, column 0"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.search(
                new float[][] {{0f, Float.POSITIVE_INFINITY}, {1f, 1f}}, 1));
    }

    private static float[] toFloat(double[] values) {
        float[] result = new float[values.length];
        for (int c = 0; c < values.length; c++) {
            result[c] = (float) values[c];
        }
        return result;
    }

    private static float[][] gaussian(Random random, int n, int dimension, float offset) {
        float[][] points = new float[n][dimension];
        for (float[] row : points) {
            for (int c = 0; c < dimension; c++) {
                row[c] = offset + (float) random.nextGaussian() * 0.01f;
            }
        }
        return points;
    }

    /** Compares with a plain double-precision search that sorts all pairs by distance, index. */
    private static void assertMatchesBruteForce(float[][] points, int k, String label) {
        Neighbors neighbors = NearestNeighbors.search(points, k, 2);
        int n = points.length;
        for (int i = 0; i < n; i++) {
            double[] squared = new double[n];
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < points[i].length; c++) {
                    double difference = (double) points[i][c] - points[j][c];
                    squared[j] += difference * difference;
                }
            }
            int query = i;
            int[] expected = IntStream.range(0, n)
                    .filter(j -> j != query)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> squared[j])
                            .thenComparingInt(j -> j))
                    .limit(k)
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertArrayEquals(expected, neighbors.indices()[i], label + ", point " + i);
            for (int j = 0; j < k; j++) {
                assertEquals(Math.sqrt(squared[expected[j]]), neighbors.distances()[i][j],
                        1e-12 * Math.sqrt(squared[expected[j]]), label + ", point " + i);
            }
        }
    }

    private static void assertDistancesClose(double[] expected, double[] actual, String label) {
        assertEquals(expected.length, actual.length, label);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], DISTANCE_TOLERANCE * expected[j],
                    label + ", neighbour " + j);
        }
    }
}
