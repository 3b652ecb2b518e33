package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based tests of {@link Idx#read}, raw and gzipped: for any input it returns dimensions
 * whose product is the data length, or throws {@link IdxFormatException} with a message.
 */
class IdxFuzzTest {

    /** Element limit of the properties, small so that the guard is exercised. */
    private static final long MAX_ELEMENTS = 2000;

    /** Bytes one read may allocate beyond its input: stream buffers, inflater and class loading. */
    private static final long ALLOCATION_ALLOWANCE = 4L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Property(tries = 1000)
    void arbitraryBytesReadOrRejected(@ForAll @Size(max = 200) byte[] bytes) throws IOException {
        assertReadOrRejected(bytes);
        assertReadOrRejected(gzip(bytes));
    }

    @Property(tries = 1000)
    void declaredDimsMatchDataLength(@ForAll("dims") int[] dims,
            @ForAll @IntRange(max = 2100) int dataLength) throws IOException {
        ByteBuffer file = ByteBuffer.allocate(4 + 4 * dims.length + dataLength);
        file.put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int dim : dims) {
            file.putInt(dim);
        }
        byte[] bytes = file.array();
        // Dimensions are read as unsigned 32-bit numbers; the reader accepts up to 2^31 - 1.
        boolean dimsInRange = Arrays.stream(dims).allMatch(dim -> dim >= 0);
        BigInteger count = BigInteger.ONE;
        for (int dim : dims) {
            count = count.multiply(BigInteger.valueOf(Integer.toUnsignedLong(dim)));
        }

        for (byte[] input : List.of(bytes, gzip(bytes))) {
            Idx.IdxData read = assertReadOrRejected(input);
            boolean valid = dimsInRange && count.equals(BigInteger.valueOf(dataLength))
                    && dataLength <= MAX_ELEMENTS;
            assertEquals(valid, read != null, "dims " + Arrays.toString(dims) + " with "
                    + dataLength + " data bytes");
            if (read != null) {
                assertArrayEquals(dims, read.dims());
            }
        }
    }

    @Property(tries = 300)
    void validFilesRoundTripAndTruncationsRejected(@ForAll("smallDims") int[] dims)
            throws IOException {
        byte[] data = new byte[(int) product(dims)];
        Arrays.fill(data, (byte) 0xAB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Idx.write(out, dims, data);
        byte[] raw = out.toByteArray();
        byte[] gzipped = gzip(raw);

        for (byte[] input : List.of(raw, gzipped)) {
            Idx.IdxData read = Idx.read(new ByteArrayInputStream(input), MAX_ELEMENTS);
            assertArrayEquals(dims, read.dims());
            assertArrayEquals(data, read.data());
            for (int length = 0; length < input.length; length++) {
                byte[] prefix = Arrays.copyOf(input, length);
                assertThrows(IdxFormatException.class,
                        () -> Idx.read(new ByteArrayInputStream(prefix), MAX_ELEMENTS),
                        "prefix of " + length + " bytes");
            }
        }
    }

    @Property(tries = 500)
    void bitFlipsReadOrRejected(@ForAll("smallDims") int[] dims, @ForAll boolean gzipped,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0) Integer> positions)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Idx.write(out, dims, new byte[(int) product(dims)]);
        byte[] bytes = gzipped ? gzip(out.toByteArray()) : out.toByteArray();
        for (int position : positions) {
            int bit = position % (bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        assertReadOrRejected(bytes);
    }

    @Example
    void corruptGzipRejectedAsIdxFormatException() throws IOException {
        byte[] gzipped = gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 9});
        byte[] truncated = Arrays.copyOf(gzipped, gzipped.length - 9);
        byte[] corrupt = gzipped.clone();
        corrupt[gzipped.length - 8] ^= 0x55; // the CRC-32 of the trailer

        for (byte[] bad : List.of(truncated, corrupt, new byte[] {0x1f, (byte) 0x8b, 1})) {
            IdxFormatException error = assertThrows(IdxFormatException.class,
                    () -> Idx.read(new ByteArrayInputStream(bad)));
            assertTrue(error.getMessage().contains("gzip"), error.getMessage());
        }
    }

    @Example
    void gzipBombOverLimitRejected() throws IOException {
        // 1 MiB of zeros, declared as (1024, 1024), compresses to about 1 KiB.
        ByteBuffer file = ByteBuffer.allocate(12 + (1 << 20));
        file.put(new byte[] {0, 0, 8, 2}).putInt(1024).putInt(1024);
        IdxFormatException error = assertThrows(IdxFormatException.class,
                () -> Idx.read(new ByteArrayInputStream(gzip(file.array())), MAX_ELEMENTS));
        assertTrue(error.getMessage().contains("more than " + MAX_ELEMENTS), error.getMessage());
    }

    @Provide
    Arbitrary<int[]> dims() {
        Arbitrary<Integer> dim = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 50),
                Arbitraries.of(-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 65536, 1 << 30));
        return dim.array(int[].class).ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<int[]> smallDims() {
        return Arbitraries.integers().between(0, 6).array(int[].class).ofMinSize(1).ofMaxSize(3);
    }

    /**
     * Reads {@code bytes} with the small element limit; returns the data, or null when the read
     * threw {@link IdxFormatException} with a message. Any other exception fails the property.
     */
    private static Idx.IdxData assertReadOrRejected(byte[] bytes) {
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        Idx.IdxData read;
        try {
            read = Idx.read(new ByteArrayInputStream(bytes), MAX_ELEMENTS);
        } catch (IdxFormatException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
            read = null;
        } catch (IOException e) {
            throw new AssertionError("expected IdxFormatException, got " + e, e);
        }
        long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated <= ALLOCATION_ALLOWANCE + 8L * bytes.length,
                "read of " + bytes.length + " bytes allocated " + allocated + " bytes");
        if (read != null) {
            assertTrue(read.dims().length >= 1);
            assertEquals(product(read.dims()), read.data().length);
            assertTrue(read.data().length <= MAX_ELEMENTS);
        }
        return read;
    }

    private static long product(int[] dims) {
        long count = 1;
        for (int dim : dims) {
            assertTrue(dim >= 0, "negative dimension in " + Arrays.toString(dims));
            count *= dim;
        }
        return count;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
