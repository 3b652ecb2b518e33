package io.topogan.formats;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a folder of PNG and JPEG images into an {@link ImageSet} of 32x32 images scaled to
 * [-1, 1], with the values that torchvision's {@code Resize(32)}, {@code CenterCrop(32)},
 * {@code ToTensor()} and {@code Normalize(0.5, 0.5)} give on PIL images.
 *
 * <p>Layout: if the folder has sub-folders, each is a class, numbered in sorted name order, and
 * its images are read from it and all its nested folders; image files directly in such a folder
 * belong to no class, are not loaded, and are counted in {@link DatasetSummary#ignoredImages()}.
 * A folder without sub-folders is one class, index 0. Files end in {@code .png}, {@code .jpg} or
 * {@code .jpeg} (any case); other files, and names starting with '.', are ignored. Files are read
 * in sorted path order, in turns from each selected class, so that a limit keeps the classes
 * balanced and the same request always returns the same images.
 *
 * <p>Each file is decoded by {@link DecodedImage} (grey, RGB, alpha dropped, palette to RGB,
 * 16 bits to their high byte), converted to the requested channels (1: colour becomes grey with
 * PIL's luma {@code (19595 R + 38470 G + 7471 B + 2^15) >> 16}; 3: grey is repeated into R, G and
 * B), resized so that its shorter side is 32 with {@link AntialiasedBilinear} (the longer side
 * becomes {@code floor(32 * long / short)}), centre-cropped to 32x32 and scaled to
 * {@code byte / 127.5 - 1}. Files that cannot be decoded are skipped and counted.
 */
public final class ImageFolders {

    /** File name extensions read, in lower case. */
    public static final Set<String> EXTENSIONS = Set.of(".png", ".jpg", ".jpeg");

    /** Skipped files named in a {@link DatasetSummary}. */
    public static final int SKIPPED_EXAMPLES = 5;

    private static final int SIDE = ImageDatasets.SIDE;

    private ImageFolders() {
    }

    /** Receives the progress of a load after each image file. */
    @FunctionalInterface
    public interface Progress {

        /** Progress that reports nothing. */
        Progress NONE = (loaded, skipped, total) -> { };

        /**
         * Called after each image file.
         *
         * @param loaded  images loaded so far
         * @param skipped files skipped so far
         * @param total   images the load aims for: the limit, or the number of image files of
         *                the selected classes if that is smaller
         */
        void update(int loaded, int skipped, int total);
    }

    /** Loads the requested images as {@link #load(DatasetRequest, Progress)} does, silently. */
    public static LoadedDataset load(DatasetRequest request) throws IOException {
        return load(request, Progress.NONE);
    }

    /**
     * Loads the requested images of an image folder. Only the selected classes are listed, one
     * file is decoded at a time, and reading stops once the limit is met.
     *
     * @throws FileNotFoundException    if the folder does not exist or is not a folder
     * @throws IOException              naming the folder if it or a selected class folder has no
     *                                  PNG or JPEG file, or none of them could be read, or if a
     *                                  folder cannot be listed
     * @throws IllegalArgumentException if the request does not name a folder, or selects a class
     *                                  index without a class folder
     */
    public static LoadedDataset load(DatasetRequest request, Progress progress)
            throws IOException {
        if (!request.isFolder()) {
            throw new IllegalArgumentException("not an image folder request: " + request.name());
        }
        Path root = request.folder();
        if (!Files.isDirectory(root)) {
            throw new FileNotFoundException("image folder not found: " + root);
        }
        Layout layout = Layout.scan(root);
        List<ClassFolder> selected = layout.select(request.classes());
        Reader reader = new Reader(request, root, selected, progress);
        reader.readAll();
        reader.requireImages(layout);

        DatasetSummary summary = new DatasetSummary(DatasetRequest.FOLDER,
                nameOf(root), layout.kind(), reader.images.size(), request.channels(),
                reader.classCounts(), reader.skipped, reader.skippedExamples,
                layout.ignoredImages().size());
        int[] labels = reader.labels.stream().mapToInt(Integer::intValue).toArray();
        ImageSet set = new ImageSet(request.channels(), SIDE, SIDE,
                reader.images.toArray(new float[0][]), labels);
        return new LoadedDataset(set, summary);
    }

    /**
     * Converts a decoded image into a training image: the requested channels, shorter side
     * resized to 32, central 32x32 square, values {@code byte / 127.5 - 1} in CHW order.
     */
    static float[] toTrainingImage(DecodedImage image, int channels) {
        byte[] samples = image.samples();
        int sourceChannels = image.channels();
        if (channels == 1 && sourceChannels == 3) {
            samples = luma(samples, image.height() * image.width());
            sourceChannels = 1;
        }
        byte[] square = resizeAndCrop(samples, sourceChannels, image.height(), image.width());
        int plane = SIDE * SIDE;
        float[] out = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            // A grey image requested with 3 channels repeats its one plane.
            int from = sourceChannels == 1 ? 0 : c * plane;
            for (int p = 0; p < plane; p++) {
                out[c * plane + p] = normalize(square[from + p]);
            }
        }
        return out;
    }

    /** Resizes the shorter side to 32 and keeps the central 32x32 square of each plane. */
    static byte[] resizeAndCrop(byte[] samples, int channels, int height, int width) {
        int resizedHeight;
        int resizedWidth;
        // torchvision: long side = int(32 * long / short), computed in double precision.
        if (width <= height) {
            resizedWidth = SIDE;
            resizedHeight = (int) ((double) SIDE * height / width);
        } else {
            resizedHeight = SIDE;
            resizedWidth = (int) ((double) SIDE * width / height);
        }
        byte[] resized = resizedHeight == height && resizedWidth == width ? samples
                : AntialiasedBilinear.resize(samples, channels, height, width, resizedHeight,
                        resizedWidth);

        // torchvision's CenterCrop offset is round((size - 32) / 2) with Python's round, which
        // rounds halves to even; Math.rint does the same.
        int top = (int) Math.rint((resizedHeight - SIDE) / 2.0);
        int left = (int) Math.rint((resizedWidth - SIDE) / 2.0);
        byte[] square = new byte[channels * SIDE * SIDE];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < SIDE; y++) {
                int from = (c * resizedHeight + top + y) * resizedWidth + left;
                System.arraycopy(resized, from, square, (c * SIDE + y) * SIDE, SIDE);
            }
        }
        return square;
    }

    /** Grey values of RGB planes with PIL's {@code convert("L")} formula (ITU-R 601-2 luma). */
    static byte[] luma(byte[] rgb, int plane) {
        byte[] grey = new byte[plane];
        for (int p = 0; p < plane; p++) {
            int red = rgb[p] & 0xFF;
            int green = rgb[plane + p] & 0xFF;
            int blue = rgb[2 * plane + p] & 0xFF;
            grey[p] = (byte) ((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16);
        }
        return grey;
    }

    /** Maps a byte to [-1, 1] like torchvision's {@code ToTensor}, {@code Normalize(0.5, 0.5)}. */
    private static float normalize(byte value) {
        return ((value & 0xFF) / 255f - 0.5f) / 0.5f;
    }

    static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(lower.substring(dot));
    }

    private static String nameOf(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    /** Path of {@code file} relative to {@code root}, with '/' separators, for messages. */
    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** One class: its index, folder name and image files in sorted order. */
    private record ClassFolder(int index, String name, Path folder, List<Path> files) {
    }

    /**
     * Classes of an image folder.
     *
     * @param kind          {@link DatasetSummary#CLASS_FOLDERS} or
     *                      {@link DatasetSummary#SINGLE_FOLDER}
     * @param classFolders  class folders in sorted order; for a single folder, the folder itself
     * @param ignoredImages image files beside class folders
     */
    private record Layout(Path root, String kind, List<Path> classFolders,
            List<Path> ignoredImages) {

        static Layout scan(Path root) throws IOException {
            List<Path> folders = new ArrayList<>();
            List<Path> images = new ArrayList<>();
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : entries.sorted(Comparator.comparing(Path::toString)).toList()) {
                    boolean hidden = entry.getFileName().toString().startsWith(".");
                    if (hidden) {
                        continue;
                    }
                    if (Files.isDirectory(entry)) {
                        folders.add(entry);
                    } else if (isImageFile(entry) && Files.isRegularFile(entry)) {
                        images.add(entry);
                    }
                }
            }
            if (folders.isEmpty()) {
                return new Layout(root, DatasetSummary.SINGLE_FOLDER, List.of(root), List.of());
            }
            return new Layout(root, DatasetSummary.CLASS_FOLDERS, folders, images);
        }

        /** Lists the image files of the selected classes, all classes if none is selected. */
        List<ClassFolder> select(Set<Integer> classes) throws IOException {
            for (int index : classes) {
                if (index >= classFolders.size()) {
                    throw new IllegalArgumentException(classProblem(index));
                }
            }
            List<ClassFolder> selected = new ArrayList<>();
            for (int index = 0; index < classFolders.size(); index++) {
                if (!classes.isEmpty() && !classes.contains(index)) {
                    continue;
                }
                Path folder = classFolders.get(index);
                List<Path> files = listImages(folder);
                if (files.isEmpty()) {
                    String where = folder.equals(root) ? "image folder " + root
                            : "class folder " + folder + " (class " + index + ")";
                    throw new IOException(where + " contains no PNG or JPEG files (names ending"
                            + " in .png, .jpg or .jpeg)");
                }
                selected.add(new ClassFolder(index, nameOf(folder), folder, files));
            }
            return selected;
        }

        private String classProblem(int index) {
            if (kind.equals(DatasetSummary.SINGLE_FOLDER)) {
                return "invalid class " + index + ": image folder " + root + " has no class"
                        + " sub-folders, so its images are all class 0";
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classFolders.size(); i++) {
                names.add(i + " = " + classFolders.get(i).getFileName());
            }
            String shown = names.size() <= 10 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 10)) + ", ...";
            return "invalid class " + index + ": image folder " + root + " has "
                    + classFolders.size() + " class folders, so classes are 0.."
                    + (classFolders.size() - 1) + " (" + shown + ")";
        }

        /** Image files under {@code folder} and its nested folders, in sorted path order. */
        private List<Path> listImages(Path folder) throws IOException {
            boolean nested = !folder.equals(root);
            try (Stream<Path> walk = nested
                    ? Files.walk(folder, FileVisitOption.FOLLOW_LINKS)
                    : Files.list(folder)) {
                return walk.filter(file -> isImageFile(file) && !inHiddenFolder(folder, file)
                                && Files.isRegularFile(file))
                        .sorted(Comparator.comparing(file -> relative(folder, file)))
                        .toList();
            } catch (java.io.UncheckedIOException e) {
                throw new IOException("cannot list " + folder + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        }

        private static boolean inHiddenFolder(Path folder, Path file) {
            Path parent = folder.relativize(file).getParent();
            if (parent == null) {
                return false;
            }
            for (Path segment : parent) {
                if (segment.toString().startsWith(".")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Decodes the files of the selected classes in turns, one image per class per round. */
    private static final class Reader {

        private final DatasetRequest request;
        private final Path root;
        private final List<ClassFolder> classes;
        private final Progress progress;
        private final int total;
        private final int[] next;
        private final int[] loadedPerClass;
        final List<float[]> images = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<DatasetSummary.SkippedFile> skippedExamples = new ArrayList<>();
        int skipped;

        Reader(DatasetRequest request, Path root, List<ClassFolder> classes, Progress progress) {
            this.request = request;
            this.root = root;
            this.classes = classes;
            this.progress = progress;
            int files = classes.stream().mapToInt(c -> c.files().size()).sum();
            this.total = request.limit() > 0 ? Math.min(request.limit(), files) : files;
            this.next = new int[classes.size()];
            this.loadedPerClass = new int[classes.size()];
        }

        void readAll() {
            boolean filesLeft = true;
            while (filesLeft && !full()) {
                filesLeft = false;
                for (int c = 0; c < classes.size() && !full(); c++) {
                    readNextImage(c);
                    filesLeft |= next[c] < classes.get(c).files().size();
                }
            }
        }

        /** Reads files of class {@code c} until one decodes or the class has no files left. */
        private void readNextImage(int c) {
            ClassFolder folder = classes.get(c);
            while (next[c] < folder.files().size()) {
                Path file = folder.files().get(next[c]++);
                try {
                    images.add(toTrainingImage(DecodedImage.read(file), request.channels()));
                    labels.add(folder.index());
                    loadedPerClass[c]++;
                    progress.update(images.size(), skipped, total);
                    return;
                } catch (IOException e) {
                    skipped++;
                    if (skippedExamples.size() < SKIPPED_EXAMPLES) {
                        skippedExamples.add(new DatasetSummary.SkippedFile(relative(root, file),
                                e.getMessage()));
                    }
                    progress.update(images.size(), skipped, total);
                }
            }
        }

        private boolean full() {
            return request.limit() > 0 && images.size() >= request.limit();
        }

        /** Fails if nothing was read, or if a class whose files were all tried gave nothing. */
        void requireImages(Layout layout) throws IOException {
            for (int c = 0; c < classes.size(); c++) {
                ClassFolder folder = classes.get(c);
                boolean allTried = next[c] == folder.files().size();
                if (loadedPerClass[c] == 0 && allTried) {
                    String where = layout.kind().equals(DatasetSummary.SINGLE_FOLDER)
                            ? "image folder " + root
                            : "class folder " + folder.folder() + " (class " + folder.index()
                                    + ")";
                    throw new IOException("no readable image in " + where + ": all "
                            + folder.files().size() + " PNG or JPEG files were skipped"
                            + examples());
                }
            }
        }

        private String examples() {
            StringBuilder text = new StringBuilder();
            for (DatasetSummary.SkippedFile file : skippedExamples) {
                text.append(text.length() == 0 ? ", e.g. " : "; ").append(file.file())
                        .append(": ").append(file.reason());
            }
            return text.toString();
        }

        List<DatasetSummary.ClassCount> classCounts() {
            List<DatasetSummary.ClassCount> counts = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) {
                ClassFolder folder = classes.get(c);
                counts.add(new DatasetSummary.ClassCount(folder.index(), folder.name(),
                        loadedPerClass[c]));
            }
            return counts;
        }
    }
}
