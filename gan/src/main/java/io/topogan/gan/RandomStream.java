package io.topogan.gan;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Seeded pseudo-random stream whose whole state can be saved and restored, so that a resumed
 * training run draws the same numbers as an uninterrupted one.
 *
 * <p>The generator is Blackman and Vigna's xoshiro256**, with its four state words filled
 * from the seed by SplitMix64. Gaussian values come from Marsaglia's polar method, which makes
 * two values per accepted pair and keeps the second one for the next call, so the state is the
 * four words plus that cached value. {@link StrictMath} makes the Gaussian values identical on
 * every JVM.
 *
 * <p>Not thread-safe.
 */
final class RandomStream {

    /** Number of bytes {@link #writeState} writes. */
    static final int STATE_BYTES = 4 * Long.BYTES + 1 + Double.BYTES;

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    /** Creates a stream whose state is derived from the seed. */
    RandomStream(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mixSplit(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mixSplit(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mixSplit(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mixSplit(x);
    }

    /** Returns the next 64 random bits. */
    long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Returns a uniform double in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Returns a uniform float in [0, 1) with 24 random bits. */
    float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /**
     * Returns a uniform int in [0, bound), without modulo bias: 31-bit draws from the top of the
     * range that would make some remainders more frequent are rejected.
     *
     * @throws IllegalArgumentException if bound is not positive
     */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int limit = Integer.MAX_VALUE - (int) ((1L << 31) % bound);
        while (true) {
            int bits = (int) (nextLong() >>> 33);
            if (bits <= limit) {
                return bits % bound;
            }
        }
    }

    /** Returns a standard normal value. */
    double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /** Writes the state, {@link #STATE_BYTES} bytes. */
    void writeState(DataOutput out) throws IOException {
        out.writeLong(s0);
        out.writeLong(s1);
        out.writeLong(s2);
        out.writeLong(s3);
        out.writeBoolean(hasSpareGaussian);
        out.writeDouble(spareGaussian);
    }

    /**
     * Replaces the state with one written by {@link #writeState}.
     *
     * @throws IOException if the input ends early
     * @throws TrainingStateException if all four state words are zero, a state xoshiro256**
     *     never leaves and never reaches from a seed
     */
    void readState(DataInput in) throws IOException {
        long[] words = {in.readLong(), in.readLong(), in.readLong(), in.readLong()};
        boolean hasSpare = in.readBoolean();
        double spare = in.readDouble();
        if ((words[0] | words[1] | words[2] | words[3]) == 0) {
            throw new TrainingStateException(
                    "Invalid random stream state in the training state: all words are zero");
        }
        s0 = words[0];
        s1 = words[1];
        s2 = words[2];
        s3 = words[3];
        hasSpareGaussian = hasSpare;
        spareGaussian = spare;
    }

    /** SplitMix64's output function. */
    private static long mixSplit(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
