package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
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
