package io.topogan.formats;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST, plain or
 * gzipped (detected by the gzip magic bytes 1f 8b).
 *
 * <p>Layout: two zero bytes, the element type (0x08 for unsigned byte, the only one supported),
 * the number of dimensions, each dimension as a big-endian 32-bit integer, then the elements in
 * C order. An image file has dimensions (n, 28, 28) and a label file (n).
 */
public final class Idx {

    /** Largest element count accepted, the largest array length the JVM allocates reliably. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /** An IDX array: dimensions (outermost first) and the elements as unsigned bytes. */
    public record IdxData(int[] dims, byte[] data) {

        /** Length of the first axis: the number of images or labels. */
        public int count() {
            return dims.length == 0 ? 1 : dims[0];
        }

        /** Product of the axes after the first: 784 for 28x28 images, 1 for labels. */
        public int itemLength() {
            int length = 1;
            for (int axis = 1; axis < dims.length; axis++) {
                length *= dims[axis];
            }
            return length;
        }

        /** Returns element {@code index} as an int in 0..255. */
        public int unsigned(int index) {
            return data[index] & 0xFF;
        }
    }

    /** Reads an IDX file, gzipped or not; the error message names the file. */
    public static IdxData read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IdxFormatException e) {
            throw new IdxFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one IDX array from the stream, gzipped or not, and checks that nothing follows it.
     * Accepts at most {@link #MAX_ELEMENTS} elements.
     */
    public static IdxData read(InputStream input) throws IOException {
        return read(input, MAX_ELEMENTS);
    }

    /**
     * As {@link #read(InputStream)}, rejecting dimensions that declare more than
     * {@code maxElements} elements before any data is read, so that a small gzipped file cannot
     * expand into a large allocation.
     *
     * @throws IdxFormatException if the bytes are not a valid unsigned-byte IDX file, including
     *     corrupt or truncated gzip data
     */
    public static IdxData read(InputStream input, long maxElements) throws IOException {
        if (maxElements < 0 || maxElements > MAX_ELEMENTS) {
            throw new IllegalArgumentException("maxElements must be in 0.." + MAX_ELEMENTS
                    + ", got " + maxElements);
        }
        InputStream in = new BufferedInputStream(input, 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first != 0x1f || second != 0x8b) {
            return readRaw(in, maxElements);
        }
        try {
            // The GZIPInputStream constructor already reads the gzip header.
            return readRaw(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16),
                    maxElements);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException("invalid IDX file: corrupt or truncated gzip data ("
                    + e.getMessage() + ")", e);
        }
    }

    private static IdxData readRaw(InputStream in, long maxElements) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException("not an IDX file: it must start with two zero bytes, an"
                    + " element type and the number of dimensions");
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(String.format("unsupported IDX element type 0x%02x;"
                    + " only unsigned bytes (0x08) are supported", type));
        }
        int ndim = magic[3] & 0xFF;
        if (ndim == 0) {
            throw new IdxFormatException("invalid IDX file: zero dimensions");
        }
        byte[] dimBytes = in.readNBytes(4 * ndim);
        if (dimBytes.length < 4 * ndim) {
            throw new IdxFormatException("truncated IDX file: it ends inside the " + ndim
                    + " dimensions");
        }
        int[] dims = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            long dim = ((dimBytes[4 * i] & 0xFFL) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
            if (dim > Integer.MAX_VALUE) {
                throw new IdxFormatException("IDX dimensions " + describe(dimBytes, ndim)
                        + " contain a dimension of more than " + Integer.MAX_VALUE);
            }
            dims[i] = (int) dim;
        }
        // The product saturates just above the limit, so it cannot overflow, and a zero dimension
        // anywhere makes it 0.
        long count = 1;
        for (int dim : dims) {
            count = Math.min(count * dim, maxElements + 1);
        }
        if (count > maxElements) {
            throw new IdxFormatException("IDX dimensions " + Arrays.toString(dims)
                    + " declare more than " + maxElements + " elements");
        }

        // readNBytes grows its buffer with the bytes that arrive, so a huge declared size over a
        // short file fails without allocating the declared size.
        byte[] data = in.readNBytes((int) count);
        if (data.length < count) {
            throw new IdxFormatException("truncated IDX file: dimensions " + Arrays.toString(dims)
                    + " need " + count + " bytes of data but only " + data.length + " are present");
        }
        if (in.read() != -1) {
            throw new IdxFormatException("invalid IDX file: data continues after the " + count
                    + " bytes that dimensions " + Arrays.toString(dims) + " declare");
        }
        return new IdxData(dims, data);
    }

    private static String describe(byte[] dimBytes, int ndim) {
        long[] dims = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            dims[i] = ((dimBytes[4 * i] & 0xFFL) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
        }
        return Arrays.toString(dims);
    }

    /** Writes an unsigned-byte IDX file, gzipped when the file name ends with {@code .gz}. */
    public static void write(Path path, int[] dims, byte[] data) throws IOException {
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            if (gzip) {
                try (GZIPOutputStream out = new GZIPOutputStream(file, 1 << 16)) {
                    write(out, dims, data);
                }
            } else {
                write(file, dims, data);
            }
        }
    }

    /**
     * Writes an unsigned-byte IDX array to the stream without closing it.
     *
     * @throws IllegalArgumentException if {@code data.length} is not the product of {@code dims}
     */
    public static void write(OutputStream out, int[] dims, byte[] data) throws IOException {
        if (dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException("IDX needs 1 to 255 dimensions, got "
                    + dims.length);
        }
        long count = 1;
        for (int dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            count *= dim;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " need "
                    + count + " bytes but the data has " + data.length);
        }
        DataOutputStream header = new DataOutputStream(out);
        header.writeShort(0);
        header.writeByte(UNSIGNED_BYTE);
        header.writeByte(dims.length);
        for (int dim : dims) {
            header.writeInt(dim);
        }
        header.flush();
        out.write(data);
    }
}
