package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MleSampleSizesTest {

    private static final int[] SIZES = {40, 100, 180, 300, 400};

    @Test
    void nestedSearchEqualsSearchPerSubset() {
        float[][] points = Fixtures.points("gaussian5in50");

        MleSampleSizes.Result result = MleSampleSizes.run(points, SIZES, 3, 10, Anchors.all(),
                42, 2, null);

        SplittableRandom random = new SplittableRandom(42);
        for (int r = 0; r < 3; r++) {
            int[] order = RandomSubsets.shuffledPrefix(400, 400, random);
            for (int i = 0; i < SIZES.length; i++) {
                MleEstimate expected = LevinaBickelMle.estimate(subset(points, order, SIZES[i]),
                        10, 1);
                MleEstimate actual = result.estimates()[i][r];
                assertEquals(expected.mle(), actual.mle(), 1e-12 * expected.mle(),
                        "size " + SIZES[i] + ", repeat " + r);
                assertEquals(expected.invMle(), actual.invMle(), 1e-12 * expected.invMle(),
                        "size " + SIZES[i] + ", repeat " + r);
                assertEquals(SIZES[i], actual.pointsUsed());
            }
        }
        assertEquals(SIZES[SIZES.length - 1], result.anchors()[SIZES.length - 1]);
    }

    @Test
    void anchorsAreFirstPointsOfEachSubset() {
        float[][] points = Fixtures.points("swissroll");
        int[] sizes = {50, 200, 500};

        MleSampleSizes.Result result = MleSampleSizes.run(points, sizes, 2, 8,
                Anchors.fraction(0.25), 9, 2, null);

        assertArrayEquals(new int[] {13, 50, 125}, result.anchors());
        SplittableRandom random = new SplittableRandom(9);
        for (int r = 0; r < 2; r++) {
            int[] order = RandomSubsets.shuffledPrefix(500, 500, random);
            for (int i = 0; i < sizes.length; i++) {
                int[] anchorRows = new int[result.anchors()[i]];
                Arrays.setAll(anchorRows, a -> a);
                MleEstimate expected = LevinaBickelMle.estimate(subset(points, order, sizes[i]),
                        8, Anchors.rows(anchorRows), 1, null).at(8);
                MleEstimate actual = result.estimates()[i][r];
                assertEquals(expected.mle(), actual.mle(), 1e-12 * expected.mle(),
                        "size " + sizes[i] + ", repeat " + r);
                assertEquals(expected.invMle(), actual.invMle(), 1e-12 * expected.invMle(),
                        "size " + sizes[i] + ", repeat " + r);
            }
        }
    }

    @Test
    void seedMakesRunRepeatable() {
        float[][] points = Fixtures.points("circle10");
        int[] sizes = {50, 150};

        MleSampleSizes.Result first = MleSampleSizes.run(points, sizes, 3, 10, Anchors.all(), 1,
                2, null);
        MleSampleSizes.Result again = MleSampleSizes.run(points, sizes, 3, 10, Anchors.all(), 1,
                1, null);
        MleSampleSizes.Result other = MleSampleSizes.run(points, sizes, 3, 10, Anchors.all(), 2,
                2, null);

        for (int i = 0; i < sizes.length; i++) {
            assertEquals(first.mleMean(i), again.mleMean(i), 0.0);
            assertEquals(first.invMleStd(i), again.invMleStd(i), 0.0);
            assertNotEquals(first.mleMean(i), other.mleMean(i));
        }
    }

    @Test
    void repeatsSpreadAndStatistics() {
        float[][] points = Fixtures.points("swissroll");

        MleSampleSizes.Result result = MleSampleSizes.run(points, new int[] {60, 500}, 4, 10,
                Anchors.all(), 3, 2, null);

        MleEstimate[] small = result.estimates()[0];
        assertNotEquals(small[0].mle(), small[1].mle(), "repeats drew the same subset");
        double[] values = new double[4];
        for (int r = 0; r < 4; r++) {
            values[r] = small[r].mle();
        }
        assertEquals(MleSampleSizes.mean(values), result.mleMean(0), 0.0);
        assertEquals(MleSampleSizes.sampleStd(values), result.mleStd(0), 0.0);
        // All 500 points in every repeat: the same cloud, so no spread.
        assertEquals(0.0, result.mleStd(1), 1e-12);
        assertEquals(LevinaBickelMle.estimate(points, 10, 1).invMle(), result.invMleMean(1),
                1e-12);
    }

    @Test
    void sampleStdUsesNMinusOne() {
        // numpy.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = 2.1380899352993952
        double std = MleSampleSizes.sampleStd(new double[] {2, 4, 4, 4, 5, 5, 7, 9});

        assertEquals(2.1380899352993952, std, 1e-15);
        assertEquals(5.0, MleSampleSizes.mean(new double[] {2, 4, 4, 4, 5, 5, 7, 9}), 0.0);
        assertTrue(Double.isNaN(MleSampleSizes.sampleStd(new double[] {3})));
        assertTrue(Double.isNaN(MleSampleSizes.sampleStd(new double[] {3, Double.NaN})));
    }

    @Test
    void listenerSeesEverySizeInOrder() {
        List<Integer> seen = new ArrayList<>();

        MleSampleSizes.run(Fixtures.points("circle10"), new int[] {20, 40, 60}, 2, 5,
                Anchors.count(15), 0, 1, (index, estimates, seconds) -> {
                    assertEquals(2, estimates.length);
                    assertTrue(seconds >= 0);
                    seen.add(index);
                });

        assertEquals(List.of(0, 1, 2), seen);
    }

    @Test
    void sizeAboveDistinctPointsRejected() {
        // 260 rows, 200 distinct.
        float[][] points = Fixtures.points("duplicates");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MleSampleSizes.run(points, new int[] {100, 201}, 3, 10, Anchors.all(), 0,
                        1, (index, estimates, seconds) -> {
                            throw new AssertionError("work started before validation");
                        }));

        assertTrue(error.getMessage().contains("201 exceeds the 200 distinct points"),
                error.getMessage());
        assertTrue(error.getMessage().contains("60 duplicate rows removed"), error.getMessage());
    }

    @Test
    void invalidArgumentsRejected() {
        float[][] points = Fixtures.points("circle10");

        assertThrows(IllegalArgumentException.class, () -> MleSampleSizes.run(points,
                new int[] {50, 50}, 3, 10, Anchors.all(), 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> MleSampleSizes.run(points,
                new int[] {10, 50}, 3, 10, Anchors.all(), 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> MleSampleSizes.run(points,
                new int[0], 3, 10, Anchors.all(), 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> MleSampleSizes.run(points,
                new int[] {50}, 0, 10, Anchors.all(), 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> MleSampleSizes.run(points,
                new int[] {50}, 3, 2, Anchors.all(), 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> MleSampleSizes.run(points,
                new int[] {50}, 3, 10, Anchors.rows(1, 2, 3), 0, 1, null));
        IllegalArgumentException tooManyAnchors = assertThrows(IllegalArgumentException.class,
                () -> MleSampleSizes.run(points, new int[] {50, 100}, 3, 10, Anchors.count(60),
                        0, 1, null));
        assertTrue(tooManyAnchors.getMessage().contains("60 anchors exceed the 50"),
                tooManyAnchors.getMessage());
    }

    private static float[][] subset(float[][] points, int[] order, int size) {
        float[][] subset = new float[size][];
        for (int i = 0; i < size; i++) {
            subset[i] = points[order[i]];
        }
        return subset;
    }
}
