package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistinctPointsTest {

    @Test
    void keepsFirstOccurrenceInOrder() {
        float[][] points = {{1f, 2f}, {3f, 4f}, {1f, 2f}, {5f, 6f}, {3f, 4f}, {1f, 2f}};

        DistinctPoints distinct = DistinctPoints.of(points);

        assertArrayEquals(new int[] {0, 1, 3}, distinct.sourceIndices());
        assertEquals(3, distinct.duplicatesRemoved());
        assertEquals(3, distinct.points().length);
        assertSame(points[3], distinct.points()[2]);
    }

    @Test
    void negativeZeroEqualsZero() {
        float[][] points = {{0f, 1f}, {-0f, 1f}, {0f, -1f}};

        DistinctPoints distinct = DistinctPoints.of(points);

        assertArrayEquals(new int[] {0, 2}, distinct.sourceIndices());
        assertEquals(1, distinct.duplicatesRemoved());
    }

    @Test
    void nearlyEqualRowsAreKept() {
        float[][] points = {{1f, 1f}, {Math.nextUp(1f), 1f}};

        assertEquals(0, DistinctPoints.of(points).duplicatesRemoved());
    }

    @Test
    void duplicatesFixtureCount() {
        float[][] points = Fixtures.points("duplicates");
        double expected = Fixtures.estimates("duplicates").get("duplicatesRemoved");

        assertEquals((int) expected, DistinctPoints.of(points).duplicatesRemoved());
    }

    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class,
                () -> DistinctPoints.of(new float[][] {{Float.NaN}, {Float.NaN}}));
    }
}
