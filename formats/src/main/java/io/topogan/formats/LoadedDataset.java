package io.topogan.formats;

import java.io.IOException;

/**
 * Images of a dataset together with the summary of their load.
 *
 * @param images  32x32 images scaled to [-1, 1], as {@link ImageDatasets} and {@link ImageFolders}
 *                return them
 * @param summary what was loaded and skipped
 */
public record LoadedDataset(ImageSet images, DatasetSummary summary) {

    /**
     * Loads any dataset kind: an image folder ({@link DatasetRequest#FOLDER}) through
     * {@link ImageFolders}, the other names through {@link ImageDatasets}.
     *
     * @param progress called after each image file of a folder; datasets with standard files
     *                 load in one step and do not call it
     * @throws IOException as {@link ImageFolders#load} and {@link ImageDatasets#load} describe
     */
    public static LoadedDataset load(DatasetRequest request, ImageFolders.Progress progress)
            throws IOException {
        if (request.isFolder()) {
            return ImageFolders.load(request, progress);
        }
        ImageSet set = ImageDatasets.load(request);
        return new LoadedDataset(set, DatasetSummary.ofStandardFiles(request, set));
    }
}
