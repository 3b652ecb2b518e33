package io.topogan.formats;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Selection of dataset images for {@link ImageDatasets#load} or, with the name {@link #FOLDER},
 * for {@link ImageFolders#load}.
 *
 * @param name     {@code mnist}, {@code fashion-mnist}, {@code cifar10} or {@code folder}
 * @param folder   folder with the dataset's standard files, or the image folder
 * @param classes  class indices to keep (0..9, or class folder indices for an image folder);
 *                 empty keeps all classes
 * @param limit    maximum number of images, taken in file order after the class filter (for an
 *                 image folder, in turns from each class folder); 0 = all
 * @param channels 1 keeps grey images grey (colour images of a folder become grey), 3 repeats
 *                 the grey channel three times (as the reference study did); CIFAR-10 needs 3
 * @param split    training or test files; an image folder has no split and ignores it
 */
public record DatasetRequest(String name, Path folder, Set<Integer> classes, int limit,
        int channels, Split split) {

    /** Dataset names understood by {@link ImageDatasets}. */
    public static final Set<String> NAMES = Set.of("mnist", "fashion-mnist", "cifar10");

    /** Name of a folder of PNG or JPEG images, read by {@link ImageFolders}. */
    public static final String FOLDER = "folder";

    /** Training or test part of a dataset. */
    public enum Split {
        TRAIN,
        TEST
    }

    public DatasetRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(split, "split");
        classes = Set.copyOf(classes);
        if (!NAMES.contains(name) && !name.equals(FOLDER)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; expected one of "
                    + String.join(", ", NAMES.stream().sorted().toList()) + " or " + FOLDER);
        }
        for (int label : classes) {
            if (label < 0) {
                throw new IllegalArgumentException("invalid class " + label
                        + " in the class filter; classes are 0 or more");
            }
            // An image folder's classes are checked against its sub-folders when it is read.
            if (label > 9 && !name.equals(FOLDER)) {
                throw new IllegalArgumentException("invalid class " + label
                        + " in the class filter; " + name + " classes are 0..9");
            }
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (name.equals("cifar10") && channels != 3) {
            throw new IllegalArgumentException("cifar10 images are RGB, so channels must be 3");
        }
    }

    /** Returns whether this request names an image folder rather than a standard dataset. */
    public boolean isFolder() {
        return name.equals(FOLDER);
    }

    /** Returns a request for all training images of a dataset, with 3 channels. */
    public static DatasetRequest of(String name, Path folder) {
        return new DatasetRequest(name, folder, Set.of(), 0, 3, Split.TRAIN);
    }
}
