package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RangeNeighborsTest {

    static Iterable<String> clouds() {
        return Fixtures.CLOUDS;
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void allRowsMatchScipyFixture(String cloud) {
        float[][] points = Fixtures.points(cloud);
        int[][] expectedIndices = Fixtures.neighborIndices(cloud);
        double[][] expectedDistances = Fixtures.neighborDistances(cloud);

        Neighbors neighbors = new RangeNeighbors(points).search(allRows(points.length), 0,
                points.length, 10, 2);

        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(expectedIndices[i], neighbors.indices()[i], cloud + " row " + i);
            assertArrayEquals(expectedDistances[i], neighbors.distances()[i],
                    1e-12 * expectedDistances[i][9], cloud + " row " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void sameDistancesAsNearestNeighbors(String cloud) {
        float[][] points = Fixtures.points(cloud);
        Neighbors full = NearestNeighbors.search(points, 7, 1);

        Neighbors range = new RangeNeighbors(points).search(allRows(points.length), 0,
                points.length, 7, 1);

        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(full.indices()[i], range.indices()[i], cloud + " row " + i);
            assertArrayEquals(full.distances()[i], range.distances()[i], 0.0,
                    cloud + " row " + i);
        }
    }

    @Test
    void subrangeMatchesBruteForce() {
        float[][] points = Fixtures.points("gaussian5in50");
        int[] queries = {0, 5, 130, 131, 200, 399, 250};
        int from = 120;
        int to = 260;

        Neighbors neighbors = new RangeNeighbors(points).search(queries, from, to, 6, 2);

        for (int q = 0; q < queries.length; q++) {
            int[] expected = bruteForce(points, queries[q], from, to, 6);
            assertArrayEquals(expected, neighbors.indices()[q], "query " + queries[q]);
            for (int j = 0; j < 6; j++) {
                double distance = Math.sqrt(RangeNeighbors.squaredDistance(points[queries[q]],
                        points[expected[j]]));
                assertEquals(distance, neighbors.distances()[q][j], 0.0);
            }
        }
    }

    @Test
    void shortRangeGivesShorterRows() {
        float[][] points = Fixtures.points("circle10");

        Neighbors neighbors = new RangeNeighbors(points).search(new int[] {10, 40, 12}, 10, 14,
                5, 1);

        assertEquals(3, neighbors.indices()[0].length, "query inside the range");
        assertEquals(4, neighbors.indices()[1].length, "query outside the range");
        assertEquals(3, neighbors.indices()[2].length);
        Neighbors empty = new RangeNeighbors(points).search(new int[] {3}, 3, 4, 5, 1);
        assertEquals(0, empty.indices()[0].length);
    }

    @Test
    void hugeCoordinatesSkipScreening() {
        // Squared distances of about 1e40 overflow a float sum, so all are computed in double.
        Random random = new Random(7);
        float[][] points = new float[80][12];
        for (float[] row : points) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) (random.nextGaussian() * 1e19);
            }
        }

        Neighbors range = new RangeNeighbors(points).search(allRows(80), 0, 80, 5, 2);
        Neighbors full = NearestNeighbors.search(points, 5, 1);

        for (int i = 0; i < 80; i++) {
            assertArrayEquals(full.indices()[i], range.indices()[i], "row " + i);
        }
    }

    @Test
    void rejectsInvalidArguments() {
        RangeNeighbors search = new RangeNeighbors(Fixtures.points("circle10"));

        assertThrows(IllegalArgumentException.class,
                () -> search.search(new int[] {300}, 0, 300, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> search.search(new int[] {-1}, 0, 300, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> search.search(new int[] {0}, 10, 5, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> search.search(new int[] {0}, 0, 301, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> search.search(new int[] {0}, 0, 300, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> search.search(new int[] {0}, 0, 300, 3, 0));
    }

    static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Indices of the k nearest rows in [from, to) by double distance, ties by lower index. */
    private static int[] bruteForce(float[][] points, int query, int from, int to, int k) {
        return java.util.stream.IntStream.range(from, to)
                .filter(j -> j != query)
                .boxed()
                .sorted((a, b) -> {
                    int byDistance = Double.compare(
                            RangeNeighbors.squaredDistance(points[query], points[a]),
                            RangeNeighbors.squaredDistance(points[query], points[b]));
                    return byDistance != 0 ? byDistance : Integer.compare(a, b);
                })
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
