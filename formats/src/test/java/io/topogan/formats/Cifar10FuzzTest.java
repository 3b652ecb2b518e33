package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based tests of {@link Cifar10#readBatch}: a file is accepted exactly when its length
 * is a whole number of 3073-byte records and every label is in 0..9.
 */
class Cifar10FuzzTest {

    private static Path folder;

    @BeforeContainer
    static void createFolder() throws IOException {
        folder = Files.createTempDirectory("cifar10-fuzz");
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Property(tries = 300)
    void acceptedExactlyWhenRecordsAndLabelsValid(
            @ForAll @IntRange(max = 4 * Cifar10.RECORD_BYTES + 10) int length,
            @ForAll @IntRange(max = 12) int maxLabel, @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        boolean labelsValid = true;
        for (int record = 0; record * Cifar10.RECORD_BYTES < length; record++) {
            int label = random.nextInt(maxLabel + 1);
            bytes[record * Cifar10.RECORD_BYTES] = (byte) label;
            labelsValid &= label < Cifar10.CLASSES;
        }
        Path file = folder.resolve("batch.bin");
        Files.write(file, bytes);

        if (length % Cifar10.RECORD_BYTES != 0) {
            IdxFormatException error = assertThrows(IdxFormatException.class,
                    () -> Cifar10.readBatch(file));
            assertTrue(error.getMessage().contains("multiple of the record size"),
                    error.getMessage());
        } else if (!labelsValid) {
            IdxFormatException error = assertThrows(IdxFormatException.class,
                    () -> Cifar10.readBatch(file));
            assertTrue(error.getMessage().contains("label"), error.getMessage());
        } else {
            Cifar10.Batch batch = Cifar10.readBatch(file);
            int count = length / Cifar10.RECORD_BYTES;
            assertEquals(count, batch.count());
            assertEquals(count * Cifar10.IMAGE_BYTES, batch.pixels().length);
            for (int record = 0; record < count; record++) {
                int offset = record * Cifar10.RECORD_BYTES;
                assertEquals(bytes[offset], batch.labels()[record]);
                byte[] image = new byte[Cifar10.IMAGE_BYTES];
                System.arraycopy(batch.pixels(), record * Cifar10.IMAGE_BYTES, image, 0,
                        image.length);
                byte[] expected = new byte[Cifar10.IMAGE_BYTES];
                System.arraycopy(bytes, offset + 1, expected, 0, expected.length);
                assertArrayEquals(expected, image, "record " + record);
            }
        }
    }
}
