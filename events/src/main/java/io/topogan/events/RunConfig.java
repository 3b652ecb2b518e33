package io.topogan.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of one training run, as requested by a user and carried by {@link RunRequested}.
 *
 * @param model architecture id: {@code gan}, {@code dcgan}, {@code wgan_gp_linear} or
 *     {@code wgan_gp_conv}
 * @param dataset dataset id: {@code mnist}, {@code fashion-mnist}, {@code cifar10}, or
 *     {@code folder:NAME} for the PNG and JPEG images in sub-folder NAME of the trainer's data
 *     folder (NAME: 1 to 128 letters, digits, '.', '_' or '-', not starting with '.'); an image
 *     folder's own sub-folders, in sorted order, are its classes 0, 1, ...
 * @param classes class indices to train on; empty means all classes. For an image folder the
 *     trainer checks them against its class sub-folders when it loads the images
 * @param channels image channels the generator produces: 1 keeps grey images grey, 3 repeats the
 *     grey channel as the reference study did; CIFAR-10 is always 3
 * @param trainingImages number of training images to use, 0 for all that the dataset contains
 * @param epochs number of epochs to train
 * @param batchSize images per training batch
 * @param checkpointEvery a checkpoint is taken at epoch 0, every this many epochs, and at the last
 *     epoch
 * @param samplesPerCheckpoint generated samples stored at each checkpoint
 * @param layerSamples samples whose generator layer outputs are stored at each checkpoint
 * @param realSamples real training images stored once per run as the reference cloud
 * @param nPerm points kept by greedy furthest-point subsampling before persistent homology
 * @param seed seed of every random stream of the run
 * @param learningRate Adam learning rate of both networks; 0 takes the architecture's reference
 *     value (2e-4). A run request without this field means 0.
 * @param latentModes 0 for the usual Gaussian latent vectors; K &gt; 0 limits the generator to K
 *     fixed latent vectors in training and sampling, a mode collapse made on purpose that
 *     shows what the metrics report for one. A run request without this field means 0.
 */
