package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @Test
    void roundTripsRawAndGzip(@TempDir Path folder) throws IOException {
        int[] dims = {3, 2, 4};
        byte[] data = new byte[24];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 11);
        }
        Path raw = folder.resolve("images-idx3-ubyte");
        Path gzip = folder.resolve("images-idx3-ubyte.gz");
        Idx.write(raw, dims, data);
        Idx.write(gzip, dims, data);

        for (Path file : new Path[] {raw, gzip}) {
            Idx.IdxData read = Idx.read(file);
            assertArrayEquals(dims, read.dims(), file.toString());
            assertArrayEquals(data, read.data(), file.toString());
            assertEquals(3, read.count());
            assertEquals(8, read.itemLength());
            assertEquals(253, read.unsigned(23));
        }
        assertEquals(0x1f, Files.readAllBytes(gzip)[0] & 0xFF);
        assertEquals(16 + 24, Files.size(raw));
    }

    @Test
    void writesStandardHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Idx.write(out, new int[] {2}, new byte[] {7, 9});

        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 9}, out.toByteArray());
    }

    @Test
    void readsBundledFashionMnistHeader() throws IOException {
        Path file = Path.of("..", "data", "fashion-mnist", "train-images-idx3-ubyte.gz");
        Idx.IdxData images = Idx.read(file);

        assertArrayEquals(new int[] {2000, 28, 28}, images.dims());
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] all = in.readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(all, 16, all.length), images.data());
        }
    }

    @Test
    void rejectsOtherElementTypes() {
        byte[] floats = {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0};
        IdxFormatException error = assertThrows(IdxFormatException.class,
                () -> Idx.read(new ByteArrayInputStream(floats)));
        assertTrue(error.getMessage().contains("0x0d"), error.getMessage());
    }

    @Test
    void rejectsBadMagicAndLengths() {
        assertRejected(new byte[] {1, 0, 8, 1, 0, 0, 0, 1, 5}, "not an IDX file");
        assertRejected(new byte[] {0, 0, 8, 0}, "zero dimensions");
        assertRejected(new byte[] {0, 0, 8, 2, 0, 0, 0, 1}, "ends inside");
        assertRejected(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 5, 6}, "truncated");
        assertRejected(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 5, 6}, "continues");
        // 2^31 * 2^31 elements: rejected from the header alone.
        assertRejected(new byte[] {0, 0, 8, 2, 0x7f, -1, -1, -1, 0x7f, -1, -1, -1}, "more than");
        assertRejected(new byte[] {0, 0, 8, 1, -1, -1, -1, -1}, "more than");
        // 2^30 elements declared over 1 byte of data: fails without allocating 1 GiB.
        assertRejected(new byte[] {0, 0, 8, 1, 0x40, 0, 0, 0, 1}, "truncated");
    }

    @Test
    void writeRejectsMismatchedData() {
        assertThrows(IllegalArgumentException.class,
                () -> Idx.write(new ByteArrayOutputStream(), new int[] {2, 2}, new byte[3]));
    }

    private static void assertRejected(byte[] bytes, String expectedPart) {
        IdxFormatException error = assertThrows(IdxFormatException.class,
                () -> Idx.read(new ByteArrayInputStream(bytes)));
        assertTrue(error.getMessage().contains(expectedPart),
                "expected '" + expectedPart + "' in: " + error.getMessage());
    }
}
