package io.topogan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Saves and restores training state: a run interrupted after epoch 1 and restored into a new
 * object must continue exactly as an uninterrupted run, and damaged or mismatched states must be
 * rejected with messages that name the problem.
 */
class TrainingStateTest {

    private static final int EPOCHS = 3;

    /** State of an untrained gan with 1 channel, the smallest networks, for rejection tests. */
    private static byte[] ganState;

    @BeforeAll
    static void saveUntrainedGan() {
        try (GanTraining training = new GanTraining(ganConfig())) {
            ganState = training.saveState();
        }
    }

    /** Everything an uninterrupted or resumed run produces that must agree. */
    private record RunResult(List<EpochStats> stats, float[][] noise, float[][] samples,
            byte[] generatorWeights, byte[] discriminatorWeights, int arrayCount) {
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"GAN", "DCGAN", "WGAN_GP_LINEAR"})
    void resumedRunMatchesUninterrupted(Architecture architecture) {
        float[][] images = GanTrainingTest.syntheticImages(64, 1, 11);
        // Batch 16 gives 4 batches per epoch, so WGAN-GP also runs critic-only batches.
        TrainingConfig config = TrainingConfig.defaults(architecture, 1).withBatchSize(16);

        RunResult uninterrupted;
        try (GanTraining training = new GanTraining(config)) {
            List<EpochStats> stats = new ArrayList<>();
            stats.add(training.trainEpoch(images, EpochListener.NONE));
            training.noise(3);
            for (int epoch = 1; epoch < EPOCHS; epoch++) {
                stats.add(training.trainEpoch(images, EpochListener.NONE));
            }
            uninterrupted = finish(training, stats);
        }

        byte[] state;
        try (GanTraining first = new GanTraining(config)) {
            first.trainEpoch(images, EpochListener.NONE);
            // Sampling at a checkpoint advances the sampling stream before the save.
            first.noise(3);
            int arraysBeforeSave = first.managedArrayCount();
            state = first.saveState();
            assertEquals(arraysBeforeSave, first.managedArrayCount(), "saveState leaked arrays");
        }

        try (GanTraining resumed = GanTraining.restore(config, state)) {
            assertEquals(1, resumed.epochsCompleted());
            assertArrayEquals(state, resumed.saveState(), "restored state saves differently");

            List<EpochStats> stats = new ArrayList<>();
            stats.add(resumed.trainEpoch(images, EpochListener.NONE));
            int arraysAfterSecond = resumed.managedArrayCount();
            stats.add(resumed.trainEpoch(images, EpochListener.NONE));
            assertEquals(arraysAfterSecond, resumed.managedArrayCount(), "training leaked arrays");
            RunResult result = finish(resumed, stats);

            for (int i = 0; i < 2; i++) {
                EpochStats expected = uninterrupted.stats().get(i + 1);
                EpochStats actual = result.stats().get(i);
                assertEquals(expected.epoch(), actual.epoch());
                assertEquals(expected.discriminatorLoss(), actual.discriminatorLoss(),
                        "discriminator loss of epoch " + expected.epoch());
                assertEquals(expected.generatorLoss(), actual.generatorLoss(),
                        "generator loss of epoch " + expected.epoch());
            }
            for (int i = 0; i < result.noise().length; i++) {
                assertArrayEquals(uninterrupted.noise()[i], result.noise()[i], "noise row " + i);
                assertArrayEquals(uninterrupted.samples()[i], result.samples()[i],
                        "sample " + i);
            }
            assertArrayEquals(uninterrupted.generatorWeights(), result.generatorWeights());
            assertArrayEquals(uninterrupted.discriminatorWeights(),
                    result.discriminatorWeights());
            assertEquals(uninterrupted.arrayCount(), result.arrayCount(),
                    "restored training owns a different number of arrays");
        }
    }

    @Test
    void streamRoundTripMatchesBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GanTraining training = GanTraining.restore(ganConfig(),
                new ByteArrayInputStream(ganState))) {
            assertEquals(0, training.epochsCompleted());
            training.saveState(out);
        }
        assertArrayEquals(ganState, out.toByteArray());
    }

    @Test
    void foreignBytesRejected() {
        byte[] zip = "PK\u0003\u0004 not a training state".getBytes(StandardCharsets.US_ASCII);
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(ganConfig(), zip));
        assertTrue(error.getMessage().contains("Not a topogan training state"),
                error.getMessage());
    }

    @Test
    void truncatedStateRejected() {
        for (int length : new int[] {0, 5, 15, ganState.length / 2, ganState.length - 1}) {
            byte[] truncated = Arrays.copyOf(ganState, length);
            TrainingStateException error = assertThrows(TrainingStateException.class,
                    () -> GanTraining.restore(ganConfig(), truncated));
            assertTrue(error.getMessage().contains("truncated"),
                    length + " bytes: " + error.getMessage());
        }
    }

    @Test
    void trailingBytesRejected() {
        byte[] longer = Arrays.copyOf(ganState, ganState.length + 3);
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(ganConfig(), longer));
        assertTrue(error.getMessage().contains("3 unexpected bytes"), error.getMessage());
    }

    @Test
    void corruptedStateRejected() {
        byte[] corrupted = ganState.clone();
        corrupted[corrupted.length / 2] ^= 0x10;
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(ganConfig(), corrupted));
        assertTrue(error.getMessage().contains("corrupted"), error.getMessage());
    }

    @Test
    void otherVersionRejected() {
        byte[] future = ganState.clone();
        ByteBuffer.wrap(future).putInt(8, TrainingState.VERSION + 1);
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(ganConfig(), future));
        assertTrue(error.getMessage().contains("version " + (TrainingState.VERSION + 1)),
                error.getMessage());
    }

    @Test
    void shortPayloadRejected() {
        ByteBuffer payload = TrainingState.unframe(ganState);
        byte[] shortened = new byte[payload.remaining() - 100];
        payload.get(shortened);
        byte[] reframed = TrainingState.frame(shortened);
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(ganConfig(), reframed));
        assertTrue(error.getMessage().contains("ends before its last section"),
                error.getMessage());
    }

    @Test
    void otherArchitectureRejected() {
        TrainingConfig dcgan = TrainingConfig.defaults(Architecture.DCGAN, 1);
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(dcgan, ganState));
        assertTrue(error.getMessage().contains("saved for gan with 1 channels"),
                error.getMessage());
        assertTrue(error.getMessage().contains("requests dcgan"), error.getMessage());
    }

    @Test
    void otherChannelCountRejected() {
        TrainingConfig rgb = TrainingConfig.defaults(Architecture.GAN, 3);
        TrainingStateException error = assertThrows(TrainingStateException.class,
                () -> GanTraining.restore(rgb, ganState));
        assertTrue(error.getMessage().contains("with 3 channels"), error.getMessage());
    }

    @Test
    void saveDuringEpochRejected() {
        float[][] images = GanTrainingTest.syntheticImages(4, 1, 2);
        try (GanTraining training = new GanTraining(ganConfig().withBatchSize(2))) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> training.trainEpoch(images, batch -> training.saveState()));
            assertTrue(error.getMessage().contains("during an epoch"), error.getMessage());
            byte[] afterFailure = training.saveState();
            assertTrue(afterFailure.length > TrainingState.HEADER_BYTES);
        }
    }

    @Test
    void randomStreamRestoresSpareGaussian() throws IOException {
        RandomStream stream = new RandomStream(5);
        stream.nextGaussian();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.writeState(new java.io.DataOutputStream(bytes));
        assertEquals(RandomStream.STATE_BYTES, bytes.size());

        RandomStream copy = new RandomStream(99);
        copy.readState(new java.io.DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 0; i < 5; i++) {
            assertEquals(stream.nextGaussian(), copy.nextGaussian(), "Gaussian " + i);
            assertEquals(stream.nextInt(7), copy.nextInt(7), "int " + i);
        }
    }

    private static TrainingConfig ganConfig() {
        return TrainingConfig.defaults(Architecture.GAN, 1);
    }

    private static RunResult finish(GanTraining training, List<EpochStats> stats) {
        float[][] noise = training.noise(4);
        return new RunResult(stats, noise, training.generate(noise),
                training.generatorWeights(), training.discriminatorWeights(),
                training.managedArrayCount());
    }
}
