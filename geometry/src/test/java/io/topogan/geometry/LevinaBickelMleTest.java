package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    static void assertEstimate(double expected, double actual, String label) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), label + ": expected undefined (NaN), was " + actual);
        } else {
            assertEquals(expected, actual, RELATIVE_TOLERANCE * Math.abs(expected), label);
        }
    }
}
