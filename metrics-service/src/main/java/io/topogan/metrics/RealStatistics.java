package io.topogan.metrics;

import io.topogan.events.RunConfig;
import io.topogan.formats.NpyArray;
import io.topogan.geometry.GaussianStatistics;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Object-store cache of the Gaussian statistics of real-image features, one per feature model,
 * dataset, class filter and number of real images, under
 * {@code stats/{model}/{dataset}/{classes}-n{count}/mean.npy} and {@code covariance.npy}
 * (float64). {@code {classes}} is {@code all} or the sorted class indices joined by '-'.
 *
 * <p>NOTE: the first run of a (model, dataset, classes, count) combination fixes the cached
 * statistics, so later runs with another seed, and hence another real subset of that size, are
 * compared with the first run's real images.
 *
 * <p>An image folder ({@code folder:NAME}) can change between runs, so its statistics are cached
 * per run instead, under {@code runs/{run}/fid-statistics/{model}/{classes}-n{count}/}.
 */
final class RealStatistics {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private RealStatistics() {
    }

    /** Returns the key prefix of the cached statistics, ending in '/'. */
    static String prefix(String model, String dataset, List<Integer> classes, int count) {
        String prefix = "stats/" + requireSegment(model, "model") + "/"
                + requireSegment(dataset, "dataset") + "/"
                + requireSegment(classSegment(classes) + "-n" + count, "class filter") + "/";
        return prefix;
    }

    /**
     * Returns the key prefix of the cached statistics of a run's real images: the shared one of
     * {@link #prefix}, or one under the run for an image folder.
     */
    static String prefixFor(String runId, String model, String dataset, List<Integer> classes,
            int count) {
        if (RunConfig.folderName(dataset) == null) {
            return prefix(model, dataset, classes, count);
        }
        return ObjectKeys.run(runId) + "fid-statistics/" + requireSegment(model, "model") + "/"
                + requireSegment(classSegment(classes) + "-n" + count, "class filter") + "/";
    }

    private static String classSegment(List<Integer> classes) {
        return classes.isEmpty() ? "all" : classes.stream().sorted()
                .map(String::valueOf).collect(Collectors.joining("-"));
    }

    /** Reads the cached statistics, or computes them with {@code compute} and stores them. */
    static GaussianStatistics loadOrCompute(BlobStore store, String prefix, int count,
            Supplier<GaussianStatistics> compute) throws IOException {
        String meanKey = prefix + "mean.npy";
        String covarianceKey = prefix + "covariance.npy";
        if (store.exists(meanKey) && store.exists(covarianceKey)) {
            return fromArrays(store.getNpy(meanKey), store.getNpy(covarianceKey), count);
        }
        GaussianStatistics statistics = compute.get();
        NpyArray[] arrays = toArrays(statistics);
        store.putNpy(covarianceKey, arrays[1]);
        store.putNpy(meanKey, arrays[0]);
        return statistics;
    }

    /** Returns the mean (d) and the covariance (d, d) as float64 arrays. */
    static NpyArray[] toArrays(GaussianStatistics statistics) {
        int d = statistics.dimension();
        double[] covariance = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(statistics.covariance()[i], 0, covariance, i * d, d);
        }
        return new NpyArray[] {
            NpyArray.ofFloat64(new int[] {d}, statistics.mean().clone()),
            NpyArray.ofFloat64(new int[] {d, d}, covariance)
        };
    }

    /**
     * @throws IOException if the shapes do not match, as a truncated or foreign object would
     */
    static GaussianStatistics fromArrays(NpyArray mean, NpyArray covariance, int count)
            throws IOException {
        if (mean.ndim() != 1 || covariance.ndim() != 2 || covariance.shape()[0] != mean.size()
                || covariance.shape()[1] != mean.size()) {
            throw new IOException("cached real statistics have shapes "
                    + java.util.Arrays.toString(mean.shape()) + " and "
                    + java.util.Arrays.toString(covariance.shape())
                    + ", expected (d) and (d, d); delete them to recompute");
        }
        int d = mean.size();
        double[] values = covariance.toDoubleArray();
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(values, i * d, rows[i], 0, d);
        }
        return new GaussianStatistics(mean.toDoubleArray(), rows, count);
    }

    private static String requireSegment(String value, String what) {
        if (value == null || !SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("invalid " + what + " '" + value
                    + "' for a statistics key: use lower-case letters, digits, '.', '_' or '-'");
        }
        return value;
    }
}
