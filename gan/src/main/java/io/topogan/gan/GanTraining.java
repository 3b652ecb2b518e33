package io.topogan.gan;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one GAN on DJL's PyTorch engine, epoch by epoch, and samples and inspects its
 * generator between epochs.
 *
 * <p>Training images flow in as rows of C*32*32 floats in CHW order, scaled to [-1, 1].
 * Latent vectors are rows of 100 floats. Weights flow out as DJL parameter streams. Runs on the
 * first GPU when libtorch reports one, else on the CPU.
 *
 * <p>Randomness comes from two xoshiro256** streams seeded from the config: one for weight
 * initialization, shuffling, training latent vectors and WGAN-GP interpolation factors, one for
 * {@link #noise(int)}, so sampling between epochs does not change the training run. Equal seeds
 * give equal runs on one device. The numbers differ from the PyTorch reference, whose generator
 * DJL cannot reproduce.
 *
 * <p>{@link #saveState()} captures everything a run needs to continue between epochs: weights,
 * BatchNorm running statistics, Adam state, the epoch count and both random streams. A run
 * restored with {@link #restore(TrainingConfig, byte[])} then trains, samples and draws noise
 * as the uninterrupted run would have, on the same device and libtorch build.
 *
 * <p>Not thread-safe. Close it to free the native memory of weights and optimizer state.
 */
public final class GanTraining implements AutoCloseable {

    private static final double DCGAN_WEIGHT_STD = 0.02;

    private final TrainingConfig config;
    private final Engine engine;
    private final GanNetworks networks;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final AdamOptimizer generatorOptimizer;
    private final AdamOptimizer discriminatorOptimizer;
    private final RandomStream trainingRandom;
    private final RandomStream samplingRandom;
    /** The fixed latent vectors of a run limited to a few modes, or null. */
    private final float[][] latentModes;
    private int epochsCompleted;
    private boolean epochInProgress;

    /** Builds and initializes both networks and their optimizers. */
    public GanTraining(TrainingConfig config) {
        this.config = config;
        this.engine = Engine.getEngine("PyTorch");
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        this.manager = engine.newBaseManager(device);
        this.parameterStore = new ParameterStore(manager, false);
        this.trainingRandom = new RandomStream(config.seed());
        this.samplingRandom = new RandomStream(~config.seed());
        this.latentModes = config.latentModes() == 0 ? null
                : gaussianRows(new RandomStream(config.seed() + 1), config.latentModes());

        this.networks = GanNetworks.build(config.architecture(), config.channels());
        networks.initialize(manager);
        if (config.architecture() == Architecture.DCGAN) {
            WeightInitialization.normal(networks.generator(), DCGAN_WEIGHT_STD, trainingRandom);
            WeightInitialization.normal(networks.discriminator(), DCGAN_WEIGHT_STD,
                    trainingRandom);
        } else {
            WeightInitialization.pytorchDefault(networks.generator(), trainingRandom);
            WeightInitialization.pytorchDefault(networks.discriminator(), trainingRandom);
        }

        this.generatorOptimizer = new AdamOptimizer(parameters(networks.generator()), manager,
                config.learningRate(), config.beta1(), config.beta2());
        this.discriminatorOptimizer = new AdamOptimizer(parameters(networks.discriminator()),
                manager, config.learningRate(), config.beta1(), config.beta2());
    }

    /** Settings of this run. */
    public TrainingConfig config() {
        return config;
    }

    /** Networks being trained; their parameters live as long as this object. */
    public GanNetworks networks() {
        return networks;
    }

    /** Number of epochs trained so far. */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /**
     * Trains one epoch: shuffles the images, then runs one training step per batch of
     * {@code batchSize} images; the last batch keeps the remainder, as PyTorch's DataLoader
     * does by default.
     *
     * @param images N rows of C*32*32 values in CHW order, scaled to [-1, 1]; not modified
     * @param listener receives the losses after every batch
     * @return mean losses and throughput of the epoch
     * @throws IllegalArgumentException if there are no images, a row has the wrong length, or
     *     wgan_gp_linear would get a batch of one image
     */
    public EpochStats trainEpoch(float[][] images, EpochListener listener) {
        checkImages(images);
        // BatchNorm1d cannot take a training batch of one value per channel, and PyTorch raises
        // an error for it too. libtorch itself would return a NaN running variance.
        if (config.architecture() == Architecture.WGAN_GP_LINEAR
                && images.length % config.batchSize() == 1) {
            throw new IllegalArgumentException("wgan_gp_linear cannot train on a last batch of"
                    + " one image: " + images.length + " images with batch size "
                    + config.batchSize() + "; drop one image or change the batch size");
        }
        epochInProgress = true;
        try {
            return trainShuffledEpoch(images, listener);
        } finally {
            epochInProgress = false;
        }
    }

    private EpochStats trainShuffledEpoch(float[][] images, EpochListener listener) {
        int[] order = shuffledOrder(images.length);
        int batchSize = config.batchSize();
        int batchCount = (images.length + batchSize - 1) / batchSize;
        int epoch = epochsCompleted;
        long start = System.nanoTime();
        double discriminatorLossSum = 0;
        double generatorLossSum = 0;
        int generatorSteps = 0;

        for (int batch = 0; batch < batchCount; batch++) {
            int from = batch * batchSize;
            int size = Math.min(batchSize, images.length - from);
            float[] batchImages = gather(images, order, from, size);
            float[] losses = trainBatch(batchImages, size, batch);

            discriminatorLossSum += losses[0];
            if (!Float.isNaN(losses[1])) {
                generatorLossSum += losses[1];
                generatorSteps++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            listener.onBatch(new BatchProgress(epoch, batch, batchCount, losses[0], losses[1],
                    elapsed));
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        epochsCompleted++;
        return new EpochStats(epoch, discriminatorLossSum / batchCount,
                generatorSteps == 0 ? Double.NaN : generatorLossSum / generatorSteps,
                images.length / seconds, seconds);
    }

    /**
     * Draws n latent vectors from the standard normal distribution, n x 100, from the sampling
     * stream, which training does not consume.
     */
    public float[][] noise(int n) {
        if (latentModes != null) {
            float[][] rows = new float[n][];
            for (int r = 0; r < n; r++) {
                rows[r] = latentModes[samplingRandom.nextInt(latentModes.length)].clone();
            }
            return rows;
        }
        return gaussianRows(samplingRandom, n);
    }

    private static float[][] gaussianRows(RandomStream random, int n) {
        float[][] rows = new float[n][GanNetworks.LATENT_SIZE];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    /**
     * Generates one image per latent vector with the generator in evaluation mode: BatchNorm
     * layers use their running statistics and update nothing, so the result does not depend on
     * the other vectors of the batch.
     *
     * @param noise n rows of 100 values
     * @return n rows of C*32*32 values in CHW order, in [-1, 1]
     */
    public float[][] generate(float[][] noise) {
        checkNoise(noise);
        try (NDManager scope = manager.newSubManager()) {
            NDArray latent = latentArray(scope, noise);
            NDArray images = networks.generator()
                    .forward(parameterStore, new NDList(latent), false)
                    .singletonOrThrow();
            return rows(images.toFloatArray(), noise.length);
        }
    }

    /**
     * Runs the generator in evaluation mode, as {@link #generate}, and returns the output of
     * every layer in order. A reshape layer repeats the values of the layer before it in
     * another shape. The last entry equals {@link #generate}'s result.
     */
    public List<LayerActivation> captureLayers(float[][] noise) {
        checkNoise(noise);
        List<LayerActivation> activations = new ArrayList<>();
        try (NDManager scope = manager.newSubManager()) {
            NDList current = new NDList(latentArray(scope, noise));
            List<Block> layers = new ArrayList<>(networks.generator().getChildren().values());
            for (int index = 0; index < layers.size(); index++) {
                current = layers.get(index).forward(parameterStore, current, false);
                NDArray output = current.singletonOrThrow();
                long[] shape = output.getShape().getShape();
                int[] intShape = new int[shape.length];
                for (int axis = 0; axis < shape.length; axis++) {
                    intShape[axis] = Math.toIntExact(shape[axis]);
                }
                activations.add(new LayerActivation(index,
                        networks.generatorLayerNames().get(index), intShape,
                        output.toFloatArray()));
            }
        }
        return activations;
    }

    /** Serializes the generator's parameters and BatchNorm statistics in DJL's format. */
    public byte[] generatorWeights() {
        return serialize(networks.generator());
    }

    /** Serializes the discriminator's parameters and BatchNorm statistics in DJL's format. */
    public byte[] discriminatorWeights() {
        return serialize(networks.discriminator());
    }

    /**
     * Serializes the complete training state in the versioned format that
     * {@link TrainingState} documents, so that {@link #restore(TrainingConfig, byte[])} can
     * continue the run with the next epoch. For DCGAN with 3 channels the state is about 76 MB:
     * 6.3 million parameters, each stored with Adam's two moments as float32.
     *
     * @throws IllegalStateException if called during {@link #trainEpoch}, for example from an
     *     {@link EpochListener}, because the state of a half-trained epoch is not saved
     */
    public byte[] saveState() {
        if (epochInProgress) {
            throw new IllegalStateException("Cannot save the training state during an epoch;"
                    + " save it after trainEpoch returns");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            out.writeUTF(config.architecture().id());
            out.writeInt(config.channels());
            out.writeInt(epochsCompleted);
            trainingRandom.writeState(out);
            samplingRandom.writeState(out);
            TrainingState.writeParameters(networks.generator(), out);
            TrainingState.writeParameters(networks.discriminator(), out);
            generatorOptimizer.writeState(out);
            discriminatorOptimizer.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to serialize the training state", e);
        }
        return TrainingState.frame(payload.toByteArray());
    }

    /** Writes {@link #saveState()} to the stream and leaves it open. */
    public void saveState(OutputStream out) throws IOException {
        out.write(saveState());
    }

    /**
     * Rebuilds a training from a state written by {@link #saveState()}. The architecture and
     * channel count must equal the config's. The other settings are taken from the config, not
     * from the state, so a run continues exactly only when they equal those of the saved run.
     *
     * @throws TrainingStateException if the bytes are not a training state, are truncated or
     *     corrupted, have an unsupported format version, or were saved for another
     *     architecture or channel count
     */
    public static GanTraining restore(TrainingConfig config, byte[] state) {
        DataInputStream in = new DataInputStream(
                new ByteBufferInputStream(TrainingState.unframe(state)));
        try {
            String architecture = in.readUTF();
            int channels = in.readInt();
            if (!architecture.equals(config.architecture().id())
                    || channels != config.channels()) {
                throw new TrainingStateException("Training state was saved for " + architecture
                        + " with " + channels + " channels, but the config requests "
                        + config.architecture().id() + " with " + config.channels()
                        + " channels");
            }
            int epochs = in.readInt();
            if (epochs < 0) {
                throw new TrainingStateException(
                        "Training state has negative epoch count " + epochs);
            }
            GanTraining training = new GanTraining(config);
            try {
                training.readState(in);
                training.epochsCompleted = epochs;
                if (in.available() > 0) {
                    throw new TrainingStateException("Training state has " + in.available()
                            + " unread bytes after its last section");
                }
            } catch (IOException | RuntimeException e) {
                training.close();
                throw e;
            }
            return training;
        } catch (EOFException e) {
            throw new TrainingStateException("Training state payload ends before its last"
                    + " section; the file was written by an incompatible build", e);
        } catch (IOException e) {
            throw new TrainingStateException("Failed to read the training state", e);
        }
    }

    /** Reads the whole stream and calls {@link #restore(TrainingConfig, byte[])}. */
    public static GanTraining restore(TrainingConfig config, InputStream in) throws IOException {
        return restore(config, in.readAllBytes());
    }

    /** Reads the payload sections after the epoch count into this training's objects. */
    private void readState(DataInputStream in) throws IOException {
        trainingRandom.readState(in);
        samplingRandom.readState(in);
        TrainingState.readParameters(networks.generator(), in, "generator");
        TrainingState.readParameters(networks.discriminator(), in, "discriminator");
        generatorOptimizer.readState(in, "generator");
        discriminatorOptimizer.readState(in, "discriminator");
    }

    /** Counts the native arrays this training owns, to detect arrays leaked by a step. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Runs one training step on a batch and returns {discriminator loss, generator loss}. */
    private float[] trainBatch(float[] batchImages, int size, int batchIndex) {
        try (NDManager step = manager.newSubManager()) {
            NDArray real = step.create(batchImages, networks.imageShape(size));
            NDArray latent = step.create(sampleLatent(size),
                    new Shape(size, GanNetworks.LATENT_SIZE));
            if (config.architecture().isWasserstein()) {
                return wassersteinStep(step, real, latent, batchIndex);
            }
            return crossEntropyStep(real, latent);
        }
    }

    /**
     * Runs one BCE step: the discriminator learns real as 1 and generated as 0, then the
     * generator learns to make the updated discriminator output 1 on the same generated batch.
     * Real and generated images pass the discriminator separately, so each gets its own
     * BatchNorm statistics.
     */
    private float[] crossEntropyStep(NDArray real, NDArray latent) {
        Block generator = networks.generator();
        Block discriminator = networks.discriminator();
        NDArray fake;
        float discriminatorLoss;

        try (GradientCollector collector = engine.newGradientCollector()) {
            discriminatorOptimizer.zeroGradients();
            fake = forward(generator, latent);
            NDArray realLoss = Losses.bceAgainstOne(forward(discriminator, real));
            NDArray fakeLoss = Losses.bceAgainstZero(forward(discriminator, fake.stopGradient()));
            NDArray loss = realLoss.add(fakeLoss);
            if (config.architecture() == Architecture.GAN) {
                loss = loss.div(2f);
            }
            collector.backward(loss);
            discriminatorLoss = loss.getFloat();
        }
        discriminatorOptimizer.step();

        // The generated batch still carries the generator's graph from the first collector.
        float generatorLoss;
        try (GradientCollector collector = engine.newGradientCollector()) {
            generatorOptimizer.zeroGradients();
            NDArray loss = Losses.bceAgainstOne(forward(discriminator, fake));
            collector.backward(loss);
            generatorLoss = loss.getFloat();
        }
        generatorOptimizer.step();
        return new float[] {discriminatorLoss, generatorLoss};
    }

    /**
     * Runs one WGAN-GP step: a critic update with loss -mean(D(x)) + mean(D(G(z))) + lambda GP,
     * then, on every criticIterations-th batch counted from batch 0, a generator update with
     * loss -mean(D(G(z))) on the same latent vectors.
     */
    private float[] wassersteinStep(NDManager step, NDArray real, NDArray latent,
            int batchIndex) {
        Block generator = networks.generator();
        Block critic = networks.discriminator();
        int size = Math.toIntExact(real.getShape().get(0));

        // Outside a collector nothing is recorded, so the generated batch has no graph.
        NDArray fake = forward(generator, latent);
        NDArray alpha = step.create(sampleUniform(size), alphaShape(size));

        float criticLoss;
        try (GradientCollector collector = engine.newGradientCollector()) {
            discriminatorOptimizer.zeroGradients();
            NDArray realScore = forward(critic, real).mean();
            NDArray fakeScore = forward(critic, fake).mean();
            NDArray interpolated = real.mul(alpha).add(fake.mul(alpha.neg().add(1f)));
            NDArray wassersteinLoss = fakeScore.sub(realScore);
            float weight = (float) config.gradientPenaltyWeight();
            NDArray penalty = GradientPenalty.backward(collector, critic,
                    discriminatorOptimizer.parameters(), step, interpolated, wassersteinLoss,
                    weight);
            criticLoss = wassersteinLoss.getFloat() + weight * penalty.getFloat();
        }
        discriminatorOptimizer.step();

        float generatorLoss = Float.NaN;
        if (batchIndex % config.criticIterations() == 0) {
            try (GradientCollector collector = engine.newGradientCollector()) {
                generatorOptimizer.zeroGradients();
                NDArray loss = forward(critic, forward(generator, latent)).mean().neg();
                collector.backward(loss);
                generatorLoss = loss.getFloat();
            }
            generatorOptimizer.step();
        }
        return new float[] {criticLoss, generatorLoss};
    }

    private NDArray forward(Block block, NDArray input) {
        return block.forward(parameterStore, new NDList(input), true).singletonOrThrow();
    }

    private Shape alphaShape(int size) {
        return networks.imageShape(size).dimension() == 2
                ? new Shape(size, 1)
                : new Shape(size, 1, 1, 1);
    }

    private static List<Parameter> parameters(Block block) {
        return new ArrayList<>(block.getParameters().values());
    }

    private float[] sampleLatent(int size) {
        float[] values = new float[size * GanNetworks.LATENT_SIZE];
        if (latentModes != null) {
            for (int r = 0; r < size; r++) {
                float[] mode = latentModes[trainingRandom.nextInt(latentModes.length)];
                System.arraycopy(mode, 0, values, r * mode.length, mode.length);
            }
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) trainingRandom.nextGaussian();
        }
        return values;
    }

    private float[] sampleUniform(int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = trainingRandom.nextFloat();
        }
        return values;
    }

    /** Draws a Fisher-Yates permutation of 0..n-1 from the training stream. */
    private int[] shuffledOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = trainingRandom.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private float[] gather(float[][] images, int[] order, int from, int size) {
        int length = networks.imageLength();
        float[] batch = new float[size * length];
        for (int i = 0; i < size; i++) {
            System.arraycopy(images[order[from + i]], 0, batch, i * length, length);
        }
        return batch;
    }

    private static NDArray latentArray(NDManager scope, float[][] noise) {
        float[] values = new float[noise.length * GanNetworks.LATENT_SIZE];
        for (int i = 0; i < noise.length; i++) {
            System.arraycopy(noise[i], 0, values, i * GanNetworks.LATENT_SIZE,
                    GanNetworks.LATENT_SIZE);
        }
        return scope.create(values, new Shape(noise.length, GanNetworks.LATENT_SIZE));
    }

    private static float[][] rows(float[] values, int n) {
        int length = values.length / n;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(values, i * length, (i + 1) * length);
        }
        return rows;
    }

    private void checkImages(float[][] images) {
        if (images.length == 0) {
            throw new IllegalArgumentException("No training images");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != networks.imageLength()) {
                throw new IllegalArgumentException("Image " + i + " has " + images[i].length
                        + " values, expected C*32*32 = " + networks.imageLength());
            }
        }
    }

    private static void checkNoise(float[][] noise) {
        if (noise.length == 0) {
            throw new IllegalArgumentException("No latent vectors");
        }
        for (int i = 0; i < noise.length; i++) {
            if (noise[i].length != GanNetworks.LATENT_SIZE) {
                throw new IllegalArgumentException("Latent vector " + i + " has "
                        + noise[i].length + " values, expected " + GanNetworks.LATENT_SIZE);
            }
        }
    }

    /** Reads a byte buffer from its position to its limit. */
    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buffer;

        ByteBufferInputStream(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int count = Math.min(length, buffer.remaining());
            buffer.get(target, offset, count);
            return count;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }

    private static byte[] serialize(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to serialize parameters", e);
        }
        return bytes.toByteArray();
    }
}
