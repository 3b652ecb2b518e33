package io.topogan.geometry;

/**
 * The k nearest neighbours of every point of a cloud, the point itself excluded.
 *
 * <p>Row {@code i} of both arrays describes point {@code i}: {@code indices[i][j]} is the row index
 * of its (j+1)-th nearest neighbour and {@code distances[i][j]} the Euclidean distance to it, in
 * the units of the coordinates. Each row is sorted by ascending distance, and equal distances are
 * ordered by ascending index. The arrays are shared, not copied.
 *
 * @param indices {@code n x k} neighbour row indices
 * @param distances {@code n x k} Euclidean distances, computed in double precision
 */
public record Neighbors(int[][] indices, double[][] distances) {

    /** Returns the number of points, {@code n}. */
    public int size() {
        return indices.length;
    }

    /** Returns the number of neighbours per point, {@code k}. */
    public int k() {
        return indices.length == 0 ? 0 : indices[0].length;
    }
}