public record RunConfig(
        String model,
        String dataset,
        List<Integer> classes,
        int channels,
        int trainingImages,
        int epochs,
        int batchSize,
        int checkpointEvery,
        int samplesPerCheckpoint,
        int layerSamples,
        int realSamples,
        int nPerm,
        long seed,
        Double learningRate,
        Integer latentModes) {

    /** Model ids that a trainer can build. */
    public static final List<String> MODELS = List.of("gan", "dcgan", "wgan_gp_linear", "wgan_gp_conv");

    /** Dataset ids that a trainer can load. */
    public static final List<String> DATASETS = List.of("mnist", "fashion-mnist", "cifar10");

    /** Prefix of the dataset id of an image folder, {@code folder:NAME}. */
    public static final String FOLDER_PREFIX = "folder:";

    private static final Pattern FOLDER_NAME =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public RunConfig {
        classes = classes == null ? List.of() : List.copyOf(classes);
        // Optional: requests written before this field existed lack it.
        learningRate = learningRate == null ? 0.0 : learningRate;
        latentModes = latentModes == null ? 0 : latentModes;
    }

    /** Settings with the architecture's reference learning rate. */
    public RunConfig(String model, String dataset, List<Integer> classes, int channels,
            int trainingImages, int epochs, int batchSize, int checkpointEvery,
            int samplesPerCheckpoint, int layerSamples, int realSamples, int nPerm, long seed) {
        this(model, dataset, classes, channels, trainingImages, epochs, batchSize,
                checkpointEvery, samplesPerCheckpoint, layerSamples, realSamples, nPerm, seed, 0.0, 0);
    }

    /** Returns a copy with another learning rate; 0 means the architecture's reference value. */
    public RunConfig withLearningRate(double newLearningRate) {
        return new RunConfig(model, dataset, classes, channels, trainingImages, epochs,
                batchSize, checkpointEvery, samplesPerCheckpoint, layerSamples, realSamples,
                nPerm, seed, newLearningRate, latentModes);
    }

    /** Returns a copy limited to {@code count} latent vectors; 0 means no limit. */
    public RunConfig withLatentModes(int count) {
        return new RunConfig(model, dataset, classes, channels, trainingImages, epochs,
                batchSize, checkpointEvery, samplesPerCheckpoint, layerSamples, realSamples,
                nPerm, seed, learningRate, count);
    }

    /**
     * Settings of a short CPU run: DCGAN on 2000 Fashion-MNIST images for 8 epochs, a checkpoint
     * every epoch, 500 samples and 16 layer captures per checkpoint (about 50 MB of blobs each).
     */
    public static RunConfig demo() {
        return new RunConfig("dcgan", "fashion-mnist", List.of(), 1, 2000, 8, 32, 1, 500, 16, 500,
                100, 1234L);
    }

    /**
     * Returns the problems of this configuration, one message per invalid field, each naming the
     * field; an empty list means the configuration is valid.
     */
    public List<String> problems() {
        var problems = new java.util.ArrayList<String>();
        if (model == null || !MODELS.contains(model)) {
            problems.add("model: must be one of " + MODELS + ", got " + model);
        }
        if (!isValidDataset(dataset)) {
            problems.add("dataset: must be one of " + DATASETS + " or " + FOLDER_PREFIX
                    + "NAME with NAME a sub-folder of the trainer's data folder (1 to 128"
                    + " letters, digits, '.', '_' or '-', not starting with '.'), got " + dataset);
        }
        int classCount = "cifar10".equals(dataset) || "mnist".equals(dataset)
                || "fashion-mnist".equals(dataset) ? 10 : Integer.MAX_VALUE;
        for (Integer c : classes) {
            if (c == null || c < 0 || c >= classCount) {
                problems.add("classes: each class must be in 0.." + (classCount - 1) + ", got " + c);
            }
        }
        if (channels != 1 && channels != 3) {
            problems.add("channels: must be 1 or 3, got " + channels);
        }
        if ("cifar10".equals(dataset) && channels != 3) {
            problems.add("channels: cifar10 images have 3 channels, got " + channels);
        }
        requireRange(problems, "trainingImages", trainingImages, 0, 10_000_000);
        requireRange(problems, "epochs", epochs, 1, 100_000);
        requireRange(problems, "batchSize", batchSize, 1, 4096);
        requireRange(problems, "checkpointEvery", checkpointEvery, 1, 100_000);
        requireRange(problems, "samplesPerCheckpoint", samplesPerCheckpoint, 2, 100_000);
        requireRange(problems, "layerSamples", layerSamples, 0, samplesPerCheckpoint);
        requireRange(problems, "realSamples", realSamples, 2, 100_000);
        requireRange(problems, "nPerm", nPerm, 2, 5_000);
        requireRange(problems, "latentModes", latentModes, 0, 100_000);
        if (!(learningRate >= 0 && learningRate <= 1)) {
            problems.add("learningRate: must be in 0..1 (0 for the reference value), got "
                    + learningRate);
        }
        return problems;
    }

    /** Returns whether {@code dataset} is a known dataset id or a valid {@code folder:NAME} id. */
    public static boolean isValidDataset(String dataset) {
        return dataset != null && (DATASETS.contains(dataset) || folderName(dataset) != null);
    }

    /**
     * Returns NAME of a valid {@code folder:NAME} dataset id: the image folder's name in the
     * trainer's data folder; null for any other id.
     */
    public static String folderName(String dataset) {
        if (dataset == null || !dataset.startsWith(FOLDER_PREFIX)) {
            return null;
        }
        String name = dataset.substring(FOLDER_PREFIX.length());
        return FOLDER_NAME.matcher(name).matches() ? name : null;
    }

    /** Returns whether {@code runId} is a valid run id: lower-case letters, digits and '-'. */
    public static boolean isValidRunId(String runId) {
        return runId != null && ID_PATTERN.matcher(runId).matches();
    }

    /**
     * Returns whether {@code epoch} is a checkpoint epoch: epoch 0, every {@code checkpointEvery}
     * epochs after it, and the last epoch ({@code epochs - 1}).
     */
    public boolean isCheckpointEpoch(int epoch) {
        return epoch == epochs - 1 || epoch % checkpointEvery == 0;
    }

    /** Returns the checkpoint epoch before {@code epoch}, or -1 when {@code epoch} is the first. */
    public int previousCheckpointEpoch(int epoch) {
        for (int e = epoch - 1; e >= 0; e--) {
            if (isCheckpointEpoch(e)) {
                return e;
            }
        }
        return -1;
    }

    /** Returns the number of checkpoints a complete run publishes. */
    public int checkpointCount() {
        int count = 0;
        for (int e = 0; e < epochs; e++) {
            if (isCheckpointEpoch(e)) {
                count++;
            }
        }
        return count;
    }

    private static void requireRange(List<String> problems, String field, long value, long min,
            long max) {
        if (value < min || value > max) {
            problems.add(field + ": must be in " + min + ".." + max + ", got " + value);
        }
    }
}
