package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/" + name).toURI());
    }

    /** Expected fixture elements: 0, 1, 2, ... minus 3 for signed types, times 0.25 for floats. */
    static double expectedValue(NpyDtype dtype, int index) {
        return switch (dtype) {
            case UINT8 -> index;
            case INT32, INT64 -> index - 3;
            case FLOAT32, FLOAT64 -> (index - 3) * 0.25;
        };
    }

    @ParameterizedTest
    @CsvSource({
        "le_f4.npy, FLOAT32", "be_f4.npy, FLOAT32", "le_f8.npy, FLOAT64", "be_f8.npy, FLOAT64",
        "u1.npy, UINT8", "le_i4.npy, INT32", "be_i4.npy, INT32", "le_i8.npy, INT64",
        "be_i8.npy, INT64"
    })
    void readsNumpyFilesOfEachDtype(String file, NpyDtype dtype) throws Exception {
        NpyArray array = Npy.read(resource("npy/" + file));

        assertEquals(dtype, array.dtype());
        assertArrayEquals(new int[] {2, 3, 4}, array.shape());
        assertEquals(2, array.rows());
        assertEquals(12, array.rowLength());
        double[] values = array.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(expectedValue(dtype, i), values[i], 0.0, "element " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"version_2_0.npy", "version_3_0.npy"})
    void readsFormatVersions2And3(String file) throws Exception {
        NpyArray array = Npy.read(resource("npy/" + file));

        assertArrayEquals(new int[] {3, 5}, array.shape());
        float[] values = array.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals((i - 3) * 0.25f, values[i], 0f);
        }
    }

    @Test
    void readsScalarAndEmptyArrays() throws Exception {
        NpyArray scalar = Npy.read(resource("npy/scalar_f8.npy"));
        assertEquals(0, scalar.ndim());
        assertEquals(1, scalar.rows());
        assertEquals(1, scalar.rowLength());
        assertArrayEquals(new double[] {2.5}, scalar.toDoubleArray());

        NpyArray empty = Npy.read(resource("npy/empty_f4.npy"));
        assertArrayEquals(new int[] {0, 7}, empty.shape());
        assertEquals(0, empty.size());
        assertEquals(7, empty.rowLength());
        assertEquals(0, empty.toFloatRows().length);
    }

    @Test
    void writesBytesIdenticalToNumpy() throws Exception {
        for (String name : new String[] {"le_f4", "le_f8", "u1", "le_i4", "le_i8", "scalar_f8",
            "empty_f4"}) {
            byte[] numpyBytes = Files.readAllBytes(resource("npy/" + name + ".npy"));
            NpyArray array = Npy.read(numpyBytes);

            assertArrayEquals(numpyBytes, Npy.toBytes(array), name);
        }
    }

    @Test
    void rejectsFortranOrder() {
        NpyFormatException error = assertThrows(NpyFormatException.class,
                () -> Npy.read(resource("npy/fortran_f4.npy")));
        assertTrue(error.getMessage().contains("fortran_order"), error.getMessage());
    }

    @Test
    void roundTripsEveryDtype() throws IOException {
        int[] shape = {2, 3};
        NpyArray[] arrays = {
            NpyArray.ofFloat32(shape, new float[] {1.5f, -2f, Float.NaN, 0f, 3e38f, -0f}),
            NpyArray.ofFloat64(shape, new double[] {1e-300, -2, 3, 4, 5, Double.MAX_VALUE}),
            NpyArray.ofUint8(shape, new byte[] {0, 1, (byte) 127, (byte) 128, (byte) 255, 7}),
            NpyArray.ofInt32(shape, new int[] {Integer.MIN_VALUE, -1, 0, 1, 2, Integer.MAX_VALUE}),
            NpyArray.ofInt64(shape, new long[] {Long.MIN_VALUE, -1, 0, 1, 2, Long.MAX_VALUE}),
        };
        for (NpyArray array : arrays) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, array);
            NpyArray back = Npy.read(new ByteArrayInputStream(out.toByteArray()));

            assertEquals(array, back, array.dtype().name());
            assertEquals(0, headerEnd(out.toByteArray()) % 64, "data alignment");
        }
    }

    @Test
    void roundTripsThroughFile(@TempDir Path folder) throws IOException {
        float[] data = new float[3 * 1000 * 700];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        NpyArray array = NpyArray.ofFloat32(new int[] {3, 1000, 700}, data);
        Path file = folder.resolve("big.npy");
        Npy.write(file, array);

        NpyArray back = Npy.read(file);
        assertEquals(array, back);
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(array, Npy.read(in), "stream with unknown length");
        }
    }

    @Test
    void writesVersion2ForLongHeaders() throws IOException {
        int[] shape = new int[30000];
        Arrays.fill(shape, 1);
        NpyArray array = NpyArray.ofUint8(shape, new byte[] {42});
        byte[] bytes = Npy.toBytes(array);

        assertEquals(2, bytes[6]);
        assertEquals(array, Npy.read(bytes));
    }

    @Test
    void convertsRowsAndUnsignedBytes() {
        NpyArray array = NpyArray.ofUint8(new int[] {2, 2}, new byte[] {0, (byte) 200, 3, 4});

        float[][] rows = array.toFloatRows();
        assertArrayEquals(new float[] {0f, 200f}, rows[0]);
        assertArrayEquals(new float[] {3f, 4f}, rows[1]);
        assertArrayEquals(new long[] {0, 200, 3, 4}, array.toLongArray());
    }

    @Test
    void factoriesRejectMismatchedShape() {
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloat32(new int[] {2, 2}, new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloat32(new int[] {-1}, new float[0]));
    }

    @Test
    void rejectsBadMagicAndVersion() {
        byte[] valid = Npy.toBytes(NpyArray.ofFloat32(new int[] {2}, new float[] {1, 2}));

        byte[] badMagic = valid.clone();
        badMagic[1] = 'X';
        assertMessage(badMagic, "magic");

        byte[] badVersion = valid.clone();
        badVersion[6] = 4;
        assertMessage(badVersion, "version 4.0");

        assertMessage(new byte[0], "magic");
        assertMessage(Arrays.copyOf(valid, 7), "truncated");
    }

    @Test
    void rejectsMalformedHeaders() {
        assertMessage(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), "),
                "malformed");
        assertMessage(withHeader("{'descr': '<f4', 'shape': (2,), }"), "missing key 'fortran_order'");
        assertMessage(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,),"
                + " 'extra': 1, }"), "malformed");
        assertMessage(withHeader("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }"),
                "unsupported dtype '<c8'");
        assertMessage(withHeader("{'descr': [('a', '<f4')], 'fortran_order': False,"
                + " 'shape': (2,), }"), "structured");
        assertMessage(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (x,), }"),
                "malformed");
        assertMessage(withHeader("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }"),
                "malformed");
    }

    @Test
    void rejectsInvalidShapes() {
        assertMessage(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"),
                "negative");
        assertMessage(withHeader("{'descr': '<f4', 'fortran_order': False,"
                + " 'shape': (99999999999,), }"), "dimension larger");
        assertMessage(withHeader("{'descr': '<f8', 'fortran_order': False,"
                + " 'shape': (2000000000, 2000000000, 2000000000), }"), "maximum");
    }

    @Test
    void rejectsTruncatedDataWithoutAllocating() throws IOException {
        // 2^30 float64 elements would be 8 GiB; the stream contains 16 bytes of data.
        byte[] hostile = withHeader("{'descr': '<f8', 'fortran_order': False,"
                + " 'shape': (1073741824,), }", 16);
        assertMessage(hostile, "truncated");

        NpyFormatException fromStream = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(hostile)));
        assertTrue(fromStream.getMessage().contains("only 16"), fromStream.getMessage());

        byte[] valid = Npy.toBytes(NpyArray.ofInt32(new int[] {4}, new int[] {1, 2, 3, 4}));
        assertMessage(Arrays.copyOf(valid, valid.length - 1), "truncated");
    }

    @Test
    void rejectsShapesAboveConfiguredMaximum() throws IOException {
        byte[] bytes = Npy.toBytes(NpyArray.ofUint8(new int[] {10, 10}, new byte[100]));

        assertEquals(100, Npy.read(bytes, 100).size());
        NpyFormatException error = assertThrows(NpyFormatException.class,
                () -> Npy.read(bytes, 99));
        assertTrue(error.getMessage().contains("maximum of 99"), error.getMessage());
    }

    @Test
    void rejectsOversizedHeaderLength() {
        ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        buffer.putInt(Integer.MAX_VALUE);
        assertMessage(buffer.array(), "header length");
    }

    private static void assertMessage(byte[] bytes, String expectedPart) {
        NpyFormatException error = assertThrows(NpyFormatException.class, () -> Npy.read(bytes));
        assertTrue(error.getMessage().contains(expectedPart),
                "expected '" + expectedPart + "' in: " + error.getMessage());
    }

    private static byte[] withHeader(String header) {
        return withHeader(header, 64);
    }

    /** Builds a version 1.0 file with the given header text and {@code dataBytes} zero bytes. */
    private static byte[] withHeader(String header, int dataBytes) {
        byte[] text = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(10 + text.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) text.length);
        buffer.put(text);
        return buffer.array();
    }

    private static int headerEnd(byte[] bytes) {
        int length = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        return 10 + length;
    }
}
