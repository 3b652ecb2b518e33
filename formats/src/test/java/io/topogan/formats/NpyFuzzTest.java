package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based tests of {@link Npy#read}: for any input, it returns an array whose size matches
 * its shape and data, or throws {@link NpyFormatException} with a message, and it never allocates
 * much more than the input and the element limit allow.
 */
class NpyFuzzTest {

    /** Element limit of the properties, small so that the guard is exercised. */
    private static final long MAX_ELEMENTS = 1000;

    /**
     * Bytes that one read may allocate on the reading thread beyond the input itself: the 64 KiB
     * stream buffers, the header text and a data chunk, with room for class loading on first use.
     */
    private static final long ALLOCATION_ALLOWANCE = 4L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    // ---- properties ----

    @Property(tries = 1000)
    void arbitraryBytesReadOrRejected(@ForAll @Size(max = 300) byte[] bytes) {
        assertReadOrRejected(bytes);
    }

    @Property(tries = 1000)
    void bytesAfterMagicReadOrRejected(@ForAll @Size(max = 300) byte[] tail) {
        assertReadOrRejected(concat(MAGIC, tail));
    }

    @Property(tries = 500)
    void validArraysRoundTrip(@ForAll("arrays") NpyArray array) throws IOException {
        byte[] bytes = Npy.toBytes(array);

        assertEquals(0, headerEnd(bytes) % 64, "data must start at a multiple of 64 bytes");
        assertEquals(array, Npy.read(bytes));
        assertEquals(array, Npy.read(new ByteArrayInputStream(bytes)));
        assertEquals(array, Npy.read(bigEndianCopy(array)));
    }

    @Property(tries = 200)
    void everyTruncationRejected(@ForAll("arrays") NpyArray array) {
        byte[] bytes = Npy.toBytes(array);
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertRejected(prefix);
            assertThrows(NpyFormatException.class,
                    () -> Npy.read(new ByteArrayInputStream(prefix), MAX_ELEMENTS),
                    "stream of " + length + " bytes");
        }
    }

    @Property(tries = 1000)
    void bitFlipsReadOrRejected(@ForAll("arrays") NpyArray array,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0) Integer> positions) {
        byte[] bytes = Npy.toBytes(array);
        for (int position : positions) {
            int bit = position % (bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        assertReadOrRejected(bytes);
    }

    @Property(tries = 1000)
    void editedHeadersReadOrRejected(@ForAll("headerTexts") String header,
            @ForAll("versions") int[] version, @ForAll @IntRange(min = -3, max = 3) int lengthError,
            @ForAll @IntRange(max = 9000) int dataBytes) {
        byte[] text = header.getBytes(version[0] == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        int lengthFieldBytes = version[0] == 1 ? 2 : 4;
        ByteBuffer file = ByteBuffer.allocate(8 + lengthFieldBytes + text.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.put(MAGIC).put((byte) version[0]).put((byte) version[1]);
        int declared = Math.max(0, text.length + lengthError);
        if (lengthFieldBytes == 2) {
            file.putShort((short) declared);
        } else {
            file.putInt(declared);
        }
        file.put(text);
        assertReadOrRejected(file.array());
    }

    @Property(tries = 300)
    void shapesOverLimitRejected(@ForAll("dtypes") NpyDtype dtype,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 5000) Integer> shape) {
        long count = shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        String header = "{'descr': '" + dtype.littleEndianDescr() + "', 'fortran_order': False,"
                + " 'shape': (" + join(shape) + ",), }";
        // Data for at most MAX_ELEMENTS + 1 elements: enough when the shape fits the limit.
        int dataBytes = (int) Math.min(count, MAX_ELEMENTS + 1) * dtype.itemSize();
        byte[] file = concat(fileHeader(header), new byte[dataBytes]);

        if (count > MAX_ELEMENTS) {
            NpyFormatException error = assertRejected(file);
            assertTrue(error.getMessage().contains("maximum of " + MAX_ELEMENTS),
                    error.getMessage());
        } else {
            assertReadOrRejected(file);
        }
    }

    // ---- regression examples ----

    @Example
    void unicodeDigitsInShapeRejected() {
        // U+0663 ARABIC-INDIC DIGIT THREE is a digit to Character.isDigit but not to NumPy.
        byte[] file = fileHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (\u0663,), }",
                3);
        NpyFormatException error = assertThrows(NpyFormatException.class,
                () -> Npy.read(concat(file, new byte[4 * 1600])));
        assertTrue(error.getMessage().contains("shape"), error.getMessage());
    }

    @Example
    void overflowingShapeRejected() {
        String header = "{'descr': '<f8', 'fortran_order': False,"
                + " 'shape': (2147483647, 2147483647, 2147483647, 4), }";
        NpyFormatException error = assertRejected(fileHeader(header));
        assertTrue(error.getMessage().contains("maximum"), error.getMessage());
    }

    @Example
    void dimensionOverIntRejected() {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,), }";
        NpyFormatException error = assertRejected(fileHeader(header));
        assertTrue(error.getMessage().contains("dimension larger"), error.getMessage());
    }

    // ---- generators ----

    @Provide
    Arbitrary<NpyDtype> dtypes() {
        return Arbitraries.of(NpyDtype.class);
    }

    @Provide
    Arbitrary<NpyArray> arrays() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 6).array(int[].class)
                .ofMaxSize(4)
                .filter(shape -> NpyArray.elementCount(shape) <= 300);
        return Combinators.combine(dtypes(), shapes, Arbitraries.longs())
                .as(NpyFuzzTest::randomArray);
    }

    /** Header dictionaries assembled from valid and invalid parts, or free text. */
    @Provide
    Arbitrary<String> headerTexts() {
        Arbitrary<String> descrs = Arbitraries.of("'<f4'", "'>f8'", "'|u1'", "'<i4'", "'>i8'",
                "'<u1'", "'=f4'", "'<f2'", "'<c8'", "'O'", "''", "'<'", "[('a', '<f4')]",
                "[('a', '<f4')", "True", "(1,)", "'<f4", "\"<f4\"", "'\u00e9f4'");
        Arbitrary<String> fortran = Arbitraries.of("False", "True", "'False'", "0", "Fals",
                "None", "(False,)");
        Arbitrary<String> dimensions = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 40).map(String::valueOf),
                Arbitraries.of("-1", "2147483647", "2147483648", "9223372036854775807",
                        "9223372036854775808", "99999999999999999999", "1L", "0x10", "1.5",
                        "1e3", "", " ", "\u0663", "\uff11", "+3", "(2,)", "None"));
        Arbitrary<String> shapes = dimensions.list().ofMaxSize(5)
                .flatMap(list -> Arbitraries.of("(" + String.join(", ", list) + ")",
                        "(" + String.join(", ", list) + ",)", "(" + String.join(",", list),
                        "[" + String.join(", ", list) + "]", String.join(", ", list)));
        Arbitrary<String> dictionaries = Combinators.combine(descrs, fortran, shapes,
                Arbitraries.integers().between(0, 5)).as(NpyFuzzTest::dictionary);
        Arbitrary<String> freeText = Arbitraries.strings().ofMaxLength(120);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, dictionaries),
                net.jqwik.api.Tuple.of(1, freeText));
    }

    /** Format versions: the supported 1.0, 2.0 and 3.0 and unsupported neighbors. */
    @Provide
    Arbitrary<int[]> versions() {
        return Arbitraries.of(new int[] {1, 0}, new int[] {2, 0}, new int[] {3, 0},
                new int[] {0, 0}, new int[] {4, 0}, new int[] {1, 1}, new int[] {255, 255});
    }

    // ---- helpers ----

    /**
     * Reads {@code bytes} from memory and as a stream; each read must return a consistent array
     * of at most {@link #MAX_ELEMENTS} elements or throw {@link NpyFormatException} with a
     * message. Any other exception propagates and fails the property.
     */
    private static void assertReadOrRejected(byte[] bytes) {
        NpyArray fromMemory = readWithinAllowance(bytes, false);
        NpyArray fromStream = readWithinAllowance(bytes, true);
        assertEquals(fromMemory, fromStream, "memory and stream reads must agree");
    }

    private static NpyArray readWithinAllowance(byte[] bytes, boolean stream) {
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        NpyArray array;
        try {
            array = stream
                    ? Npy.read(new ByteArrayInputStream(bytes), MAX_ELEMENTS)
                    : Npy.read(bytes, MAX_ELEMENTS);
        } catch (NpyFormatException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
            array = null;
        } catch (IOException e) {
            throw new AssertionError("expected NpyFormatException, got " + e, e);
        }
        long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated <= ALLOCATION_ALLOWANCE + 8L * bytes.length,
                "read of " + bytes.length + " bytes allocated " + allocated + " bytes");
        if (array != null) {
            assertConsistent(array);
        }
        return array;
    }

    private static void assertConsistent(NpyArray array) {
        long count = 1;
        for (int dimension : array.shape()) {
            assertTrue(dimension >= 0, "negative dimension in " + array);
            count *= dimension;
        }
        assertEquals(count, array.size());
        assertTrue(array.size() <= MAX_ELEMENTS, array + " exceeds the element limit");
        assertEquals(array.size(), java.lang.reflect.Array.getLength(array.rawData()));
        assertEquals(array.size(), array.toDoubleArray().length);
    }

    private static NpyFormatException assertRejected(byte[] bytes) {
        NpyFormatException error = assertThrows(NpyFormatException.class,
                () -> Npy.read(bytes, MAX_ELEMENTS), bytes.length + " bytes");
        assertNotNull(error.getMessage());
        return error;
    }

    private static NpyArray randomArray(NpyDtype dtype, int[] shape, long seed) {
        Random random = new Random(seed);
        int size = (int) NpyArray.elementCount(shape);
        return switch (dtype) {
            case FLOAT32 -> {
                float[] data = new float[size];
                for (int i = 0; i < size; i++) {
                    // Raw bit patterns cover NaN payloads, infinities and subnormals.
                    data[i] = Float.intBitsToFloat(random.nextInt());
                }
                yield NpyArray.ofFloat32(shape, data);
            }
            case FLOAT64 -> {
                double[] data = new double[size];
                for (int i = 0; i < size; i++) {
                    data[i] = Double.longBitsToDouble(random.nextLong());
                }
                yield NpyArray.ofFloat64(shape, data);
            }
            case UINT8 -> {
                byte[] data = new byte[size];
                random.nextBytes(data);
                yield NpyArray.ofUint8(shape, data);
            }
            case INT32 -> NpyArray.ofInt32(shape, random.ints(size).toArray());
            case INT64 -> NpyArray.ofInt64(shape, random.longs(size).toArray());
        };
    }

    /** Encodes {@code array} as a version 1.0 big-endian file, written independently of Npy. */
    private static byte[] bigEndianCopy(NpyArray array) {
        NpyDtype dtype = array.dtype();
        String descr = (dtype.itemSize() == 1 ? "|" : ">") + dtype.typeCode();
        int[] shape = array.shape();
        String shapeText = shape.length == 1 ? shape[0] + "," : join(Arrays.stream(shape)
                .boxed().toList());
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + shapeText + "), }";
        ByteBuffer data = ByteBuffer.allocate(array.size() * dtype.itemSize())
                .order(ByteOrder.BIG_ENDIAN);
        Object raw = array.rawData();
        switch (dtype) {
            case FLOAT32 -> data.asFloatBuffer().put((float[]) raw);
            case FLOAT64 -> data.asDoubleBuffer().put((double[]) raw);
            case UINT8 -> data.put((byte[]) raw);
            case INT32 -> data.asIntBuffer().put((int[]) raw);
            case INT64 -> data.asLongBuffer().put((long[]) raw);
        }
        return concat(fileHeader(header), data.array());
    }

    private static byte[] fileHeader(String dictionary) {
        return fileHeader(dictionary, 1);
    }

    /** Returns magic, version and the length-prefixed header text, without padding. */
    private static byte[] fileHeader(String dictionary, int major) {
        byte[] text = dictionary.getBytes(major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        int lengthFieldBytes = major == 1 ? 2 : 4;
        ByteBuffer header = ByteBuffer.allocate(8 + lengthFieldBytes + text.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) major).put((byte) 0);
        if (lengthFieldBytes == 2) {
            header.putShort((short) text.length);
        } else {
            header.putInt(text.length);
        }
        return header.put(text).array();
    }

    private static int headerEnd(byte[] file) {
        int length = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        return 10 + length;
    }

    private static String dictionary(String descr, String fortran, String shape, int variant) {
        return switch (variant) {
            case 0 -> "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': "
                    + shape + ", }";
            case 1 -> "{'shape': " + shape + ", 'descr': " + descr + ", 'fortran_order': "
                    + fortran + "}";
            case 2 -> "{'descr': " + descr + ", 'shape': " + shape + "}";
            case 3 -> "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': "
                    + shape + ", 'extra': 1}";
            case 4 -> "{'descr': " + descr + ", 'descr': " + descr + ", 'fortran_order': "
                    + fortran + ", 'shape': " + shape + "}";
            default -> "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': "
                    + shape + "} trailing";
        };
    }

    private static String join(List<Integer> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(values.get(i));
        }
        return text.toString();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
