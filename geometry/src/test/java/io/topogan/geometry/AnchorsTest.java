package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnchorsTest {

    private static final float[][] POINTS = {
        {0f, 0f}, {1f, 0f}, {0f, 1f}, {1f, 0f}, {2f, 2f}, {0f, 0f}, {-0f, 1f}, {3f, 1f}
    };

    @Test
    void allSelectsNothing() {
        DistinctPoints distinct = DistinctPoints.of(POINTS);

        assertNull(Anchors.all().select(POINTS, distinct));
        assertEquals(5, Anchors.all().countFor(5));
        assertTrue(Anchors.all().isAll());
    }

    @Test
    void duplicateRowsStandForFirstCopy() {
        // Distinct rows in input order: 0, 1, 2, 4, 7. Row 3 repeats row 1, row 6 repeats row 2.
        DistinctPoints distinct = DistinctPoints.of(POINTS);

        int[] selected = Anchors.rows(7, 3, 6).select(POINTS, distinct);

        assertArrayEquals(new int[] {1, 2, 4}, selected);
    }

    @Test
    void twoRowsOfOnePointRejected() {
        DistinctPoints distinct = DistinctPoints.of(POINTS);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Anchors.rows(0, 4, 5).select(POINTS, distinct));

        assertTrue(error.getMessage().contains("anchor rows 0 and 5 are the same point"),
                error.getMessage());
    }

    @Test
    void rowOutOfRangeRejected() {
        DistinctPoints distinct = DistinctPoints.of(POINTS);

        assertThrows(IllegalArgumentException.class,
                () -> Anchors.rows(8).select(POINTS, distinct));
        assertThrows(IllegalArgumentException.class,
                () -> Anchors.rows(-1).select(POINTS, distinct));
        assertThrows(IllegalArgumentException.class, () -> Anchors.rows());
    }

    @Test
    void countDrawsDistinctSortedIndices() {
        float[][] points = Fixtures.points("swissroll");
        DistinctPoints distinct = DistinctPoints.of(points);

        int[] selected = Anchors.count(60, 11).select(points, distinct);

        assertEquals(60, selected.length);
        for (int i = 1; i < selected.length; i++) {
            assertTrue(selected[i] > selected[i - 1], Arrays.toString(selected));
        }
        assertTrue(selected[0] >= 0);
        assertTrue(selected[59] < 500);
        assertArrayEquals(selected, Anchors.count(60, 11).select(points, distinct));
        assertFalse(Arrays.equals(selected, Anchors.count(60, 12).select(points, distinct)));
    }

    @Test
    void fractionRoundsWithAtLeastOne() {
        assertEquals(70, Anchors.fraction(0.7).countFor(100));
        assertEquals(700, Anchors.fraction(0.7).countFor(1000));
        assertEquals(1, Anchors.fraction(0.001).countFor(100));
        assertEquals(100, Anchors.fraction(1.0).countFor(100));
    }

    @Test
    void invalidChoicesRejected() {
        assertThrows(IllegalArgumentException.class, () -> Anchors.count(0));
        assertThrows(IllegalArgumentException.class, () -> Anchors.fraction(0));
        assertThrows(IllegalArgumentException.class, () -> Anchors.fraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> Anchors.fraction(Double.NaN));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Anchors.count(6).countFor(5));
        assertTrue(tooMany.getMessage().contains("6 anchors exceed the 5 distinct points"),
                tooMany.getMessage());
    }
}
