package io.topogan.gateway;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Persistence diagrams of one cloud, grouped by homology dimension, as the API serves them.
 *
 * @param runId id of the run
 * @param epoch checkpoint epoch, or -1 for the run-level clouds (real data, input noise)
 * @param cloud {@code samples}, {@code real}, {@code noise} or a generator layer id
 * @param bars number of bars in all dimensions
 * @param dimensions bars per dimension as {@code [birth, death]} pairs; death is null for a bar
 *     that never dies, because JSON has no infinity
 */
public record Diagram(String runId, int epoch, String cloud, int bars,
        Map<Integer, List<Double[]>> dimensions) {

    /**
     * Parses a stored diagram: a float64 {@code .npy} of shape (bars, 3) with rows dimension,
     * birth, death.
     *
     * @throws IOException if the bytes are not such an array
     */
    public static Diagram fromNpy(String runId, int epoch, String cloud, byte[] npy)
            throws IOException {
        NpyArray array = Npy.read(npy);
        int[] shape = array.shape();
        if (shape.length != 2 || shape[1] != 3) {
            throw new IOException("diagram of " + cloud + " has shape "
                    + java.util.Arrays.toString(shape) + ", expected (bars, 3)");
        }
        double[] rows = array.toDoubleArray();
        Map<Integer, List<Double[]>> dimensions = new TreeMap<>();
        for (int i = 0; i < shape[0]; i++) {
            int dimension = (int) rows[3 * i];
            double birth = rows[3 * i + 1];
            double death = rows[3 * i + 2];
            Double[] bar = {birth, Double.isInfinite(death) ? null : death};
            dimensions.computeIfAbsent(dimension, d -> new ArrayList<>()).add(bar);
        }
        return new Diagram(runId, epoch, cloud, shape[0], dimensions);
    }

    /** Returns the largest finite birth or death, or 0 for a diagram without finite values. */
    public double maxFiniteValue() {
        double max = 0;
        for (List<Double[]> bars : dimensions.values()) {
            for (Double[] bar : bars) {
                max = Math.max(max, bar[0]);
                if (bar[1] != null) {
                    max = Math.max(max, bar[1]);
                }
            }
        }
        return max;
    }
}
