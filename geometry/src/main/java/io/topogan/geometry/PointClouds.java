package io.topogan.geometry;

/** Input checks shared by the nearest-neighbour search and the estimators. */
final class PointClouds {

    private PointClouds() {
    }

    /**
     * Checks that {@code points} is a non-empty array of rows of one length of at least 1, with
     * finite values only, and returns that length.
     *
     * @throws IllegalArgumentException naming the first row and column that break the rule
     */
    static int requireValid(float[][] points) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException("point cloud is empty: pass at least one row");
        }
        if (points[0] == null || points[0].length == 0) {
            throw new IllegalArgumentException("row 0 has no coordinates: rows need length >= 1");
        }
        int dimension = points[0].length;
        for (int i = 0; i < points.length; i++) {
            float[] row = points[i];
            if (row == null || row.length != dimension) {
                int length = row == null ? 0 : row.length;
                throw new IllegalArgumentException("ragged point cloud: row " + i + " has "
                        + length + " values but row 0 has " + dimension);
            }
            for (int c = 0; c < dimension; c++) {
                if (!Float.isFinite(row[c])) {
                    throw new IllegalArgumentException("point cloud contains " + row[c]
                            + " at row " + i + ", column " + c + ": only finite values are valid");
                }
            }
        }
        return dimension;
    }
}
