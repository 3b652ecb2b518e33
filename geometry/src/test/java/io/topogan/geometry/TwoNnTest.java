package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TwoNnTest {

    static Iterable<String> clouds() {
        return Fixtures.CLOUDS;
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void matchesNumpyFixture(String cloud) {
        Map<String, Double> expected = Fixtures.estimates(cloud);

        TwoNnEstimate estimate = TwoNn.estimate(Fixtures.points(cloud), 2);

        assertEquals(TwoNn.ESTIMATOR, estimate.estimator());
        assertEquals(expected.get("twonn.pointsUsed").intValue(), estimate.pointsUsed(), cloud);
        assertEquals(expected.get("twonn.pointsFitted").intValue(), estimate.pointsFitted(),
                cloud);
        assertEquals(expected.get("duplicatesRemoved").intValue(), estimate.duplicatesRemoved(),
                cloud);
        LevinaBickelMleTest.assertEstimate(expected.get("twonn.dimension"), estimate.dimension(),
                cloud + " TwoNN dimension");
        assertEquals(!Double.isNaN(expected.get("twonn.dimension")), estimate.defined(), cloud);
    }

    @Test
    void gridRatiosOfOneAreUndefined() {
        TwoNnEstimate estimate = TwoNn.estimate(Fixtures.points("grid"));

        assertFalse(estimate.defined());
        assertTrue(estimate.undefinedReason().contains("are 1"), estimate.undefinedReason());
        assertTrue(Double.isNaN(estimate.dimension()));
    }

    @Test
    void identicalPointsAreUndefined() {
        float[][] points = new float[30][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new float[] {-1f, 1f};
        }

        TwoNnEstimate estimate = TwoNn.estimate(points);

        assertFalse(estimate.defined());
        assertEquals(1, estimate.pointsUsed());
        assertEquals(29, estimate.duplicatesRemoved());
        assertTrue(Double.isNaN(estimate.dimension()));
    }

    @Test
    void rejectsNaN() {
        float[][] points = {{0f, 0f}, {1f, 0f}, {0f, Float.NaN}, {2f, 2f}};

        assertThrows(IllegalArgumentException.class, () -> TwoNn.estimate(points));
    }
}
