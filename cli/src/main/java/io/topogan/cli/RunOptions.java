package io.topogan.cli;

import io.topogan.events.RunConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of a training run; each defaults to the demo's setting. */
final class RunOptions {

    private static final RunConfig DEMO = RunConfig.demo();

    @Option(names = "--model", description = "Architecture: gan, dcgan, wgan_gp_linear or"
            + " wgan_gp_conv (default: ${DEFAULT-VALUE}).")
    String model = DEMO.model();

    @Option(names = "--dataset", description = "mnist, fashion-mnist or cifar10, read from the"
            + " data folder, or folder:NAME for the PNG and JPEG images in the data folder's"
            + " sub-folder NAME, whose own sub-folders (if any) are classes 0, 1, ... in sorted"
            + " order (default: ${DEFAULT-VALUE}).")
    String dataset = DEMO.dataset();

    @Option(names = "--classes", split = ",", paramLabel = "C",
            description = "Class indices to train on, comma-separated (default: all).")
    List<Integer> classes = DEMO.classes();

    @Option(names = "--channels", description = "Image channels: 1, or 3 to repeat grey images"
            + " as the reference study did (default: ${DEFAULT-VALUE}).")
    int channels = DEMO.channels();

    @Option(names = "--training-images", description = "Training images to use, 0 for all"
            + " (default: ${DEFAULT-VALUE}).")
    int trainingImages = DEMO.trainingImages();

    @Option(names = "--epochs", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs = DEMO.epochs();

    @Option(names = "--batch-size", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = DEMO.batchSize();

    @Option(names = "--checkpoint-every", description = "Checkpoint at epoch 0, every N epochs"
            + " and the last epoch (default: ${DEFAULT-VALUE}).")
    int checkpointEvery = DEMO.checkpointEvery();

    @Option(names = "--samples", description = "Generated samples stored per checkpoint"
            + " (default: ${DEFAULT-VALUE}).")
    int samples = DEMO.samplesPerCheckpoint();

    @Option(names = "--layer-samples", description = "Latent vectors whose generator layer"
            + " outputs are stored per checkpoint (default: ${DEFAULT-VALUE}).")
    int layerSamples = DEMO.layerSamples();

    @Option(names = "--real-samples", description = "Real images stored once as the reference"
            + " cloud (default: ${DEFAULT-VALUE}).")
    int realSamples = DEMO.realSamples();

    @Option(names = "--n-perm", description = "Points kept by greedy subsampling before"
            + " persistent homology (default: ${DEFAULT-VALUE}).")
    int nPerm = DEMO.nPerm();

    @Option(names = "--seed", description = "Seed of every random stream (default:"
            + " ${DEFAULT-VALUE}).")
    long seed = DEMO.seed();

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate of"
            + " both networks; 0 takes the reference value 2e-4 (default: ${DEFAULT-VALUE}).")
    double learningRate = DEMO.learningRate();

    @Option(names = "--latent-modes", paramLabel = "K", description = "Limit the generator to K"
            + " fixed latent vectors, a mode collapse made on purpose; 0 for none (default:"
            + " ${DEFAULT-VALUE}).")
    int latentModes = DEMO.latentModes();

    RunConfig toConfig() {
        return new RunConfig(model, dataset, classes, channels, trainingImages, epochs,
                batchSize, checkpointEvery, samples, layerSamples, realSamples, nPerm, seed,
                learningRate, latentModes);
    }
}
