package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {

    static final Path FASHION = Path.of("..", "data", "fashion-mnist");
    static final Path MNIST = Path.of("..", "data", "mnist");

    @Test
    void loadsBundledFashionMnist() throws Exception {
        ImageSet set = ImageDatasets.load(DatasetRequest.of("fashion-mnist", FASHION));

        assertEquals(2000, set.size());
        assertEquals(3, set.channels());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertEquals(3 * 32 * 32, set.images()[0].length);
        assertValuesInRange(set);
        assertEquals(10, Arrays.stream(set.labels()).distinct().count());

        // The first images equal PyTorch's resize of the same bytes, in all three channels.
        float[][] expected = Npy.read(NpyTest.resource("resize/expected_float32.npy"))
                .toFloatRows();
        for (int image = 0; image < 4; image++) {
            for (int c = 0; c < 3; c++) {
                float[] plane = Arrays.copyOfRange(set.images()[image], c * 1024, (c + 1) * 1024);
                assertArrayEquals(expected[image], plane, 1e-6f, "image " + image + " channel " + c);
            }
        }
    }

    @Test
    void loadsBundledMnistWithClassFilter() throws IOException {
        DatasetRequest request = new DatasetRequest("mnist", MNIST, Set.of(3, 7), 0, 1,
                DatasetRequest.Split.TRAIN);
        ImageSet set = ImageDatasets.load(request);

        assertEquals(400, set.size());
        assertEquals(1, set.channels());
        assertEquals(1024, set.imageLength());
        for (int label : set.labels()) {
            assertTrue(label == 3 || label == 7, "label " + label);
        }
        assertEquals(200, Arrays.stream(set.labels()).filter(label -> label == 3).count());
        assertValuesInRange(set);
    }

    @Test
    void appliesLimitAfterFilter() throws IOException {
        DatasetRequest request = new DatasetRequest("mnist", MNIST, Set.of(5), 25, 3,
                DatasetRequest.Split.TRAIN);
        ImageSet set = ImageDatasets.load(request);

        assertEquals(25, set.size());
        assertTrue(Arrays.stream(set.labels()).allMatch(label -> label == 5));
        float[] image = set.images()[0];
        assertArrayEquals(Arrays.copyOfRange(image, 0, 1024),
                Arrays.copyOfRange(image, 2048, 3072), 0f);
    }

    @Test
    void missingFilesNameExpectedNames(@TempDir Path empty) {
        FileNotFoundException test = assertThrows(FileNotFoundException.class,
                () -> ImageDatasets.load(new DatasetRequest("fashion-mnist", FASHION, Set.of(), 0,
                        1, DatasetRequest.Split.TEST)));
        assertTrue(test.getMessage().contains("t10k-images-idx3-ubyte.gz"), test.getMessage());

        FileNotFoundException cifar = assertThrows(FileNotFoundException.class,
                () -> ImageDatasets.load(DatasetRequest.of("cifar10", empty)));
        assertTrue(cifar.getMessage().contains("data_batch_1.bin"), cifar.getMessage());
        assertTrue(cifar.getMessage().contains("cifar-10-batches-bin"), cifar.getMessage());

        assertThrows(FileNotFoundException.class,
                () -> ImageDatasets.load(DatasetRequest.of("mnist", empty.resolve("absent"))));
    }

    @Test
    void loadsSyntheticCifarBatches(@TempDir Path folder) throws IOException {
        Path batches = Files.createDirectory(folder.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            Files.write(batches.resolve("data_batch_" + b + ".bin"), Cifar10Test.syntheticBatch(20));
        }
        Files.write(batches.resolve("test_batch.bin"), Cifar10Test.syntheticBatch(10));

        ImageSet all = ImageDatasets.load(DatasetRequest.of("cifar10", folder));
        assertEquals(100, all.size());
        assertEquals(3, all.channels());
        assertValuesInRange(all);
        // Record 1, pixel 0 is byte 1: (1 / 255 - 0.5) / 0.5.
        assertEquals((1 / 255f - 0.5f) / 0.5f, all.images()[1][0], 1e-7f);
        assertEquals(1f, all.images()[0][255], 1e-7f);

        ImageSet filtered = ImageDatasets.load(new DatasetRequest("cifar10", folder, Set.of(9),
                3, 3, DatasetRequest.Split.TRAIN));
        assertArrayEquals(new int[] {9, 9, 9}, filtered.labels());

        ImageSet test = ImageDatasets.load(new DatasetRequest("cifar10", folder, Set.of(), 0, 3,
                DatasetRequest.Split.TEST));
        assertEquals(10, test.size());
    }

    @Test
    void requestRejectsInvalidValues() {
        Path folder = Path.of(".");
        DatasetRequest.Split train = DatasetRequest.Split.TRAIN;
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetRequest("imagenet", folder, Set.of(), 0, 3, train));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetRequest("mnist", folder, Set.of(10), 0, 3, train));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetRequest("mnist", folder, Set.of(), -1, 3, train));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetRequest("mnist", folder, Set.of(), 0, 2, train));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetRequest("cifar10", folder, Set.of(), 0, 1, train));
    }

    private static void assertValuesInRange(ImageSet set) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float[] image : set.images()) {
            for (float value : image) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        assertTrue(min >= -1f, "min " + min);
        assertTrue(max <= 1f, "max " + max);
        assertEquals(-1f, min, 1e-6f, "some pixel is black");
        assertTrue(max > 0.9f, "max " + max);
    }
}
