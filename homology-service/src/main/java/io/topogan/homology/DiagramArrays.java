package io.topogan.homology;

import io.topogan.formats.NpyArray;
import io.topogan.topology.PersistenceDiagram;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts persistence diagrams to and from their stored form: a float64 array of shape (bars, 3)
 * with rows (dimension, birth, death), death {@code inf} for bars that never die, dimensions in
 * ascending order.
 */
public final class DiagramArrays {

    private DiagramArrays() {
    }

    public static NpyArray toArray(List<PersistenceDiagram> diagrams) {
        int bars = diagrams.stream().mapToInt(PersistenceDiagram::size).sum();
        double[] data = new double[bars * 3];
        int row = 0;
        for (PersistenceDiagram diagram : diagrams) {
            for (int i = 0; i < diagram.size(); i++) {
                data[row * 3] = diagram.dimension();
                data[row * 3 + 1] = diagram.birth(i);
                data[row * 3 + 2] = diagram.death(i);
                row++;
            }
        }
        return NpyArray.ofFloat64(new int[] {bars, 3}, data);
    }

    /**
     * Reads diagrams of dimensions 0..maxDimension from a stored array.
     *
     * @throws IllegalArgumentException if the array is not of shape (bars, 3), names a dimension
     *     outside 0..maxDimension, or has a NaN value or a death before its birth
     */
    public static List<PersistenceDiagram> fromArray(NpyArray array, int maxDimension) {
        int[] shape = array.shape();
        if (shape.length != 2 || shape[1] != 3) {
            throw new IllegalArgumentException("a diagram array must have shape (bars, 3), got "
                    + java.util.Arrays.toString(shape));
        }
        double[] data = array.toDoubleArray();
        List<List<double[]>> bars = new ArrayList<>();
        for (int d = 0; d <= maxDimension; d++) {
            bars.add(new ArrayList<>());
        }
        for (int row = 0; row < shape[0]; row++) {
            double dimension = data[row * 3];
            double birth = data[row * 3 + 1];
            double death = data[row * 3 + 2];
            if (dimension != Math.rint(dimension) || dimension < 0 || dimension > maxDimension) {
                throw new IllegalArgumentException("row " + row + " has dimension " + dimension
                        + ", expected an integer in 0.." + maxDimension);
            }
            if (Double.isNaN(birth) || Double.isNaN(death) || death < birth) {
                throw new IllegalArgumentException("row " + row + " is not a valid bar: ["
                        + birth + ", " + death + ")");
            }
            bars.get((int) dimension).add(new double[] {birth, death});
        }
        List<PersistenceDiagram> diagrams = new ArrayList<>();
        for (int d = 0; d <= maxDimension; d++) {
            List<double[]> rows = bars.get(d);
            double[] births = new double[rows.size()];
            double[] deaths = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                births[i] = rows.get(i)[0];
                deaths[i] = rows.get(i)[1];
            }
            diagrams.add(new PersistenceDiagram(d, births, deaths));
        }
        return diagrams;
    }
}
