package io.topogan.formats;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Loads MNIST, Fashion-MNIST or CIFAR-10 from their standard files into an {@link ImageSet} of
 * 32x32 images scaled to [-1, 1].
 *
 * <p>Grey 28x28 images become {@code x = byte / 255}, are resized to 32x32 with {@link Bilinear}
 * (as torchvision's {@code Resize(32)} does on a tensor), then normalized to {@code (x - 0.5) / 0.5}
 * and, for 3 channels, repeated into identical R, G and B planes. CIFAR-10 images are already
 * 32x32 RGB and are only normalized.
 *
 * <p>Files looked up in the request's folder: {@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]} (test split: {@code t10k-...}); for CIFAR-10
 * {@code data_batch_1.bin} ... {@code data_batch_5.bin} or {@code test_batch.bin}, directly in the
 * folder or in its {@code cifar-10-batches-bin/} subfolder.
 */
public final class ImageDatasets {

    /** Side of every returned image. */
    public static final int SIDE = 32;

    private static final String CIFAR_SUBFOLDER = "cifar-10-batches-bin";

    private ImageDatasets() {
    }

    /**
     * Loads the requested images.
     *
     * @throws FileNotFoundException naming the missing file and the expected names
     * @throws IOException           if a file is invalid or its images and labels disagree
     */
    public static ImageSet load(DatasetRequest request) throws IOException {
        if (!Files.isDirectory(request.folder())) {
            throw new FileNotFoundException("dataset folder not found: " + request.folder());
        }
        if (request.name().equals("cifar10")) {
            return loadCifar(request);
        }
        return loadGrey(request);
    }

    private static ImageSet loadGrey(DatasetRequest request) throws IOException {
        String prefix = request.split() == DatasetRequest.Split.TRAIN ? "train" : "t10k";
        Path imageFile = findIdx(request, prefix + "-images-idx3-ubyte");
        Path labelFile = findIdx(request, prefix + "-labels-idx1-ubyte");
        Idx.IdxData images = Idx.read(imageFile);
        Idx.IdxData labels = Idx.read(labelFile);
        if (images.dims().length != 3) {
            throw new IdxFormatException(imageFile + ": expected dimensions (n, height, width),"
                    + " got " + Arrays.toString(images.dims()));
        }
        if (labels.dims().length != 1 || labels.count() != images.count()) {
            throw new IdxFormatException(labelFile + ": expected " + images.count()
                    + " labels to match " + imageFile.getFileName() + ", got dimensions "
                    + Arrays.toString(labels.dims()));
        }

        int height = images.dims()[1];
        int width = images.dims()[2];
        int pixels = height * width;
        int plane = SIDE * SIDE;
        List<float[]> selected = new ArrayList<>();
        List<Integer> selectedLabels = new ArrayList<>();
        for (int i = 0; i < images.count() && !full(request, selected.size()); i++) {
            int label = labels.unsigned(i);
            if (label > 9) {
                throw new IdxFormatException(labelFile + ": invalid label " + label + " at index "
                        + i + "; labels are 0..9");
            }
            if (!keeps(request.classes(), label)) {
                continue;
            }
            float[] grey = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                grey[p] = images.unsigned(i * pixels + p) / 255f;
            }
            float[] resized = height == SIDE && width == SIDE
                    ? grey
                    : Bilinear.resize(grey, 1, height, width, SIDE, SIDE);
            float[] image = new float[request.channels() * plane];
            for (int p = 0; p < plane; p++) {
                float value = normalize(resized[p]);
                for (int c = 0; c < request.channels(); c++) {
                    image[c * plane + p] = value;
                }
            }
            selected.add(image);
            selectedLabels.add(label);
        }
        return toImageSet(request.channels(), selected, selectedLabels);
    }

    private static ImageSet loadCifar(DatasetRequest request) throws IOException {
        List<String> names = request.split() == DatasetRequest.Split.TRAIN
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                        "data_batch_4.bin", "data_batch_5.bin")
                : List.of("test_batch.bin");
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            files.add(findCifar(request.folder(), name, names));
        }

        List<float[]> selected = new ArrayList<>();
        List<Integer> selectedLabels = new ArrayList<>();
        for (Path file : files) {
            if (full(request, selected.size())) {
                break;
            }
            Cifar10.Batch batch = Cifar10.readBatch(file);
            for (int i = 0; i < batch.count() && !full(request, selected.size()); i++) {
                if (!keeps(request.classes(), batch.labels()[i])) {
                    continue;
                }
                float[] image = new float[Cifar10.IMAGE_BYTES];
                int offset = i * Cifar10.IMAGE_BYTES;
                for (int p = 0; p < image.length; p++) {
                    image[p] = normalize((batch.pixels()[offset + p] & 0xFF) / 255f);
                }
                selected.add(image);
                selectedLabels.add(batch.labels()[i]);
            }
        }
        return toImageSet(Cifar10.CHANNELS, selected, selectedLabels);
    }

    /** Maps [0, 1] to [-1, 1] like torchvision's {@code Normalize(0.5, 0.5)}. */
    private static float normalize(float unit) {
        return (unit - 0.5f) / 0.5f;
    }

    private static boolean keeps(Set<Integer> classes, int label) {
        return classes.isEmpty() || classes.contains(label);
    }

    private static boolean full(DatasetRequest request, int count) {
        return request.limit() > 0 && count >= request.limit();
    }

    private static ImageSet toImageSet(int channels, List<float[]> images, List<Integer> labels) {
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageSet(channels, SIDE, SIDE, images.toArray(new float[0][]), labelArray);
    }

    private static Path findIdx(DatasetRequest request, String baseName)
            throws FileNotFoundException {
        Path plain = request.folder().resolve(baseName);
        Path gzipped = request.folder().resolve(baseName + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new FileNotFoundException(request.name() + " file not found in " + request.folder()
                + ": expected " + baseName + " or " + baseName + ".gz (the standard names; "
                + "DatasetDownloader fetches them)");
    }

    private static Path findCifar(Path folder, String name, List<String> expected)
            throws FileNotFoundException {
        Path direct = folder.resolve(name);
        Path nested = folder.resolve(CIFAR_SUBFOLDER).resolve(name);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        if (Files.isRegularFile(nested)) {
            return nested;
        }
        throw new FileNotFoundException("cifar10 file " + name + " not found in " + folder
                + " or its " + CIFAR_SUBFOLDER + "/ subfolder; expected the binary batches "
                + String.join(", ", expected) + " (DatasetDownloader fetches and unpacks them)");
    }
}
