package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

    /** Record i has label i % 10 and pixel p of it equals (i + p) % 256. */
    static byte[] syntheticBatch(int count) {
        byte[] bytes = new byte[count * Cifar10.RECORD_BYTES];
        for (int i = 0; i < count; i++) {
            bytes[i * Cifar10.RECORD_BYTES] = (byte) (i % 10);
            for (int p = 0; p < Cifar10.IMAGE_BYTES; p++) {
                bytes[i * Cifar10.RECORD_BYTES + 1 + p] = (byte) (i + p);
            }
        }
        return bytes;
    }

    @Test
    void readsSyntheticBatch(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("data_batch_1.bin");
        Files.write(file, syntheticBatch(12));

        Cifar10.Batch batch = Cifar10.readBatch(file);

        assertEquals(12, batch.count());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, batch.labels());
        assertEquals(12 * 3072, batch.pixels().length);
        assertEquals((byte) 11, batch.pixels()[11 * 3072]);
        assertEquals((byte) (11 + 3071), batch.pixels()[11 * 3072 + 3071]);
    }

    @Test
    void rejectsPartialRecordsAndBadLabels(@TempDir Path folder) throws IOException {
        Path partial = folder.resolve("partial.bin");
        Files.write(partial, new byte[Cifar10.RECORD_BYTES + 5]);
        IdxFormatException lengthError = assertThrows(IdxFormatException.class,
                () -> Cifar10.readBatch(partial));
        assertTrue(lengthError.getMessage().contains("multiple of the record size"));

        byte[] bytes = syntheticBatch(2);
        bytes[Cifar10.RECORD_BYTES] = 10;
        Path badLabel = folder.resolve("bad.bin");
        Files.write(badLabel, bytes);
        IdxFormatException labelError = assertThrows(IdxFormatException.class,
                () -> Cifar10.readBatch(badLabel));
        assertTrue(labelError.getMessage().contains("label 10 in record 1"),
                labelError.getMessage());
    }
}
