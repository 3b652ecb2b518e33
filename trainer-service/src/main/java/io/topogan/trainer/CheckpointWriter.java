package io.topogan.trainer;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import io.topogan.events.BlobRef;
import io.topogan.events.CheckpointReady;
import io.topogan.events.EventJson;
import io.topogan.events.LayerBlob;
import io.topogan.events.RunConfig;
import io.topogan.formats.ImageGrid;
import io.topogan.formats.ImageSet;
import io.topogan.formats.NpyArray;
import io.topogan.gan.EpochStats;
import io.topogan.gan.GanTraining;
import io.topogan.gan.LayerActivation;
import io.topogan.service.ResultPublisher;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Stores the blobs of one checkpoint under {@code runs/{run}/epoch-{e}/} (generated samples, input
 * noise, every generator layer's output, a PNG grid, both networks' weights) and then publishes
 * one {@link CheckpointReady} on {@code topogan.checkpoints}. The event goes out only after every
 * blob it names is stored, so analyzers never see a partial checkpoint.
 */
@ApplicationScoped
public class CheckpointWriter {

    private static final int GRID_IMAGES = 64;
    private static final int GRID_COLUMNS = 8;

    private final BlobStore store;
    private final Emitter<Record<String, String>> emitter;

    public CheckpointWriter(BlobStore store,
            @Channel("checkpoints") Emitter<Record<String, String>> emitter) {
        this.store = store;
        this.emitter = emitter;
    }

    /** Stores the run's real-data reference cloud, shape (n, C, 32, 32). */
    BlobRef writeRealSamples(String runId, ImageSet real) {
        return putNpy(ObjectKeys.realSamples(runId), images(real.images(), real.channels()));
    }

    void write(String runId, RunConfig config, int epoch, GanTraining training, float[][] noise,
            BlobRef real, EpochStats stats) throws IOException {
        int channels = config.channels();
        float[][] samples = training.generate(noise);
        BlobRef samplesRef = putNpy(ObjectKeys.samples(runId, epoch), images(samples, channels));

        float[][] layerNoise = Arrays.copyOf(noise, config.layerSamples());
        BlobRef noiseRef = putNpy(ObjectKeys.noise(runId, epoch), rows(layerNoise));
        List<LayerBlob> layers = new ArrayList<>();
        if (layerNoise.length > 0) {
            for (LayerActivation layer : training.captureLayers(layerNoise)) {
                LayerBlob blob = new LayerBlob(layer.index(), layer.name(), null);
                BlobRef ref = putNpy(ObjectKeys.layer(runId, epoch, blob.layerId()),
                        NpyArray.ofFloat32(layer.shape(), layer.data()));
                layers.add(new LayerBlob(layer.index(), layer.name(), ref));
            }
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageGrid.writePng(Arrays.copyOf(samples, Math.min(GRID_IMAGES, samples.length)),
                channels, 32, 32, GRID_COLUMNS, png);
        String gridKey = ObjectKeys.grid(runId, epoch);
        store.put(gridKey, png.toByteArray(), "image/png");

        String generatorKey = ObjectKeys.weights(runId, epoch, "generator");
        store.put(generatorKey, training.generatorWeights(), "application/octet-stream");
        String discriminatorKey = ObjectKeys.weights(runId, epoch, "discriminator");
        store.put(discriminatorKey, training.discriminatorWeights(), "application/octet-stream");

        int previous = config.previousCheckpointEpoch(epoch);
        CheckpointReady event = new CheckpointReady(1, runId, epoch, previous,
                epoch == config.epochs() - 1, config.model(), config.dataset(), config.classes(),
                config.nPerm(), samplesRef, noiseRef, layers,
                real,
                new BlobRef(gridKey, List.of(), "image/png"),
                new BlobRef(generatorKey, List.of(), "djl-params"),
                new BlobRef(discriminatorKey, List.of(), "djl-params"),
                finite(stats.discriminatorLoss()), finite(stats.generatorLoss()), Instant.now());
        ResultPublisher.awaitAcknowledged(emitter.send(Record.of(runId, EventJson.write(event))),
                "checkpoint of run " + runId);
        Log.infof("run %s: published checkpoint epoch=%d (%d samples, %d layers)", runId, epoch,
                samples.length, layers.size());
    }

    private BlobRef putNpy(String key, NpyArray array) {
        store.putNpy(key, array);
        return new BlobRef(key, Arrays.stream(array.shape()).boxed().toList(), "float32");
    }

    /** Packs images of C*32*32 values into one float32 array of shape (n, C, 32, 32). */
    private static NpyArray images(float[][] images, int channels) {
        int length = channels * 32 * 32;
        float[] data = new float[images.length * length];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, data, i * length, length);
        }
        return NpyArray.ofFloat32(new int[] {images.length, channels, 32, 32}, data);
    }

    static NpyArray rows(float[][] rows) {
        int width = rows.length == 0 ? 100 : rows[0].length;
        float[] data = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * width, width);
        }
        return NpyArray.ofFloat32(new int[] {rows.length, width}, data);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
