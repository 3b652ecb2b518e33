package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares barcodes as multisets of intervals up to a relative tolerance. Ripser prints six
 * significant digits, so 1e-5 relative is the tightest tolerance its output supports.
 */
final class BarcodeAssertions {

    static final double RELATIVE_TOLERANCE = 1e-5;

    private BarcodeAssertions() {
    }

    static void assertSameBars(PersistenceDiagram expected, PersistenceDiagram actual,
            String label) {
        assertEquals(expected.size(), actual.size(),
                label + " H" + expected.dimension() + ": number of bars differs;\nexpected "
                        + expected + "\nactual   " + actual);
        boolean[] used = new boolean[actual.size()];
        for (int i = 0; i < expected.size(); i++) {
            int best = -1;
            double bestError = Double.POSITIVE_INFINITY;
            for (int j = 0; j < actual.size(); j++) {
                if (used[j]) {
                    continue;
                }
                double error = Math.max(
                        relativeError(expected.birth(i), actual.birth(j)),
                        relativeError(expected.death(i), actual.death(j)));
                if (error < bestError) {
                    bestError = error;
                    best = j;
                }
            }
            if (bestError > RELATIVE_TOLERANCE) {
                fail(label + " H" + expected.dimension() + ": no bar matches [" + expected.birth(i)
                        + ", " + expected.death(i) + ")\nexpected " + expected
                        + "\nactual   " + actual);
            }
            used[best] = true;
        }
    }

    private static double relativeError(double expected, double actual) {
        if (expected == actual) {
            return 0;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(expected - actual) / Math.max(Math.abs(expected), 1e-6);
    }
}
