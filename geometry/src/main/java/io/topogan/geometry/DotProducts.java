package io.topogan.geometry;

/**
 * Alternative kernel for the screening phase of {@link NearestNeighbors}: float dot products of
 * centred points, for example from an optimised BLAS. The search stays exact with any kernel
 * whose dot products are computed in IEEE float arithmetic, in any summation order, because the
 * error bound of the refinement phase holds for every order. The bound assumes gradual
 * underflow, so a kernel must not flush subnormal values to zero or round operands to a
 * narrower format (such as TF32 or bfloat16 on accelerators).
 */
public interface DotProducts {

    /**
     * Prepares the kernel for one search.
     *
     * @param transposed centred coordinates, {@code transposed[c][i]} for coordinate c of point
     *     i; the caller does not modify them while the session is open
     */
    Session open(float[][] transposed);

    /** The prepared points of one search. */
    interface Session extends AutoCloseable {

        /**
         * Sets {@code out[r][j]} to the float dot product of points {@code start + r} and j, for
         * {@code r < rows} and every point j.
         */
        void fill(int start, int rows, float[][] out);

        @Override
        void close();
    }
}
