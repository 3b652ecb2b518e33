package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LevinaBickelMleTest {

    private static final double RELATIVE_TOLERANCE = 1e-6;

    static Iterable<String> clouds() {
        return Fixtures.CLOUDS;
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void matchesNumpyFixture(String cloud) {
        float[][] points = Fixtures.points(cloud);
        Map<String, Double> expected = Fixtures.estimates(cloud);

        for (int k : new int[] {10, 5}) {
            MleEstimate estimate = LevinaBickelMle.estimate(points, k, 2);

            assertEquals(LevinaBickelMle.ESTIMATOR, estimate.estimator());
            assertEquals(k, estimate.k());
            assertEquals(expected.get("pointsUsed").intValue(), estimate.pointsUsed(), cloud);
            assertEquals(expected.get("duplicatesRemoved").intValue(),
                    estimate.duplicatesRemoved(), cloud);
            assertEstimate(expected.get("mle.k" + k), estimate.mle(), cloud + " mle, k = " + k);
            assertEstimate(expected.get("invMle.k" + k), estimate.invMle(),
                    cloud + " invMle, k = " + k);
            assertEquals(!Double.isNaN(expected.get("mle.k" + k)), estimate.defined(), cloud);
        }
    }

    @Test
    void defaultKIsTen() {
        MleEstimate estimate = LevinaBickelMle.estimate(Fixtures.points("swissroll"));

        assertEquals(10, estimate.k());
        assertEstimate(Fixtures.estimates("swissroll").get("invMle.k10"), estimate.invMle(),
                "swissroll invMle");
    }

    @Test
    void gridWithEqualNeighboursIsUndefined() {
        // Interior grid points have 6 neighbours at distance 1, so with k = 5 m(x) = 0.
        MleEstimate estimate = LevinaBickelMle.estimate(Fixtures.points("grid"), 5);

        assertFalse(estimate.defined());
        assertTrue(estimate.undefinedReason().contains("m(x) = 0"), estimate.undefinedReason());
        assertTrue(Double.isNaN(estimate.mle()));
        assertTrue(Double.isNaN(estimate.invMle()));
    }

    @Test
    void identicalPointsAreUndefined() {
        float[][] points = new float[50][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new float[] {1f, 2f, 3f, 4f};
        }

        MleEstimate estimate = LevinaBickelMle.estimate(points);

        assertFalse(estimate.defined());
        assertNotNull(estimate.undefinedReason());
        assertEquals(1, estimate.pointsUsed());
        assertEquals(49, estimate.duplicatesRemoved());
        assertTrue(Double.isNaN(estimate.mle()));
        assertTrue(Double.isNaN(estimate.invMle()));
    }

    @Test
    void fewerThanKPlusOnePointsAreUndefined() {
        float[][] points = Fixtures.points("swissroll");

        MleEstimate tooFew = LevinaBickelMle.estimate(java.util.Arrays.copyOf(points, 10));
        MleEstimate enough = LevinaBickelMle.estimate(java.util.Arrays.copyOf(points, 11));

        assertFalse(tooFew.defined());
        assertTrue(tooFew.undefinedReason().contains("at least 11"), tooFew.undefinedReason());
        assertEquals(10, tooFew.pointsUsed());
        assertNull(enough.undefinedReason());
        assertTrue(enough.mle() > 0);
    }

    @Test
    void rejectsInvalidInput() {
        float[][] points = Fixtures.points("circle10");
        assertThrows(IllegalArgumentException.class, () -> LevinaBickelMle.estimate(points, 2));
        assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimate(new float[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimate(new float[][] {{1f, 2f}, {3f}}));

        float[][] withNaN = points.clone();
        withNaN[17] = points[17].clone();
        withNaN[17][3] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimate(withNaN));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());

        float[][] withInfinity = points.clone();
        withInfinity[0] = points[0].clone();
        withInfinity[0][0] = Float.NEGATIVE_INFINITY;
        assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimate(withInfinity));
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void eachKMatchesNumpyFixture(String cloud) {
        List<MleFixtures.ByK> expected = MleFixtures.mleByK(cloud);

        MleEstimates estimates = LevinaBickelMle.estimateForEachK(Fixtures.points(cloud), 12,
                Anchors.all(), 2, null);

        assertEquals(10, estimates.estimates().size());
        assertEquals(estimates.at(3).pointsUsed(), estimates.anchors());
        for (MleFixtures.ByK row : expected) {
            MleEstimate estimate = estimates.at(row.k());
            assertEquals(row.k(), estimate.k());
            assertEstimate(row.mle(), estimate.mle(), cloud + " mle, k = " + row.k());
            assertEstimate(row.invMle(), estimate.invMle(), cloud + " invMle, k = " + row.k());
            assertEquals(!Double.isNaN(row.mle()), estimate.defined(), cloud + " k " + row.k());
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void eachKEqualsSingleKEstimates(String cloud) {
        float[][] points = Fixtures.points(cloud);

        MleEstimates estimates = LevinaBickelMle.estimateForEachK(points, 11, Anchors.all(), 1,
                null);

        for (int k = 3; k <= 11; k++) {
            MleEstimate single = LevinaBickelMle.estimate(points, k, 1);
            assertEquals(single, estimates.at(k), cloud + " k = " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void anchorsMatchNumpyFixture(String cloud) {
        float[][] points = Fixtures.points(cloud);
        int[] rows = MleFixtures.anchorRows(cloud);
        Map<String, Double> plain = Fixtures.estimates(cloud);

        MleEstimates estimates = LevinaBickelMle.estimateForEachK(points, 12,
                Anchors.rows(rows), 2, null);

        assertEquals(rows.length, estimates.anchors());
        for (MleFixtures.ByK row : MleFixtures.anchorMleByK(cloud)) {
            MleEstimate estimate = estimates.at(row.k());
            assertEquals(plain.get("pointsUsed").intValue(), estimate.pointsUsed(), cloud);
            assertEquals(plain.get("duplicatesRemoved").intValue(), estimate.duplicatesRemoved(),
                    cloud);
            assertEstimate(row.mle(), estimate.mle(), cloud + " anchor mle, k = " + row.k());
            assertEstimate(row.invMle(), estimate.invMle(),
                    cloud + " anchor invMle, k = " + row.k());
        }
    }

    @Test
    void anchorsDifferFromFullAverage() {
        // Guards the fixture test above: 40 anchors do not average like all 400 points.
        float[][] points = Fixtures.points("gaussian5in50");
        MleEstimate anchored = LevinaBickelMle.estimate(points, 10,
                Anchors.rows(MleFixtures.anchorRows("gaussian5in50")), 2, null).at(10);
        MleEstimate plain = LevinaBickelMle.estimate(points, 10, 2);

        assertTrue(Math.abs(anchored.mle() - plain.mle()) > 1e-3,
                anchored.mle() + " vs " + plain.mle());
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void everyPointAsAnchorEqualsPlainEstimate(String cloud) {
        float[][] points = Fixtures.points(cloud);
        MleEstimate plain = LevinaBickelMle.estimate(points, 10, 2);
        int n = plain.pointsUsed();

        MleEstimates byFraction = LevinaBickelMle.estimate(points, 10, Anchors.fraction(1.0), 2,
                null);
        MleEstimates byCount = LevinaBickelMle.estimate(points, 10, Anchors.count(n, 5), 2, null);

        assertEquals(n, byFraction.anchors());
        assertEquals(plain, byFraction.at(10), cloud);
        assertEquals(plain, byCount.at(10), cloud);
    }

    @Test
    void randomAnchorsAreSeeded() {
        float[][] points = Fixtures.points("swissroll");

        MleEstimate first = LevinaBickelMle.estimate(points, 10, Anchors.count(50, 3), 2, null)
                .at(10);
        MleEstimate again = LevinaBickelMle.estimate(points, 10, Anchors.count(50, 3), 2, null)
                .at(10);
        MleEstimate otherSeed = LevinaBickelMle.estimate(points, 10, Anchors.count(50, 4), 2,
                null).at(10);

        assertEquals(first, again);
        assertTrue(first.mle() != otherSeed.mle(), "seeds 3 and 4 chose the same anchors");
    }

    @Test
    void eachKBeyondDistinctPointsIsUndefined() {
        float[][] points = java.util.Arrays.copyOf(Fixtures.points("swissroll"), 8);

        MleEstimates estimates = LevinaBickelMle.estimateForEachK(points, 10, Anchors.all(), 1,
                null);

        assertTrue(estimates.at(7).defined());
        assertFalse(estimates.at(8).defined());
        assertTrue(estimates.at(8).undefinedReason().contains("at least 9"),
                estimates.at(8).undefinedReason());
        assertFalse(estimates.at(10).defined());
        assertThrows(IllegalArgumentException.class, () -> estimates.at(11));
        assertThrows(IllegalArgumentException.class, () -> estimates.at(2));
    }

    @Test
    void eachKRejectsInvalidK() {
        float[][] points = Fixtures.points("circle10");

        assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimateForEachK(points, 2, Anchors.all(), 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimate(points, 2, Anchors.count(10), 1, null));
    }

    @Test
    void tooManyAnchorsRejected() {
        float[][] points = Fixtures.points("duplicates");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LevinaBickelMle.estimate(points, 10, Anchors.count(201), 1, null));

        assertTrue(error.getMessage().contains("200 distinct points"), error.getMessage());
    }

    static void assertEstimate(double expected, double actual, String label) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), label + ": expected undefined (NaN), was " + actual);
        } else {
            assertEquals(expected, actual, RELATIVE_TOLERANCE * Math.abs(expected), label);
        }
    }
}
