package io.topogan.formats;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and writes NumPy {@code .npy} files.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, C order, and the dtypes of
 * {@link NpyDtype} in either byte order. Writing produces version 1.0, or 2.0 when the header does
 * not fit in 65535 bytes, little endian, with the header padded so that the data starts at a
 * multiple of 64 bytes, as NumPy does.
 *
 * <p>NOTE: {@code numpy.load} (1.24) rejects headers over 10000 bytes unless given a larger
 * {@code max_header_size}, and NumPy arrays have at most 32 dimensions (64 from NumPy 2.0), so a
 * version 2.0 file written here is readable by NumPy's header parser but not loadable as is.
 *
 * <p>A hostile header cannot cause an {@code OutOfMemoryError}: the header text is capped at
 * {@value #MAX_HEADER_BYTES} bytes, the element count at a configurable maximum, and when the data
 * length is unknown (a plain stream) the element array grows with the bytes that actually arrive.
 */
public final class Npy {

    /** Default maximum number of elements, the largest array length the JVM allocates reliably. */
    public static final long DEFAULT_MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** Maximum header length accepted on read; NumPy's own writer stays far below it. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final int CHUNK_BYTES = 1 << 20;

    private Npy() {
    }

    /** Reads a {@code .npy} file with at most {@link #DEFAULT_MAX_ELEMENTS} elements. */
    public static NpyArray read(Path path) throws IOException {
        return read(path, DEFAULT_MAX_ELEMENTS);
    }

    /** Reads a {@code .npy} file, rejecting shapes with more than {@code maxElements} elements. */
    public static NpyArray read(Path path, long maxElements) throws IOException {
        long fileSize = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(in, fileSize, maxElements);
        } catch (NpyFormatException e) {
            throw new NpyFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code .npy} image held in memory. */
    public static NpyArray read(byte[] bytes) throws IOException {
        return read(bytes, DEFAULT_MAX_ELEMENTS);
    }

    /** Reads a {@code .npy} image held in memory, with a maximum element count. */
    public static NpyArray read(byte[] bytes, long maxElements) throws IOException {
        return read(new ByteArrayInputStream(bytes), bytes.length, maxElements);
    }

    /**
     * Reads one array from the stream and leaves it positioned after the data. The stream is not
     * closed.
     */
    public static NpyArray read(InputStream in) throws IOException {
        return read(in, -1, DEFAULT_MAX_ELEMENTS);
    }

    /** As {@link #read(InputStream)}, with a maximum element count. */
    public static NpyArray read(InputStream in, long maxElements) throws IOException {
        return read(in, -1, maxElements);
    }

    /**
     * Reads header and data; {@code totalBytes} is the length of the whole input when known, or
     * -1, and lets a truncated file be rejected before any data array is allocated.
     */
    private static NpyArray read(InputStream in, long totalBytes, long maxElements)
            throws IOException {
        if (maxElements < 0 || maxElements > DEFAULT_MAX_ELEMENTS) {
            throw new IllegalArgumentException("maxElements must be in 0.." + DEFAULT_MAX_ELEMENTS
                    + ", got " + maxElements);
        }
        byte[] prefix = new byte[MAGIC.length + 2];
        int prefixRead = in.readNBytes(prefix, 0, prefix.length);
        if (prefixRead < MAGIC.length || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0,
                MAGIC.length)) {
            throw new NpyFormatException("not a .npy file: the magic string \\x93NUMPY is missing");
        }
        if (prefixRead < prefix.length) {
            throw new NpyFormatException("truncated .npy file: it ends inside the version bytes");
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException("unsupported .npy format version " + major + "." + minor
                    + "; supported are 1.0, 2.0 and 3.0");
        }
        int lengthFieldBytes = major == 1 ? 2 : 4;
        byte[] lengthField = readFully(in, lengthFieldBytes, "header length");
        long headerLength = 0;
        for (int i = lengthFieldBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (lengthField[i] & 0xFF);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException("invalid .npy header length " + headerLength
                    + " bytes; at most " + MAX_HEADER_BYTES + " are accepted");
        }
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String headerText = new String(readFully(in, (int) headerLength, "header"), charset);
        NpyHeader header = NpyHeader.parse(headerText);
        if (header.fortranOrder()) {
            throw new NpyFormatException("fortran_order=True is not supported; save the array in"
                    + " C order, e.g. numpy.save(path, numpy.ascontiguousarray(array))");
        }

        int[] shape = checkedShape(header.shape(), maxElements);
        int count = (int) product(header.shape());
        long dataBytes = (long) count * header.dtype().itemSize();
        if (totalBytes >= 0) {
            long available = totalBytes - prefix.length - lengthFieldBytes - headerLength;
            if (available < dataBytes) {
                throw truncated(header, dataBytes, available);
            }
        }
        Object data = readData(in, header, count, totalBytes >= 0, dataBytes);
        return NpyArray.wrap(header.dtype(), shape, data);
    }

    private static int[] checkedShape(long[] dimensions, long maxElements)
            throws NpyFormatException {
        long count = product(dimensions);
        if (count < 0 || count > maxElements) {
            throw new NpyFormatException("shape " + Arrays.toString(dimensions) + " declares "
                    + (count < 0 ? "more than 2^63" : String.valueOf(count))
                    + " elements, more than the maximum of " + maxElements);
        }
        int[] shape = new int[dimensions.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) dimensions[i];
        }
        return shape;
    }

    /** Returns the product of the dimensions, or -1 on overflow of a long. */
    private static long product(long[] dimensions) {
        long count = 1;
        for (long dimension : dimensions) {
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return count;
    }

    /**
     * Reads {@code count} elements in chunks. With a known input length the element array is
     * allocated at once. Otherwise it starts small and doubles as bytes arrive, so a header that
     * declares a huge shape over a short stream fails before much memory is allocated.
     */
    private static Object readData(InputStream in, NpyHeader header, int count,
            boolean lengthKnown, long dataBytes) throws IOException {
        NpyDtype dtype = header.dtype();
        int itemSize = dtype.itemSize();
        int capacity = lengthKnown ? count : Math.min(count, CHUNK_BYTES / itemSize);
        Object data = allocate(dtype, capacity);
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(dataBytes, itemSize))];
        int filled = 0;
        while (filled < count) {
            int elements = Math.min(count - filled, chunk.length / itemSize);
            int bytes = elements * itemSize;
            int read = in.readNBytes(chunk, 0, bytes);
            if (read < bytes) {
                long received = (long) filled * itemSize + read;
                throw truncated(header, dataBytes, received);
            }
            if (filled + elements > capacity) {
                capacity = (int) Math.min(count, Math.max((long) capacity * 2, filled + elements));
                data = grow(data, capacity);
            }
            decode(ByteBuffer.wrap(chunk, 0, bytes).order(header.byteOrder()), dtype, data,
                    filled, elements);
            filled += elements;
        }
        return data;
    }

    private static NpyFormatException truncated(NpyHeader header, long dataBytes, long available) {
        return new NpyFormatException("truncated .npy file: shape "
                + Arrays.toString(header.shape()) + " of " + header.dtype() + " needs "
                + dataBytes + " data bytes but only " + Math.max(available, 0) + " are present");
    }

    private static Object allocate(NpyDtype dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new float[length];
            case FLOAT64 -> new double[length];
            case UINT8 -> new byte[length];
            case INT32 -> new int[length];
            case INT64 -> new long[length];
        };
    }

    private static Object grow(Object data, int length) {
        if (data instanceof float[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof double[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof byte[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof int[] values) {
            return Arrays.copyOf(values, length);
        }
        return Arrays.copyOf((long[]) data, length);
    }

    private static void decode(ByteBuffer buffer, NpyDtype dtype, Object data, int offset,
            int count) {
        switch (dtype) {
            case FLOAT32 -> buffer.asFloatBuffer().get((float[]) data, offset, count);
            case FLOAT64 -> buffer.asDoubleBuffer().get((double[]) data, offset, count);
            case UINT8 -> buffer.get((byte[]) data, offset, count);
            case INT32 -> buffer.asIntBuffer().get((int[]) data, offset, count);
            case INT64 -> buffer.asLongBuffer().get((long[]) data, offset, count);
        }
    }

    private static byte[] readFully(InputStream in, int length, String part) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new NpyFormatException("truncated .npy file: it ends inside the " + part
                    + " (" + bytes.length + " of " + length + " bytes)");
        }
        return bytes;
    }

    /** Writes the array to a file, replacing it if present. */
    public static void write(Path path, NpyArray array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            write(out, array);
        }
    }

    /** Returns the {@code .npy} encoding of the array. */
    public static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the array in format 1.0 (2.0 for headers over 65535 bytes), little endian. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(encodeHeader(array));
        NpyDtype dtype = array.dtype();
        Object data = array.dataView();
        if (dtype == NpyDtype.UINT8) {
            out.write((byte[]) data);
            return;
        }
        int itemSize = dtype.itemSize();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buffer.capacity() / itemSize;
        for (int offset = 0; offset < array.size(); offset += perChunk) {
            int count = Math.min(perChunk, array.size() - offset);
            buffer.clear();
            switch (dtype) {
                case FLOAT32 -> buffer.asFloatBuffer().put((float[]) data, offset, count);
                case FLOAT64 -> buffer.asDoubleBuffer().put((double[]) data, offset, count);
                case INT32 -> buffer.asIntBuffer().put((int[]) data, offset, count);
                case INT64 -> buffer.asLongBuffer().put((long[]) data, offset, count);
                default -> throw new IllegalStateException("unexpected dtype " + dtype);
            }
            out.write(buffer.array(), 0, count * itemSize);
        }
    }

    /**
     * Returns magic, version, header length and the header dictionary padded with spaces and a
     * final newline so that the total is a multiple of {@value #ALIGNMENT} bytes.
     */
    static byte[] encodeHeader(NpyArray array) {
        int[] shape = array.shape();
        StringBuilder shapeText = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            shapeText.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        shapeText.append(shape.length == 1 ? ",)" : ")");
        String dictionary = "{'descr': '" + array.dtype().littleEndianDescr()
                + "', 'fortran_order': False, 'shape': " + shapeText + ", }";

        int major = 1;
        int lengthFieldBytes = 2;
        int padded = paddedHeaderLength(dictionary.length(), lengthFieldBytes);
        if (padded > 0xFFFF) {
            major = 2;
            lengthFieldBytes = 4;
            padded = paddedHeaderLength(dictionary.length(), lengthFieldBytes);
        }
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + lengthFieldBytes + padded)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            header.putShort((short) padded);
        } else {
            header.putInt(padded);
        }
        header.put(dictionary.getBytes(StandardCharsets.ISO_8859_1));
        while (header.position() < header.capacity() - 1) {
            header.put((byte) ' ');
        }
        header.put((byte) '\n');
        return header.array();
    }

    private static int paddedHeaderLength(int dictionaryLength, int lengthFieldBytes) {
        int unpadded = MAGIC.length + 2 + lengthFieldBytes + dictionaryLength + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        return total - MAGIC.length - 2 - lengthFieldBytes;
    }
}
