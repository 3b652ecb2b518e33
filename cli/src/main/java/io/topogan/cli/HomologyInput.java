package io.topogan.cli;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.formats.NpyDtype;
import io.topogan.formats.NpyFormatException;
import io.topogan.topology.DistanceMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Readers for the inputs of the homology commands: point clouds (text or {@code .npy}), Ripser's
 * lower-distance text and full distance matrices. Every reader rejects empty input and values
 * that are not finite numbers, with a message that names the file and the position.
 */
final class HomologyInput {

    /** Relative difference above which d(i, j) and d(j, i) count as different. */
    static final double SYMMETRY_TOLERANCE = 1e-6;

    /** Hint for a file that is not text, since these inputs may also be {@code .npy} files. */
    private static final String NPY_ALTERNATIVE = " (or a .npy file)";

    private HomologyInput() {
    }

    /** Layout of the input file, named as ripser's {@code --format} names it. */
    enum Kind {
        POINT_CLOUD("point-cloud"),
        LOWER_DISTANCE("lower-distance"),
        DISTANCE("distance");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        static Kind fromLabel(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * Euclidean distance matrix computed as ripser 1.2.1 computes it: squared differences summed
     * in float in coordinate order, then a float square root. The engine's
     * {@code DistanceMatrix.of} sums in double, which can change the last float bit and with it
     * the sixth printed digit, so the ripser output format uses this matrix instead.
     */
    static DistanceMatrix ripserEuclidean(float[][] points) {
        int n = points.length;
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        IntStream.range(1, n).parallel().forEach(i -> {
            int offset = (int) ((long) i * (i - 1) / 2);
            float[] x = points[i];
            for (int j = 0; j < i; j++) {
                float[] y = points[j];
                float sum = 0f;
                for (int k = 0; k < x.length; k++) {
                    float difference = x[k] - y[k];
                    sum += difference * difference;
                }
                lower[offset + j] = (float) Math.sqrt(sum);
            }
        });
        return DistanceMatrix.fromPackedLower(lower, n);
    }

    static boolean isNpy(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /**
     * Reads a point cloud, one point per row. A {@code .npy} file may be float32, float64,
     * int32, int64 or uint8 (read as 0..255, not rescaled) of any shape with at least one axis;
     * the first axis indexes the points and the others are flattened into coordinates.
     */
    static float[][] readPoints(Path file) throws IOException {
        if (isNpy(file)) {
            return readNpyPoints(file);
        }
        List<NumberTable.Row> rows = NumberTable.parse(file,
                NumberTable.readText(file, NPY_ALTERNATIVE), false, true);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty input, no points found");
        }
        NumberTable.requireRectangular(file, rows);
        float[][] points = new float[rows.size()][];
        for (int i = 0; i < points.length; i++) {
            double[] values = rows.get(i).values();
            points[i] = new float[values.length];
            for (int k = 0; k < values.length; k++) {
                points[i][k] = (float) values[k];
            }
        }
        return points;
    }

    private static NpyArray readNpy(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        try {
            return Npy.read(file);
        } catch (NpyFormatException e) {
            // The reader may already name the file; it is named once here.
            String prefix = file + ": ";
            String reason = e.getMessage().startsWith(prefix)
                    ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new IOException(file + ": invalid .npy file: " + reason, e);
        }
    }

    private static float[][] readNpyPoints(Path file) throws IOException {
        NpyArray array = readNpy(file);
        NpyDtype dtype = array.dtype();
        if (array.ndim() == 0) {
            throw new IllegalArgumentException(file + ": array is a scalar; expected one point"
                    + " per row along the first axis");
        }
        int n = array.rows();
        int width = array.rowLength();
        if (n == 0) {
            throw new IllegalArgumentException(file + ": empty input, shape "
                    + Arrays.toString(array.shape()) + " has no points");
        }
        if (width == 0) {
            throw new IllegalArgumentException(file + ": points have no coordinates, shape "
                    + Arrays.toString(array.shape()));
        }
        float[][] points = new float[n][width];
        // Doubles hold every int32 exactly and round an int64 once, as they round a float64.
        if (dtype == NpyDtype.FLOAT64 || dtype == NpyDtype.INT32 || dtype == NpyDtype.INT64) {
            double[] data = array.toDoubleArray();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < width; k++) {
                    double value = data[i * width + k];
                    requireFiniteElement(file, value, (float) value, i, k);
                    points[i][k] = (float) value;
                }
            }
        } else {
            float[] data = array.toFloatArray();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < width; k++) {
                    float value = data[i * width + k];
                    requireFiniteElement(file, value, value, i, k);
                    points[i][k] = value;
                }
            }
        }
        return points;
    }

    private static void requireFiniteElement(Path file, double value, float asFloat, int row,
            int column) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: point %d, coordinate %d is %s; only finite numbers are allowed", file,
                    row, column, value));
        }
        if (Float.isInfinite(asFloat)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: point %d, coordinate %d (%s) is outside the range of a 32-bit float",
                    file, row, column, value));
        }
    }

    /**
     * Reads Ripser's lower-distance text: the strict lower triangle d(1,0), d(2,0), d(2,1), ...
     * separated by commas, whitespace or newlines. The line breaks do not matter, only the count.
     */
    static DistanceMatrix readLowerDistance(Path file) throws IOException {
        if (isNpy(file)) {
            throw new IllegalArgumentException(file + ": lower-distance input must be text; use"
                    + " --input distance for a square .npy matrix");
        }
        List<NumberTable.Row> rows = NumberTable.parse(file,
                NumberTable.readText(file, NPY_ALTERNATIVE), false, true);
        int count = 0;
        for (NumberTable.Row row : rows) {
            count += row.values().length;
        }
        if (count == 0) {
            throw new IllegalArgumentException(file + ": empty input, no distances found");
        }
        int n = (int) Math.round((1 + Math.sqrt(1 + 8.0 * count)) / 2);
        if ((long) n * (n - 1) / 2 != count) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %d distances do not form a lower triangle, which has n(n-1)/2 entries"
                            + " for n points (nearest: %d for %d points)",
                    file, count, (long) n * (n - 1) / 2, n));
        }
        float[] lower = new float[count];
        int index = 0;
        for (NumberTable.Row row : rows) {
            double[] values = row.values();
            for (int column = 0; column < values.length; column++) {
                requireNonNegative(file, values[column],
                        "line " + row.line() + ", column " + (column + 1));
                lower[index++] = (float) values[column];
            }
        }
        return DistanceMatrix.fromPackedLower(lower, n);
    }

    /**
     * Reads a full square distance matrix (text or {@code .npy}), which must be symmetric with a
     * zero diagonal and non-negative entries.
     */
    static DistanceMatrix readDistance(Path file) throws IOException {
        double[][] rows;
        if (isNpy(file)) {
            NpyArray array = readNpy(file);
            if (array.ndim() != 2) {
                throw new IllegalArgumentException(file + ": a distance matrix must be 2-D, got"
                        + " shape " + Arrays.toString(array.shape()));
            }
            int n = array.rows();
            int width = array.rowLength();
            double[] data = array.toDoubleArray();
            rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(data, i * width, (i + 1) * width);
                for (int j = 0; j < width; j++) {
                    if (!Double.isFinite(rows[i][j])) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s: entry (%d, %d) is %s; only finite distances are allowed",
                                file, i, j, rows[i][j]));
                    }
                }
            }
        } else {
            List<NumberTable.Row> table = NumberTable.parse(file,
                    NumberTable.readText(file, NPY_ALTERNATIVE), false, true);
            if (table.isEmpty()) {
                throw new IllegalArgumentException(file + ": empty input, no distances found");
            }
            NumberTable.requireRectangular(file, table);
            rows = new double[table.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = table.get(i).values();
            }
        }
        return checkedMatrix(file, rows);
    }

    private static DistanceMatrix checkedMatrix(Path file, double[][] rows) {
        int n = rows.length;
        if (n == 0) {
            throw new IllegalArgumentException(file + ": empty input, no distances found");
        }
        if (rows[0].length != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: a distance matrix must be square, got %d rows of %d values", file, n,
                    rows[0].length));
        }
        for (int i = 0; i < n; i++) {
            if (rows[i][i] != 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: diagonal entry (%d, %d) is %s; the distance of a point to itself"
                                + " must be 0", file, i + 1, i + 1, rows[i][i]));
            }
            for (int j = 0; j < i; j++) {
                requireNonNegative(file, rows[i][j], "row " + (i + 1) + ", column " + (j + 1));
                requireNonNegative(file, rows[j][i], "row " + (j + 1) + ", column " + (i + 1));
                double scale = Math.max(Math.abs(rows[i][j]), Math.abs(rows[j][i]));
                if (Math.abs(rows[i][j] - rows[j][i]) > SYMMETRY_TOLERANCE * scale) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: asymmetric distance matrix: entry (%d, %d) is %s but (%d, %d)"
                                    + " is %s", file, i + 1, j + 1, rows[i][j], j + 1, i + 1,
                            rows[j][i]));
                }
            }
        }
        return DistanceMatrix.fromRows(rows);
    }

    private static void requireNonNegative(Path file, double value, String position) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    file + ": " + position + ": negative distance " + value);
        }
    }
}
