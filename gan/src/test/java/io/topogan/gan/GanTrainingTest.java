package io.topogan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GanTrainingTest {

    /** Returns smooth random images in [-1, 1], so that BatchNorm gets varied inputs. */
    static float[][] syntheticImages(int n, int channels, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[n][channels * 32 * 32];
        for (float[] image : images) {
            double fx = 1 + random.nextDouble() * 3;
            double fy = 1 + random.nextDouble() * 3;
            double phase = random.nextDouble() * Math.PI;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        image[(c * 32 + y) * 32 + x] = (float) Math.sin(
                                fx * x / 32.0 * Math.PI + fy * y / 32.0 * Math.PI + phase + c);
                    }
                }
            }
        }
        return images;
    }

    @Test
    void dcganTrainsTwoEpochs() {
        float[][] images = syntheticImages(64, 1, 7);
        TrainingConfig config = TrainingConfig.defaults(Architecture.DCGAN, 1);
        List<BatchProgress> progress = new ArrayList<>();
        try (GanTraining training = new GanTraining(config)) {
            byte[] generatorBefore = training.generatorWeights();
            byte[] discriminatorBefore = training.discriminatorWeights();

            EpochStats first = training.trainEpoch(images, progress::add);
            int arraysAfterFirst = training.managedArrayCount();
            EpochStats second = training.trainEpoch(images, EpochListener.NONE);
            assertEquals(arraysAfterFirst, training.managedArrayCount(), "arrays leaked");

            assertEquals(0, first.epoch());
            assertEquals(1, second.epoch());
            assertEquals(2, training.epochsCompleted());
            assertEquals(2, progress.size());
            assertEquals(2, progress.get(1).batchCount());
            for (EpochStats stats : List.of(first, second)) {
                assertTrue(Double.isFinite(stats.discriminatorLoss()), stats.toString());
                assertTrue(Double.isFinite(stats.generatorLoss()), stats.toString());
                assertTrue(stats.discriminatorLoss() > 0, stats.toString());
                assertTrue(stats.imagesPerSecond() > 0, stats.toString());
            }
            assertFalse(Arrays.equals(generatorBefore, training.generatorWeights()));
            assertFalse(Arrays.equals(discriminatorBefore, training.discriminatorWeights()));
        }
    }

    @Test
    void sameSeedSameFirstEpoch() {
        float[][] images = syntheticImages(8, 1, 3);
        TrainingConfig config = TrainingConfig.defaults(Architecture.DCGAN, 1).withBatchSize(4);
        EpochStats first;
        float[][] firstSamples;
        try (GanTraining training = new GanTraining(config)) {
            first = training.trainEpoch(images, EpochListener.NONE);
            firstSamples = training.generate(training.noise(2));
        }
        try (GanTraining training = new GanTraining(config)) {
            EpochStats again = training.trainEpoch(images, EpochListener.NONE);
            assertEquals(first.discriminatorLoss(), again.discriminatorLoss());
            assertEquals(first.generatorLoss(), again.generatorLoss());
            float[][] samples = training.generate(training.noise(2));
            assertArrayEquals(firstSamples[0], samples[0]);
            assertArrayEquals(firstSamples[1], samples[1]);
        }
        try (GanTraining training = new GanTraining(config.withSeed(99))) {
            EpochStats other = training.trainEpoch(images, EpochListener.NONE);
            assertTrue(first.discriminatorLoss() != other.discriminatorLoss());
        }
    }

    @Test
    void latentModesLimitSamplesToThatManyImages() {
        float[][] images = syntheticImages(16, 1, 9);
        TrainingConfig config = TrainingConfig.defaults(Architecture.GAN, 1).withBatchSize(8)
                .withLatentModes(3);
        try (GanTraining training = new GanTraining(config)) {
            training.trainEpoch(images, EpochListener.NONE);
            float[][] noise = training.noise(60);
            float[][] samples = training.generate(noise);

            assertEquals(3, distinctRows(noise), "distinct latent vectors");
            assertEquals(3, distinctRows(samples), "distinct samples");
        }
        try (GanTraining training = new GanTraining(config.withLatentModes(0))) {
            assertEquals(60, distinctRows(training.noise(60)), "distinct Gaussian vectors");
        }
    }

    private static long distinctRows(float[][] rows) {
        return java.util.Arrays.stream(rows).map(java.util.Arrays::toString).distinct().count();
    }

    @Test
    void ganTrainsAndCapturesLayers() {
        float[][] images = syntheticImages(20, 3, 5);
        TrainingConfig config = TrainingConfig.defaults(Architecture.GAN, 3).withBatchSize(8);
        try (GanTraining training = new GanTraining(config)) {
            EpochStats stats = training.trainEpoch(images, EpochListener.NONE);
            assertTrue(Double.isFinite(stats.discriminatorLoss()));
            assertTrue(Double.isFinite(stats.generatorLoss()));

            float[][] noise = training.noise(4);
            List<LayerActivation> layers = training.captureLayers(noise);
            List<String> names = layers.stream().map(LayerActivation::name).toList();
            assertEquals(List.of("linear", "leakyrelu", "linear", "leakyrelu", "linear",
                    "leakyrelu", "linear", "tanh"), names);
            assertArrayEquals(new int[] {4, 128}, layers.get(0).shape());
            assertArrayEquals(new int[] {4, 3 * 32 * 32}, layers.get(7).shape());
            float[][] generated = training.generate(noise);
            float[] flat = new float[4 * 3 * 32 * 32];
            for (int i = 0; i < 4; i++) {
                System.arraycopy(generated[i], 0, flat, i * 3072, 3072);
            }
            assertArrayEquals(flat, layers.get(7).data());
        }
    }

    @Test
    void dcganLayerShapes() {
        TrainingConfig config = TrainingConfig.defaults(Architecture.DCGAN, 3);
        try (GanTraining training = new GanTraining(config)) {
            List<LayerActivation> layers = training.captureLayers(training.noise(2));
            assertEquals(14, layers.size());
            assertEquals("reshape", layers.get(2).name());
            assertArrayEquals(new int[] {2, 512, 4, 4}, layers.get(2).shape());
            assertEquals("convtranspose", layers.get(3).name());
            assertArrayEquals(new int[] {2, 256, 8, 8}, layers.get(3).shape());
            assertArrayEquals(new int[] {2, 3, 32, 32}, layers.get(13).shape());
            for (float value : layers.get(13).data()) {
                assertTrue(value >= -1, "tanh output " + value);
                assertTrue(value <= 1, "tanh output " + value);
            }
        }
    }

    @Test
    void wassersteinArchitecturesTrain() {
        for (Architecture architecture : List.of(Architecture.WGAN_GP_LINEAR,
                Architecture.WGAN_GP_CONV)) {
            // Six batches show the generator update on batch 0 and 5 only.
            float[][] images = syntheticImages(12, 1, 9);
            TrainingConfig config = TrainingConfig.defaults(architecture, 1).withBatchSize(2);
            List<BatchProgress> progress = new ArrayList<>();
            try (GanTraining training = new GanTraining(config)) {
                byte[] generatorBefore = training.generatorWeights();
                EpochStats stats = training.trainEpoch(images, progress::add);

                assertEquals(6, progress.size(), architecture.id());
                for (BatchProgress batch : progress) {
                    assertTrue(Float.isFinite(batch.discriminatorLoss()), batch.toString());
                    boolean generatorStep = batch.batchIndex() % 5 == 0;
                    assertEquals(generatorStep, !Float.isNaN(batch.generatorLoss()),
                            batch.toString());
                }
                assertTrue(Double.isFinite(stats.generatorLoss()), stats.toString());
                assertFalse(Arrays.equals(generatorBefore, training.generatorWeights()));
            }
        }
    }

    @Test
    void linearCriticRejectsSingleImageBatch() {
        TrainingConfig config = TrainingConfig.defaults(Architecture.WGAN_GP_LINEAR, 1)
                .withBatchSize(2);
        try (GanTraining training = new GanTraining(config)) {
            float[][] images = syntheticImages(3, 1, 1);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> training.trainEpoch(images, EpochListener.NONE));
            assertTrue(error.getMessage().contains("batch size 2"), error.getMessage());
            assertEquals(0, training.epochsCompleted());
        }
    }
}
