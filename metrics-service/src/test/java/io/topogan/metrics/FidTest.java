package io.topogan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.DatasetRequest;
import io.topogan.formats.ImageDatasets;
import io.topogan.formats.ImageSet;
import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.geometry.FrechetDistance;
import io.topogan.geometry.GaussianStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the feature extraction and the FID values against
 * {@code src/test/python/make_feature_fixtures.py}, which computed them with PyTorch and scipy.
 */
class FidTest {

    /** The small test model takes the Inception input contract, at 20x20 instead of 299x299. */
    private static final InputContract TINY = new InputContract(20, 3, true, true);

    @TempDir
    static Path folder;

    private static TorchScriptFeatureExtractor tiny;

    @BeforeAll
    static void loadModel() throws IOException {
        tiny = new TorchScriptFeatureExtractor("tiny", copy("tiny-features.pt"), TINY, 2);
    }

    @AfterAll
    static void closeModel() {
        tiny.close();
    }

    @Test
    void featuresMatchPyTorch() throws IOException {
        float[][] expected = Npy.read(resource("expected-features.npy")).toFloatRows();

        float[][] features = tiny.extract(Npy.read(resource("inputs.npy")));

        assertEquals(expected.length, features.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(16, features[i].length, "features of image " + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], features[i][j], 1e-4, "image " + i + " feature " + j);
            }
        }
    }

    @Test
    void repeatedGreyChannelsGiveSameFeatures() throws IOException {
        NpyArray grey = Npy.read(resource("inputs.npy"));
        float[] values = grey.toFloatArray();
        int plane = 32 * 32;
        float[] rgb = new float[values.length * 3];
        for (int image = 0; image < 3; image++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(values, image * plane, rgb, (image * 3 + c) * plane, plane);
            }
        }

        float[][] fromGrey = tiny.extract(grey);
        float[][] fromRgb = tiny.extract(NpyArray.ofFloat32(new int[] {3, 3, 32, 32}, rgb));

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals(fromGrey[i][j], fromRgb[i][j], 1e-6, "image " + i + " feature " + j);
            }
        }
    }

    @Test
    void rejectsImagesOfWrongShape() {
        NpyArray flat = NpyArray.ofFloat32(new int[] {2, 8}, new float[16]);

        assertThrows(IllegalArgumentException.class, () -> tiny.extract(flat));
    }

    @Test
    void distanceMatchesScipy() throws IOException {
        Map<String, Double> expected = expectedValues();
        GaussianStatistics real = GaussianStatistics.of(tiny.extract(Npy.read(resource(
                "real.npy"))));

        FidCalculator.Result result = FidCalculator.compute("fid", tiny, real,
                Npy.read(resource("fake.npy")));

        double distance = result.values().get("fid");
        double relativeError = Math.abs(distance - expected.get("frechet_distance"))
                / expected.get("frechet_distance");
        assertTrue(relativeError < 1e-4, "fid " + distance + ", expected "
                + expected.get("frechet_distance"));
        assertEquals(expected.get("feature_dim"), result.values().get("feature_dim"));
        assertEquals(40.0, result.values().get("real_samples"));
        assertEquals(30.0, result.values().get("generated_samples"));
        assertTrue(result.undefined().isEmpty(), result.undefined().toString());
    }

    @Test
    void oneGeneratedImageLeavesDistanceUndefined() throws IOException {
        GaussianStatistics real = GaussianStatistics.of(tiny.extract(Npy.read(resource(
                "real.npy"))));
        NpyArray one = NpyArray.ofFloat32(new int[] {1, 1, 32, 32}, new float[32 * 32]);

        FidCalculator.Result result = FidCalculator.compute("fd_lenet", tiny, real, one);

        assertFalse(result.values().containsKey("fd_lenet"));
        assertTrue(result.undefined().containsKey("fd_lenet"));
        assertEquals(1.0, result.values().get("generated_samples"));
    }

    @Test
    void fallbackSeparatesRealFromNoise() throws IOException {
        // Two disjoint sets of real Fashion-MNIST images are closer in the classifier's feature
        // space than real images and uniform noise.
        ImageSet images = ImageDatasets.load(new DatasetRequest("fashion-mnist",
                Path.of("..", "data", "fashion-mnist"), Set.of(), 400, 1,
                DatasetRequest.Split.TRAIN));
        NpyArray first = imageBlock(images, 0, 200);
        NpyArray second = imageBlock(images, 200, 200);
        Random random = new Random(4);
        float[] noise = new float[200 * 32 * 32];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextFloat() * 2 - 1;
        }
        FeatureModels models = new FeatureModels(Optional.empty(), Optional.empty(),
                "inception-2015-12-05", folder.resolve("cache"), 64, Duration.ofSeconds(1));
        try {
            assertTrue(models.standard().isEmpty());
            assertTrue(models.standardUnavailableReason().contains("topogan.fid.model"));
            FeatureExtractor lenet = models.fallback("fashion-mnist").orElseThrow();
            assertTrue(models.fallback("cifar10").isEmpty());

            float[][] firstFeatures = lenet.extract(first);
            double realToReal = FrechetDistance.between(firstFeatures, lenet.extract(second));
            double realToNoise = FrechetDistance.between(firstFeatures, lenet.extract(
                    NpyArray.ofFloat32(new int[] {200, 1, 32, 32}, noise)));

            assertEquals(84, firstFeatures[0].length);
            assertTrue(realToReal < realToNoise / 5, "real-real " + realToReal
                    + ", real-noise " + realToNoise);
        } finally {
            models.close();
        }
    }

    @Test
    void urlModelNeedsChecksum() {
        IOException error = assertThrows(IOException.class, () -> ModelFiles.resolve(
                "https://example.invalid/inception.pt", Optional.empty(), folder,
                Duration.ofSeconds(1)));

        assertTrue(error.getMessage().contains("topogan.fid.model-sha256"), error.getMessage());
    }

    @Test
    void localModelWithWrongChecksumIsRejected() throws IOException {
        Path model = copy("tiny-features.pt");
        String wrong = "0".repeat(64);

        IOException error = assertThrows(IOException.class, () -> ModelFiles.resolve(
                model.toString(), Optional.of(wrong), folder, Duration.ofSeconds(1)));
        Path resolved = ModelFiles.resolve(model.toString(),
                Optional.of(ModelFiles.sha256(model)), folder, Duration.ofSeconds(1));

        assertTrue(error.getMessage().contains("SHA-256"), error.getMessage());
        assertEquals(model, resolved);
        assertThrows(IOException.class, () -> ModelFiles.resolve(
                folder.resolve("missing.pt").toString(), Optional.empty(), folder,
                Duration.ofSeconds(1)));
    }

    @Test
    void statisticsKeysAndArrays() throws IOException {
        GaussianStatistics statistics = GaussianStatistics.of(new float[][] {{1, 2}, {3, 5},
            {0, 1}});

        NpyArray[] arrays = RealStatistics.toArrays(statistics);
        GaussianStatistics back = RealStatistics.fromArrays(arrays[0], arrays[1], 3);

        assertEquals("stats/lenet-mnist/mnist/3-7-n500/",
                RealStatistics.prefix("lenet-mnist", "mnist", List.of(7, 3), 500));
        assertEquals("stats/lenet-mnist/mnist/all-n500/",
                RealStatistics.prefix("lenet-mnist", "mnist", List.of(), 500));
        assertThrows(IllegalArgumentException.class,
                () -> RealStatistics.prefix("../x", "mnist", List.of(), 5));
        assertEquals("stats/lenet-mnist/mnist/all-n500/",
                RealStatistics.prefixFor("run-1", "lenet-mnist", "mnist", List.of(), 500));
        assertEquals("runs/run-1/fid-statistics/inception-v3/0-2-n500/",
                RealStatistics.prefixFor("run-1", "inception-v3", "folder:Faces_1", List.of(2, 0),
                        500));
        assertEquals(statistics.covariance()[0][1], back.covariance()[0][1]);
        assertEquals(statistics.mean()[1], back.mean()[1]);
        assertThrows(IOException.class,
                () -> RealStatistics.fromArrays(arrays[1], arrays[0], 3));
    }

    private static NpyArray imageBlock(ImageSet images, int from, int count) {
        float[] values = new float[count * 32 * 32];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images.images()[from + i], 0, values, i * 32 * 32, 32 * 32);
        }
        return NpyArray.ofFloat32(new int[] {count, 1, 32, 32}, values);
    }

    private static Map<String, Double> expectedValues() throws IOException {
        Map<String, Double> values = new HashMap<>();
        String text = new String(resource("expected-frechet.csv"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.split(",");
                values.put(fields[0], Double.parseDouble(fields[1]));
            }
        }
        return values;
    }

    private static Path copy(String name) throws IOException {
        Path target = folder.resolve(name);
        Files.write(target, resource(name));
        return target;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FidTest.class.getResourceAsStream("/fid/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource fid/" + name
                        + "; run src/test/python/make_feature_fixtures.py");
            }
            return in.readAllBytes();
        }
    }
}
