package io.topogan.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Description of one dataset load, small enough to store beside a run as JSON: what was read, how
 * many images of each class, and which files were skipped.
 *
 * @param source          the request's dataset name: {@code mnist}, {@code fashion-mnist},
 *                        {@code cifar10} or {@code folder}
 * @param folder          file name of the dataset folder (not its full path)
 * @param layout          {@link #STANDARD_FILES}, {@link #CLASS_FOLDERS} or {@link #SINGLE_FOLDER}
 * @param images          images loaded
 * @param channels        channels per image
 * @param classes         images loaded per class, in class order; classes that the request did
 *                        not select are left out
 * @param skippedFiles    image files that could not be read and were skipped
 * @param skippedExamples the first few skipped files, at most {@link ImageFolders#SKIPPED_EXAMPLES}
 * @param ignoredImages   image files lying directly in a folder of class sub-folders, which
 *                        belong to no class and are not loaded
 */
public record DatasetSummary(String source, String folder, String layout, int images,
        int channels, List<ClassCount> classes, int skippedFiles,
        List<SkippedFile> skippedExamples, int ignoredImages) {

    /** Layout of MNIST, Fashion-MNIST and CIFAR-10: their standard IDX or binary files. */
    public static final String STANDARD_FILES = "standard-files";

    /** Layout of an image folder with one sub-folder per class. */
    public static final String CLASS_FOLDERS = "class-folders";

    /** Layout of an image folder without sub-folders: one class, index 0. */
    public static final String SINGLE_FOLDER = "single-folder";

    /**
     * Images loaded of one class.
     *
     * @param index class index, the label of its images
     * @param name  the class folder's name; null for datasets with standard files
     * @param images images of the class loaded
     */
    public record ClassCount(int index, String name, int images) {
    }

    /**
     * An image file that could not be read.
     *
     * @param file   path relative to the dataset folder, with '/' separators
     * @param reason what failed, such as "corrupt PNG data: ..."
     */
    public record SkippedFile(String file, String reason) {
    }

    public DatasetSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layout, "layout");
        classes = List.copyOf(classes);
        skippedExamples = List.copyOf(skippedExamples);
    }

    /** Returns the summary of a dataset read from its standard files, which skip nothing. */
    public static DatasetSummary ofStandardFiles(DatasetRequest request, ImageSet set) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int label : set.labels()) {
            counts.merge(label, 1, Integer::sum);
        }
        List<ClassCount> classes = new ArrayList<>();
        counts.forEach((label, count) -> classes.add(new ClassCount(label, null, count)));
        return new DatasetSummary(request.name(), folderName(request), STANDARD_FILES,
                set.size(), set.channels(), classes, 0, List.of(), 0);
    }

    /**
     * Returns one line for a log or report, such as {@code 2000 images, classes 0 (cats) 1000,
     * 1 (dogs) 1000; 2 unreadable files skipped, e.g. dogs/x.jpg (corrupt JPEG data: ...)}.
     */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(images).append(images == 1 ? " image" : " images").append(", classes ");
        for (int i = 0; i < classes.size(); i++) {
            ClassCount count = classes.get(i);
            line.append(i == 0 ? "" : ", ").append(count.index());
            if (count.name() != null) {
                line.append(" (").append(count.name()).append(')');
            }
            line.append(' ').append(count.images());
        }
        line.append("; ").append(skippedFiles)
                .append(skippedFiles == 1 ? " unreadable file" : " unreadable files")
                .append(" skipped");
        if (!skippedExamples.isEmpty()) {
            SkippedFile first = skippedExamples.get(0);
            line.append(", e.g. ").append(first.file()).append(" (").append(first.reason())
                    .append(')');
        }
        if (ignoredImages > 0) {
            line.append("; ").append(ignoredImages)
                    .append(" image files beside the class folders ignored");
        }
        return line.toString();
    }

    private static String folderName(DatasetRequest request) {
        var name = request.folder().toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }
}
