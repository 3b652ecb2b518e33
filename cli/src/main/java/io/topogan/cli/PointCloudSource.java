package io.topogan.cli;

import io.topogan.events.RunConfig;
import io.topogan.formats.DatasetRequest;
import io.topogan.formats.ImageDatasets;
import io.topogan.formats.ImageFolders;
import io.topogan.formats.ImageSet;
import io.topogan.formats.LoadedDataset;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The input of the intrinsic dimension ablation: a point-cloud file (text or {@code .npy}, as
 * {@code ./topogan id} reads it), a standard dataset, or an image folder {@code folder:NAME} of
 * the data folder, whose images become flattened points.
 *
 * <p>Dataset images are the 32x32 images of {@link ImageDatasets}, scaled to [-1, 1]. Grey
 * datasets are loaded with one channel: repeating it three times, as training does, scales every
 * distance by sqrt(3) and leaves the maximum-likelihood estimate unchanged, because it only uses
 * ratios of distances.
 */
final class PointCloudSource {

    /** A loaded cloud and a one-line description of where it came from. */
    record Loaded(float[][] points, String description) {
    }

    private PointCloudSource() {
    }

    /** Returns whether {@code input} names a dataset rather than a file. */
    static boolean isDataset(String input) {
        return DatasetRequest.NAMES.contains(input) || RunConfig.folderName(input) != null;
    }

    /**
     * Returns the folder that contains one sub-folder per dataset: {@code $TOPOGAN_DATA_DIR}
     * when set, else the project's {@code data/} folder, as for the local stack's trainer.
     */
    static Path defaultDataDir() {
        String configured = System.getenv("TOPOGAN_DATA_DIR");
        return configured == null || configured.isBlank()
                ? StackOptions.projectRoot().resolve("data")
                : Path.of(configured);
    }

    /**
     * Loads a file, or {@code limit} training images (0 = all) of the given classes of a dataset
     * from {@code dataDir/NAME}.
     *
     * @throws IOException naming the file or folder that is missing or invalid
     */
    static Loaded load(String input, Path dataDir, List<Integer> classes, int limit)
            throws IOException {
        if (!isDataset(input)) {
            Path file = Path.of(input);
            float[][] points = HomologyInput.readPoints(file);
            return new Loaded(points, String.format(Locale.ROOT, "%s: %d points of %d values",
                    file, points.length, points[0].length));
        }

        String folderName = RunConfig.folderName(input);
        Path folder = (dataDir == null ? defaultDataDir() : dataDir)
                .resolve(folderName != null ? folderName : input);
        Set<Integer> classSet = classes == null ? Set.of() : Set.copyOf(classes);
        // Folders keep colour: their images may be RGB.
        int channels = input.equals("cifar10") || folderName != null ? 3 : 1;
        DatasetRequest request = new DatasetRequest(
                folderName != null ? DatasetRequest.FOLDER : input, folder, classSet, limit,
                channels, DatasetRequest.Split.TRAIN);
        ImageSet images;
        int skipped;
        try {
            LoadedDataset loaded = LoadedDataset.load(request, ImageFolders.Progress.NONE);
            images = loaded.images();
            skipped = loaded.summary().skippedFiles();
        } catch (FileNotFoundException e) {
            if (folderName != null) {
                throw new FileNotFoundException(e.getMessage() + "; set --data DIR (or"
                        + " TOPOGAN_DATA_DIR) to the folder that contains " + folderName + "/");
            }
            throw new FileNotFoundException(e.getMessage() + "; set --data DIR (or"
                    + " TOPOGAN_DATA_DIR) to the folder that contains " + input + "/, or run"
                    + " ./topogan download " + input);
        }
        if (images.size() == 0) {
            throw new IllegalArgumentException(folder + ": no " + input + " training images of"
                    + " classes " + classSet + "; check --classes");
        }
        String classText = classSet.isEmpty() ? "all classes" : "classes " + classSet.stream()
                .sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
        return new Loaded(images.images(), String.format(Locale.ROOT,
                "%s (%s, training images, %s): %d points of %d values%s", input, folder,
                classText, images.size(), images.imageLength(),
                skipped == 0 ? "" : "; skipped " + skipped + " unreadable image files"));
    }
}
