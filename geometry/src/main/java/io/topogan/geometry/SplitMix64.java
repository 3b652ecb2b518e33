package io.topogan.geometry;

/**
 * The SplitMix64 generator of Steele, Lea and Flood ("Fast splittable pseudorandom number
 * generators", OOPSLA 2014), written out step by step so that a script in another language can
 * reproduce the stream from the same seed.
 *
 * <p>Each call adds {@code 0x9E3779B97F4A7C15} to the 64-bit state and returns the state mixed as
 * <pre>
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   z =  z ^ (z >>> 31)
 * </pre>
 * with all arithmetic modulo 2^64.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** Advances the state and returns the next 64 random bits. */
    long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns an index in {@code [0, bound)} as {@code ((nextLong() >>> 32) * bound) >>> 32}, the
     * multiply-shift map of the upper 32 bits. Without a rejection step an index is off from
     * uniform by at most {@code bound / 2^32} in probability, negligible for point clouds.
     *
     * @param bound number of indices, between 1 and 2^31 - 1
     */
    int nextIndex(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
