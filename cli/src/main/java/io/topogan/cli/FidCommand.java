package io.topogan.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.topogan.formats.Bilinear;
import io.topogan.formats.DatasetRequest;
import io.topogan.formats.DatasetSummary;
import io.topogan.formats.ImageFolders;
import io.topogan.formats.ImageSet;
import io.topogan.formats.LoadedDataset;
import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.formats.NpyDtype;
import io.topogan.geometry.FrechetDistance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Computes the Fréchet distance of two feature sets, or the FID of two image sets. */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = {"Compute the Fréchet distance between Gaussians fitted to two feature"
                + " sets (--features A B), or the FID of two image sets with an Inception-v3"
                + " TorchScript file (--real, --fake, --model).",
            "Features: text with one vector per line, or .npy whose first axis indexes the"
                + " vectors. Images: .npy of shape (n, C, H, W), float in [-1, 1] or uint8,"
                + " or a folder of PNG or JPEG images (or of class sub-folders) read as for"
                + " training: shorter side resized to 32, centre-cropped to 32x32, grey"
                + " repeated into RGB; unreadable files are skipped and counted."})
final class FidCommand implements Callable<Integer> {

    /** Input side, channels and forward signature of {@code inception-2015-12-05.pt}. */
    private static final int INCEPTION_SIZE = 299;
    private static final int BATCH = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--features", arity = "2", paramLabel = "FILE",
            description = "Two feature files.")
    List<Path> features;

    @Option(names = "--real", paramLabel = "PATH",
            description = "Real images: .npy file or image folder.")
    Path real;

    @Option(names = "--fake", paramLabel = "PATH",
            description = "Generated images: .npy file or image folder.")
    Path fake;

    @Option(names = "--model", paramLabel = "FILE", description = "The TorchScript file"
            + " inception-2015-12-05.pt: input (n, 3, 299, 299) in 0..255,"
            + " forward(images, True) returns 2048 features.")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--format': '" + format
                    + "'; expected text or json");
        }
        boolean images = real != null || fake != null || model != null;
        if ((features == null) == !images) {
            throw TopologyOptions.invalid(spec, "give either --features A B, or --real, --fake"
                    + " and --model");
        }
        double distance;
        String name;
        if (features != null) {
            distance = FrechetDistance.between(HomologyInput.readPoints(features.get(0)),
                    HomologyInput.readPoints(features.get(1)));
            name = "frechet_distance";
        } else {
            if (real == null || fake == null || model == null) {
                throw TopologyOptions.invalid(spec, "--real, --fake and --model go together");
            }
            distance = imageFid();
            name = "fid";
        }
        PrintWriter out = spec.commandLine().getOut();
        String value = String.format(Locale.ROOT, "%.10g", distance);
        if (format.equals("json")) {
            out.println("{\"frechet_distance\": " + value + (name.equals("fid")
                    ? ", \"fid\": " + value : "") + "}");
        } else {
            out.println(name + " " + value);
        }
        out.flush();
        return 0;
    }

    private double imageFid() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "model file not found");
        }
        SourceImages realImages = readImages(real, spec.commandLine().getErr());
        SourceImages fakeImages = readImages(fake, spec.commandLine().getErr());
        String fileName = model.getFileName().toString();
        String prefix = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3)
                : fileName;
        try (Model loaded = Model.newInstance(prefix, "PyTorch")) {
            loaded.load(model.toAbsolutePath().getParent(), prefix);
            PtSymbolBlock block = (PtSymbolBlock) loaded.getBlock();
            JniUtils.setGradMode(false);
            return FrechetDistance.between(extract(loaded, block, realImages),
                    extract(loaded, block, fakeImages));
        }
    }

    /**
     * Images of one source, as read: values in 0..255, all with the same shape. Each batch is
     * converted to the model input only when it runs, because at 3 x 299 x 299 floats per image
     * a whole set converted at once would need about 1 MiB per image.
     */
    private record SourceImages(List<float[]> levels, int channels, int height, int width) {
    }

    /** Runs the model on the images, converted batch by batch to 3 x 299 x 299 in 0..255. */
    private static float[][] extract(Model model, PtSymbolBlock block, SourceImages images) {
        int length = 3 * INCEPTION_SIZE * INCEPTION_SIZE;
        int total = images.levels().size();
        List<float[]> rows = new ArrayList<>();
        for (int start = 0; start < total; start += BATCH) {
            int end = Math.min(total, start + BATCH);
            float[] input = new float[(end - start) * length];
            for (int i = start; i < end; i++) {
                float[] converted = toModelInput(images.levels().get(i), images.channels(),
                        images.height(), images.width());
                System.arraycopy(converted, 0, input, (i - start) * length, length);
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray array = manager.create(input, new Shape(end - start, 3, INCEPTION_SIZE,
                        INCEPTION_SIZE));
                try (IValue in = IValue.from((PtNDArray) array);
                        IValue flag = IValue.from(true);
                        IValue out = block.forward(in, flag)) {
                    NDArray result = out.toTensor((PtNDManager) manager);
                    int count = end - start;
                    int dimension = (int) (result.getShape().size() / count);
                    float[] values = result.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < count; i++) {
                        float[] row = new float[dimension];
                        System.arraycopy(values, i * dimension, row, 0, dimension);
                        rows.add(row);
                    }
                }
            }
        }
        return rows.toArray(new float[0][]);
    }

    /**
     * Reads images with values in 0..255. A folder is read by {@link ImageFolders}, which
     * first makes each image 32x32 as the trainer does; its skipped files go to {@code err}.
     */
    private static SourceImages readImages(Path path, PrintWriter err) throws IOException {
        List<float[]> images = new ArrayList<>();
        int channels;
        int height;
        int width;
        if (Files.isDirectory(path)) {
            LoadedDataset loaded = ImageFolders.load(new DatasetRequest(DatasetRequest.FOLDER,
                    path, Set.of(), 0, 3, DatasetRequest.Split.TRAIN));
            DatasetSummary summary = loaded.summary();
            err.println(path + ": " + summary.describe());
            for (DatasetSummary.SkippedFile skipped : summary.skippedExamples()) {
                err.println("  skipped " + skipped.file() + ": " + skipped.reason());
            }
            err.flush();
            ImageSet set = loaded.images();
            channels = set.channels();
            height = set.height();
            width = set.width();
            for (float[] image : set.images()) {
                // The loader scales bytes to [-1, 1], so rounding restores them exactly.
                float[] levels = new float[image.length];
                for (int i = 0; i < image.length; i++) {
                    levels[i] = Math.round((image[i] + 1f) * 127.5f);
                }
                images.add(levels);
            }
        } else if (Files.isRegularFile(path)) {
            NpyArray array = Npy.read(path);
            int[] shape = array.shape();
            if (shape.length != 4 || (shape[1] != 1 && shape[1] != 3)) {
                throw new IllegalArgumentException(path + ": expected images of shape (n, 1 or 3,"
                        + " height, width), got " + java.util.Arrays.toString(shape));
            }
            channels = shape[1];
            height = shape[2];
            width = shape[3];
            boolean bytes = array.dtype() == NpyDtype.UINT8;
            if (!bytes && array.dtype() != NpyDtype.FLOAT32 && array.dtype() != NpyDtype.FLOAT64) {
                throw new IllegalArgumentException(path + ": images must be float32 or float64 in"
                        + " [-1, 1], or uint8, got " + array.dtype());
            }
            for (float[] row : array.toFloatRows()) {
                for (int i = 0; i < row.length; i++) {
                    if (!Float.isFinite(row[i])) {
                        throw new IllegalArgumentException(path + ": image " + images.size()
                                + " has a NaN or infinite value");
                    }
                    // Generator outputs end in tanh; a wider range means another scaling.
                    if (!bytes && Math.abs(row[i]) > 1.001f) {
                        throw new IllegalArgumentException(path + ": image " + images.size()
                                + " has the value " + row[i] + " outside [-1, 1]; scale float"
                                + " images to [-1, 1] or pass uint8 pixels");
                    }
                    row[i] = bytes ? row[i] : (row[i] + 1f) * 127.5f;
                }
                images.add(row);
            }
        } else {
            throw new NoSuchFileException(path.toString(), null, "image file or folder not found");
        }
        if (images.size() < 2) {
            throw new IllegalArgumentException(path + ": " + images.size() + " images found, but"
                    + " a covariance needs at least 2");
        }
        return new SourceImages(images, channels, height, width);
    }

    /** Converts an image to the model input: grey repeated to 3 channels, bilinear 299 x 299. */
    private static float[] toModelInput(float[] image, int channels, int height, int width) {
        float[] resized = Bilinear.resize(image, channels, height, width, INCEPTION_SIZE,
                INCEPTION_SIZE);
        if (channels == 3) {
            return resized;
        }
        int plane = INCEPTION_SIZE * INCEPTION_SIZE;
        float[] repeated = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(resized, 0, repeated, c * plane, plane);
        }
        return repeated;
    }
}
