package io.topogan.trainer;

import io.quarkus.logging.Log;
import io.topogan.events.BlobRef;
import io.topogan.events.RunConfig;
import io.topogan.events.RunRequested;
import io.topogan.events.RunStatus;
import io.topogan.formats.DatasetRequest;
import io.topogan.formats.DatasetSummary;
import io.topogan.formats.ImageFolders;
import io.topogan.formats.ImageSet;
import io.topogan.formats.LoadedDataset;
import io.topogan.gan.Architecture;
import io.topogan.gan.EpochStats;
import io.topogan.gan.GanTraining;
import io.topogan.gan.TrainingConfig;
import io.topogan.events.EventJson;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Trains one run from start to end: loads the dataset, stores the real-data reference cloud,
 * trains epoch after epoch, and at each checkpoint epoch hands the networks to
 * {@link CheckpointWriter}. After every epoch it stores the complete training state (weights,
 * optimizer moments, random streams), so a run whose trainer dies resumes after its last
 * completed epoch with the same random streams. Progress goes to the log, the
 * {@code topogan.runs} topic and the Prometheus gauges.
 */
@ApplicationScoped
public class TrainingJob {

    private final BlobStore store;
    private final CheckpointWriter checkpoints;
    private final StatusPublisher status;
    private final TrainerMetrics metrics;
    private final StopRequests stops;
    private final Path dataDir;

