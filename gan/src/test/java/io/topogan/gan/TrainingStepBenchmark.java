package io.topogan.gan;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the wall-clock seconds of one DCGAN training step (discriminator update, then
 * generator update, as {@link GanTraining#trainEpoch} runs them) on DJL's PyTorch engine.
 * gan/src/test/python/bench_training_step.py measures the same step in PyTorch; the results
 * are recorded in docs/benchmarks-training.md.
 *
 * <p>Not a test, so the suite does not run it. Usage, after {@code mvn -o -pl gan install}:
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
 *     -cp gan/target/classes:gan/target/test-classes:DEPENDENCY_CLASSPATH \
 *     io.topogan.gan.TrainingStepBenchmark CHANNELS BATCH WARMUP_STEPS STEPS
 * </pre>
 * It prints one line with the mean and the median seconds per step over the measured steps.
 */
public final class TrainingStepBenchmark {

    private TrainingStepBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("Usage: TrainingStepBenchmark CHANNELS BATCH WARMUP_STEPS STEPS");
            System.exit(2);
        }
        int channels = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        if (warmup < 1 || steps < 1) {
            // A step's time is the difference of two finish times, so step 0 cannot be timed.
            System.err.println("WARMUP_STEPS and STEPS must be at least 1");
            System.exit(2);
        }

        TrainingConfig config = TrainingConfig.defaults(Architecture.DCGAN, channels)
                .withBatchSize(batch);
        float[][] images = GanTrainingTest.syntheticImages(batch * (warmup + steps), channels,
                1);
        List<Double> finishTimes = new ArrayList<>();
        try (GanTraining training = new GanTraining(config)) {
            // One epoch with one batch per step; the listener runs after each step's losses
            // have been read back, so the step's native work has finished.
            training.trainEpoch(images, progress -> finishTimes.add(progress.elapsedSeconds()));
        }

        double[] seconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            seconds[i] = finishTimes.get(warmup + i) - finishTimes.get(warmup + i - 1);
        }
        double mean = Arrays.stream(seconds).average().orElseThrow();
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1
                ? sorted[steps / 2]
                : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        System.out.printf("djl dcgan channels=%d batch=%d threads=%d warmup=%d steps=%d"
                        + " mean_s=%.4f median_s=%.4f%n",
                channels, batch, JniUtils.getNumThreads(), warmup, steps, mean, median);
    }
}
