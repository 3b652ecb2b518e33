package io.topogan.formats;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array in C (row-major) order, as stored in a {@code .npy} file: a dtype, a
 * shape and one primitive Java array with the elements ({@code float[]} for float32,
 * {@code double[]} for float64, {@code byte[]} for uint8, {@code int[]} for int32, {@code long[]}
 * for int64). A scalar has the empty shape and one element.
 *
 * <p>The factories and accessors copy the arrays, so an instance is immutable.
 */
public final class NpyArray {

    private final NpyDtype dtype;
    private final int[] shape;
    private final Object data;
    private final int size;

    private NpyArray(NpyDtype dtype, int[] shape, Object data, int length) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
        this.size = length;
        long expected = elementCount(this.shape);
        if (expected != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + expected + " elements but the data has " + length);
        }
    }

    /** Wraps float32 elements in C order; {@code data.length} must be the product of the shape. */
    public static NpyArray ofFloat32(int[] shape, float[] data) {
        return new NpyArray(NpyDtype.FLOAT32, shape, data.clone(), data.length);
    }

    /** Wraps float64 elements in C order; {@code data.length} must be the product of the shape. */
    public static NpyArray ofFloat64(int[] shape, double[] data) {
        return new NpyArray(NpyDtype.FLOAT64, shape, data.clone(), data.length);
    }

    /**
     * Wraps uint8 elements in C order; each Java byte is read as unsigned (0..255) by the
     * conversions.
     */
    public static NpyArray ofUint8(int[] shape, byte[] data) {
        return new NpyArray(NpyDtype.UINT8, shape, data.clone(), data.length);
    }

    /** Wraps int32 elements in C order; {@code data.length} must be the product of the shape. */
    public static NpyArray ofInt32(int[] shape, int[] data) {
        return new NpyArray(NpyDtype.INT32, shape, data.clone(), data.length);
    }

    /** Wraps int64 elements in C order; {@code data.length} must be the product of the shape. */
    public static NpyArray ofInt64(int[] shape, long[] data) {
        return new NpyArray(NpyDtype.INT64, shape, data.clone(), data.length);
    }

    /** Wraps a primitive array without copying it; used by the reader, which owns the array. */
    static NpyArray wrap(NpyDtype dtype, int[] shape, Object data) {
        int length = java.lang.reflect.Array.getLength(data);
        return new NpyArray(dtype, shape, data, length);
    }

    /**
     * Returns the number of elements of {@code shape}, or throws if a dimension is negative or
     * the product exceeds {@code Integer.MAX_VALUE}.
     */
    static long elementCount(int[] shape) {
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape "
                        + Arrays.toString(shape));
            }
            count *= dimension;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return count;
    }

    public NpyDtype dtype() {
        return dtype;
    }

    /** Dimensions, outermost first; empty for a scalar. Returns a copy. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements, the product of the shape (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Length of the first axis, or 1 for a scalar. */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /**
     * Product of all axes but the first (1 for a scalar or a 1-D array). For an array of shape
     * (0, 3, 4) this is 12, so a caller can check the row layout even when there are no rows.
     */
    public int rowLength() {
        int length = 1;
        for (int axis = 1; axis < shape.length; axis++) {
            length *= shape[axis];
        }
        return length;
    }

    /** Returns the elements converted to float in C order (uint8 as 0..255). */
    public float[] toFloatArray() {
        float[] out = new float[size];
        switch (dtype) {
            case FLOAT32 -> System.arraycopy(data, 0, out, 0, size);
            case FLOAT64 -> {
                double[] values = (double[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = (float) values[i];
                }
            }
            case UINT8 -> {
                byte[] values = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] & 0xFF;
                }
            }
            case INT32 -> {
                int[] values = (int[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i];
                }
            }
            case INT64 -> {
                long[] values = (long[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i];
                }
            }
        }
        return out;
    }

    /** Returns the elements converted to double in C order (uint8 as 0..255). */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        switch (dtype) {
            case FLOAT32 -> {
                float[] values = (float[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i];
                }
            }
            case FLOAT64 -> System.arraycopy(data, 0, out, 0, size);
            case UINT8 -> {
                byte[] values = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] & 0xFF;
                }
            }
            case INT32 -> {
                int[] values = (int[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i];
                }
            }
            case INT64 -> {
                long[] values = (long[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i];
                }
            }
        }
        return out;
    }

    /**
     * Returns the elements as long in C order (uint8 as 0..255).
     *
     * @throws IllegalStateException for float dtypes, which do not convert exactly
     */
    public long[] toLongArray() {
        long[] out = new long[size];
        switch (dtype) {
            case UINT8 -> {
                byte[] values = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] & 0xFF;
                }
            }
            case INT32 -> {
                int[] values = (int[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = values[i];
                }
            }
            case INT64 -> System.arraycopy(data, 0, out, 0, size);
            default -> throw new IllegalStateException(
                    "toLongArray needs an integer dtype, this array is " + dtype);
        }
        return out;
    }

    /**
     * Returns the elements as float[rows()][rowLength()], e.g. an (n, 3, 32, 32) image batch as n
     * flattened CHW vectors.
     */
    public float[][] toFloatRows() {
        float[] flat = toFloatArray();
        int rowLength = rowLength();
        float[][] out = new float[rows()][];
        for (int row = 0; row < out.length; row++) {
            out[row] = Arrays.copyOfRange(flat, row * rowLength, (row + 1) * rowLength);
        }
        return out;
    }

    /**
     * Returns a copy of the raw elements of the stored dtype: {@code float[]}, {@code double[]},
     * {@code byte[]}, {@code int[]} or {@code long[]}.
     */
    public Object rawData() {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data).clone();
            case FLOAT64 -> ((double[]) data).clone();
            case UINT8 -> ((byte[]) data).clone();
            case INT32 -> ((int[]) data).clone();
            case INT64 -> ((long[]) data).clone();
        };
    }

    /** The stored array itself, for the writer; callers must not modify it. */
    Object dataView() {
        return data;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NpyArray that)) {
            return false;
        }
        return dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && Objects.deepEquals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), size);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