    public TrainingJob(BlobStore store, CheckpointWriter checkpoints, StatusPublisher status,
            TrainerMetrics metrics, StopRequests stops,
            @ConfigProperty(name = "topogan.data-dir") Path dataDir) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.status = status;
        this.metrics = metrics;
        this.stops = stops;
        this.dataDir = dataDir;
    }

    /**
     * Trains the run. A failure ends in a FAILED status event with the reason, unless the
     * trainer is shutting down: then the run keeps its active mark and resumes at the next start.
     */
    public void run(RunRequested request) {
        String runId = request.runId();
        RunConfig config = request.config();
        try {
            train(runId, config);
        } catch (StopRequests.RunStopped e) {
            stopped(runId, config);
        } catch (StopRequests.TrainerShutdown e) {
            Log.infof("run %s: left at shutdown; it resumes from its last stored epoch when a"
                    + " trainer starts", runId);
        } catch (Exception e) {
            if (!stops.isShuttingDown()) {
                failed(runId, config, e);
                return;
            }
            // Kafka or storage clients closing under a checkpoint write: the run is not broken.
            Log.infof("run %s: left at shutdown (%s); it resumes from its last stored epoch when"
                    + " a trainer starts", runId, e.toString());
        } catch (OutOfMemoryError e) {
            failed(runId, config, e);
        }
    }

    /** Ends a run that cannot train: a FAILED status with the reason, and no resume. */
    private void failed(String runId, RunConfig config, Throwable e) {
        Log.errorf(e, "run %s failed", runId);
        try {
            writeProgress(runId, new TrainingProgress(-1, "FAILED"));
            store.delete(ObjectKeys.activeRun(runId));
        } catch (RuntimeException cleanup) {
            Log.errorf(cleanup, "run %s: cannot record the failure in storage", runId);
        }
        status.publish(runId, RunStatus.State.FAILED, -1, config, null, "training failed: " + e);
    }

    /** Ends a run on request: it keeps its stored epochs and is not resumed. */
    private void stopped(String runId, RunConfig config) {
        stops.clear(runId);
        int epochsCompleted = 0;
        try {
            TrainingProgress progress = readProgress(runId);
            epochsCompleted = progress == null ? 0 : progress.epochsCompleted();
            writeProgress(runId, new TrainingProgress(epochsCompleted, "STOPPED"));
            store.delete(ObjectKeys.activeRun(runId));
        } catch (java.io.IOException | RuntimeException e) {
            Log.errorf(e, "run %s: cannot record the stop in storage", runId);
        }
        Log.infof("run %s stopped on request after %d epochs", runId, epochsCompleted);
        status.publish(runId, RunStatus.State.STOPPED, epochsCompleted - 1, config, null,
                "stopped on request after " + epochsCompleted + " epochs");
    }

    private void train(String runId, RunConfig config) throws Exception {
        long started = System.nanoTime();
        if (stops.isRequested(runId)) {
            throw new StopRequests.RunStopped(runId);
        }
        TrainingProgress progress = readProgress(runId);
        if (progress != null && !"RUNNING".equals(progress.state())) {
            Log.infof("run %s is already %s; nothing to do", runId, progress.state());
            store.delete(ObjectKeys.activeRun(runId));
            return;
        }
        status.publish(runId, RunStatus.State.RUNNING, -1, config, null, "loading data");
        store.putText(ObjectKeys.config(runId),
                EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config),
                "application/json");

        ImageSet data = loadDataset(runId, config);
        BlobRef real = checkpoints.writeRealSamples(runId, realSubset(data, config));

        TrainingConfig trainingConfig = TrainingConfig
                .defaults(Architecture.fromId(config.model()), config.channels())
                .withBatchSize(config.batchSize())
                .withSeed(config.seed());
        if (config.learningRate() > 0) {
            trainingConfig = trainingConfig.withLearningRate(config.learningRate());
        }
        trainingConfig = trainingConfig.withLatentModes(config.latentModes());
        boolean resuming = progress != null && store.exists(ObjectKeys.trainingState(runId));
        try (GanTraining training = resuming
                ? GanTraining.restore(trainingConfig, store.get(ObjectKeys.trainingState(runId)))
                : new GanTraining(trainingConfig)) {
            float[][] noise = resuming ? store.getNpy(ObjectKeys.latent(runId)).toFloatRows()
                    : training.noise(config.samplesPerCheckpoint());
            if (resuming) {
                Log.infof("run %s: resuming after epoch %d from its stored training state",
                        runId, training.epochsCompleted() - 1);
            } else {
                // One fixed set of latent vectors, so every checkpoint shows the same inputs.
                store.putNpy(ObjectKeys.latent(runId), CheckpointWriter.rows(noise));
            }
            int firstEpoch = training.epochsCompleted();
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                EpochStats stats = training.trainEpoch(data.images(),
                        new ProgressReporter(runId, config, epoch, status, stops));
                double elapsed = (System.nanoTime() - started) / 1e9;
                double eta = elapsed / (epoch - firstEpoch + 1) * (config.epochs() - epoch - 1);
                Log.infof("run %s epoch %d/%d d_loss=%.4f g_loss=%.4f %.1f img/s epoch=%.1fs"
                        + " eta=%.0fs", runId, epoch, config.epochs() - 1,
                        stats.discriminatorLoss(), stats.generatorLoss(),
                        stats.imagesPerSecond(), stats.seconds(), eta);
                metrics.epochFinished(runId, stats);
                if (config.isCheckpointEpoch(epoch)) {
                    checkpoints.write(runId, config, epoch, training, noise, real, stats);
                    metrics.checkpointPublished(runId);
                }
                saveState(runId, training);
                // Published after the state is stored, so each "trained" status names an epoch
                // that a restarted trainer will not train again.
                String message = Double.isFinite(stats.discriminatorLoss())
                        && Double.isFinite(stats.generatorLoss())
                        ? "epoch " + epoch + " trained" : "epoch " + epoch + " has a non-finite loss";
                status.publish(runId, RunStatus.State.RUNNING, epoch, config, stats, message);
            }
        }
        writeProgress(runId, new TrainingProgress(config.epochs(), "COMPLETED"));
        store.delete(ObjectKeys.activeRun(runId));
        status.publish(runId, RunStatus.State.COMPLETED, config.epochs() - 1, config, null,
                String.format("trained %d epochs in %.0f s", config.epochs(),
                        (System.nanoTime() - started) / 1e9));
        Log.infof("run %s completed", runId);
    }

    /**
     * Loads the run's training images, logs what was loaded and skipped, stores the load's
     * summary as {@code dataset.json} and publishes the skipped count in a status message.
     */
    private ImageSet loadDataset(String runId, RunConfig config) throws Exception {
        String folderName = RunConfig.folderName(config.dataset());
        DatasetRequest request = new DatasetRequest(
                folderName != null ? DatasetRequest.FOLDER : config.dataset(),
                dataDir.resolve(folderName != null ? folderName : config.dataset()),
                new HashSet<>(config.classes()), config.trainingImages(), config.channels(),
                DatasetRequest.Split.TRAIN);
        LoadedDataset loaded = LoadedDataset.load(request, loadProgress(runId));
        DatasetSummary summary = loaded.summary();
        Log.infof("run %s: loaded %s from %s: %s", runId, config.dataset(), request.folder(),
                summary.describe());
        for (DatasetSummary.SkippedFile skipped : summary.skippedExamples()) {
            Log.warnf("run %s: skipped unreadable image %s: %s", runId, skipped.file(),
                    skipped.reason());
        }
        if (summary.skippedFiles() > summary.skippedExamples().size()) {
            Log.warnf("run %s: %d more unreadable images skipped", runId,
                    summary.skippedFiles() - summary.skippedExamples().size());
        }
        if (summary.ignoredImages() > 0) {
            Log.warnf("run %s: %d image files lie directly in %s beside its class folders and"
                    + " belong to no class; they are not loaded", runId, summary.ignoredImages(),
                    request.folder());
        }
        store.putText(ObjectKeys.datasetSummary(runId),
                EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary),
                "application/json");
        status.publish(runId, RunStatus.State.RUNNING, -1, config, null, String.format(
                "training on %d images; %d unreadable image files skipped",
                summary.images(), summary.skippedFiles()));
        return loaded.images();
    }

    /** Logs the progress of a folder load at most every 10 seconds. */
    private static ImageFolders.Progress loadProgress(String runId) {
        long[] lastLog = {System.nanoTime()};
        return (loaded, skipped, total) -> {
            long now = System.nanoTime();
            if (now - lastLog[0] >= 10_000_000_000L) {
                lastLog[0] = now;
                Log.infof("run %s: loading images: %d of %d loaded, %d unreadable files skipped",
                        runId, loaded, total, skipped);
            }
        };
    }

    /**
     * Stores the state after a completed epoch, then the progress that points to it. A crash
     * between the two retrains the epoch from the previous state, which gives the same result.
     */
    private void saveState(String runId, GanTraining training) {
        store.put(ObjectKeys.trainingState(runId), training.saveState(),
                "application/octet-stream");
        writeProgress(runId, new TrainingProgress(training.epochsCompleted(), "RUNNING"));
    }

    private TrainingProgress readProgress(String runId) throws java.io.IOException {
        String key = ObjectKeys.trainingProgress(runId);
        if (!store.exists(key)) {
            return null;
        }
        return EventJson.mapper().readValue(store.getText(key), TrainingProgress.class);
    }

    private void writeProgress(String runId, TrainingProgress progress) {
        try {
            store.putText(ObjectKeys.trainingProgress(runId),
                    EventJson.mapper().writeValueAsString(progress), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the progress of run " + runId, e);
        }
    }

    /** Picks {@code realSamples} training images at random (seeded), without replacement. */
    private static ImageSet realSubset(ImageSet data, RunConfig config) {
        int count = Math.min(config.realSamples(), data.size());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(config.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        float[][] images = new float[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            images[i] = data.images()[order[i]];
            labels[i] = data.labels()[order[i]];
        }
        return new ImageSet(data.channels(), data.height(), data.width(), images, labels);
    }
}
