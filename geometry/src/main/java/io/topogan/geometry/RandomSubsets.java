package io.topogan.geometry;

import java.util.SplittableRandom;

/** Seeded random subsets and orders of point indices. */
final class RandomSubsets {

    private RandomSubsets() {
    }

    /**
     * Returns the first {@code count} entries of a uniformly random permutation of
     * {@code 0..n-1}, by a partial Fisher-Yates shuffle. Every prefix of the result is a uniformly
     * random subset of its size.
     */
    static int[] shuffledPrefix(int n, int count, SplittableRandom random) {
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("cannot draw " + count + " of " + n + " indices");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int swapped = order[i];
            order[i] = order[j];
            order[j] = swapped;
        }
        int[] prefix = new int[count];
        System.arraycopy(order, 0, prefix, 0, count);
        return prefix;
    }
}
