package io.topogan.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_1.bin} ... {@code data_batch_5.bin},
 * {@code test_batch.bin}). Each record is 3073 bytes: the label (0..9), then 1024 red, 1024 green
 * and 1024 blue bytes, each plane a 32x32 image in row-major order. An official batch has 10000
 * records.
 */
public final class Cifar10 {

    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    /** Bytes of one image: 3 planes of 32x32. */
    public static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    /** Bytes of one record: a label byte and the image. */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int CLASSES = 10;

    private Cifar10() {
    }

    /**
     * A batch: {@code labels[i]} in 0..9 and image i at {@code pixels[i * 3072 ..]} as unsigned
     * bytes in CHW order (R plane, G plane, B plane).
     */
    public record Batch(int[] labels, byte[] pixels) {

        public int count() {
            return labels.length;
        }
    }

    /** Reads a whole batch file; the length must be a multiple of 3073 bytes. */
    public static Batch readBatch(Path path) throws IOException {
        long size = Files.size(path);
        if (size % RECORD_BYTES != 0) {
            throw new IdxFormatException(path + ": invalid CIFAR-10 batch, its length " + size
                    + " is not a multiple of the record size " + RECORD_BYTES);
        }
        if (size / RECORD_BYTES > Integer.MAX_VALUE / IMAGE_BYTES) {
            throw new IdxFormatException(path + ": CIFAR-10 batch too large, " + size + " bytes");
        }
        return parse(Files.readAllBytes(path), path.toString());
    }

    /** Splits the records of a batch held in memory; {@code source} names it in errors. */
    static Batch parse(byte[] bytes, String source) throws IdxFormatException {
        if (bytes.length % RECORD_BYTES != 0) {
            throw new IdxFormatException(source + ": invalid CIFAR-10 batch, its length "
                    + bytes.length + " is not a multiple of the record size " + RECORD_BYTES);
        }
        int count = bytes.length / RECORD_BYTES;
        int[] labels = new int[count];
        byte[] pixels = new byte[count * IMAGE_BYTES];
        for (int i = 0; i < count; i++) {
            int label = bytes[i * RECORD_BYTES] & 0xFF;
            if (label >= CLASSES) {
                throw new IdxFormatException(source + ": invalid CIFAR-10 label " + label
                        + " in record " + i + "; labels are 0..9");
            }
            labels[i] = label;
            System.arraycopy(bytes, i * RECORD_BYTES + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
        }
        return new Batch(labels, pixels);
    }
}
