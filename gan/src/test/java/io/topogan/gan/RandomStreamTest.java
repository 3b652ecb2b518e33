package io.topogan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

    private static final int DRAWS = 200_000;

    @Test
    void gaussianHasUnitMoments() {
        RandomStream stream = new RandomStream(1234);
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double value = stream.nextGaussian();
            sum += value;
            sumOfSquares += value * value;
        }
        double mean = sum / DRAWS;
        double variance = sumOfSquares / DRAWS - mean * mean;
        // Standard errors are about 0.0022 for the mean and 0.0032 for the variance.
        assertEquals(0, mean, 0.015, "mean");
        assertEquals(1, variance, 0.02, "variance");
    }

    @Test
    void uniformValuesStayInRange() {
        RandomStream stream = new RandomStream(7);
        int[] counts = new int[6];
        for (int i = 0; i < DRAWS; i++) {
            double d = stream.nextDouble();
            float f = stream.nextFloat();
            assertTrue(d >= 0, "double " + d);
            assertTrue(d < 1, "double " + d);
            assertTrue(f >= 0, "float " + f);
            assertTrue(f < 1, "float " + f);
            counts[stream.nextInt(6)]++;
        }
        for (int count : counts) {
            // Expected DRAWS / 6 = 33333 per value, standard deviation about 167.
            assertEquals(DRAWS / 6.0, count, 1000, "count of one value of nextInt(6)");
        }
    }

    @Test
    void seedsGiveDistinctStreams() {
        RandomStream first = new RandomStream(1);
        RandomStream again = new RandomStream(1);
        RandomStream other = new RandomStream(2);
        long value = first.nextLong();
        assertEquals(value, again.nextLong());
        assertNotEquals(value, other.nextLong());
    }
}
