package io.topogan.cli;

import io.topogan.topology.DistanceMatrix;
import io.topogan.topology.PersistenceDiagram;
import io.topogan.topology.PersistenceResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes barcodes as the ripser program (version 1.2.1) prints them on stdout, header lines
 * included. Numbers use the C++ stream default for float: 6 significant digits, no trailing
 * zeros, exponent form below 1e-4 and from 1e6 on.
 */
final class RipserFormat {

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private RipserFormat() {
    }

    /** How the input reached ripser; this decides the header lines it prints. */
    enum Source {
        /** {@code --format point-cloud}: ripser computes Euclidean distances itself. */
        POINT_CLOUD,
        /** {@code --format lower-distance} or {@code distance}: a matrix of distances. */
        DISTANCES
    }

    /**
     * Prints the header and the bars. With an explicit threshold, ripser 1.2.1 prints no value
     * range for point clouds and a "sparse distance matrix" line for distance matrices.
     *
     * @param dimension coordinates per point; used for {@link Source#POINT_CLOUD} only
     * @param threshold the threshold as requested, or NaN for the default (enclosing radius)
     */
    static void print(PrintWriter out, Source source, int dimension, DistanceMatrix distances,
            double threshold, PersistenceResult result) {
        int n = distances.size();
        if (source == Source.POINT_CLOUD) {
            out.print("point cloud with " + n + " points in dimension " + dimension + "\n");
        }
        if (source == Source.DISTANCES || Double.isNaN(threshold)) {
            printMatrixHeader(out, distances, threshold);
        }
        // ripser lowers the top dimension to n - 2, since n points span no higher simplex.
        int printedMaxDim = Math.max(0, Math.min(result.maxDim(), n - 2));
        for (int dim = 0; dim <= printedMaxDim; dim++) {
            out.print("persistence intervals in dim " + dim + ":\n");
            PersistenceDiagram diagram = result.diagram(dim);
            for (int i = 0; i < diagram.size(); i++) {
                double death = diagram.death(i);
                out.print(" [" + format(diagram.birth(i)) + ","
                        + (Double.isInfinite(death) ? " " : format(death)) + ")\n");
            }
        }
    }

    private static void printMatrixHeader(PrintWriter out, DistanceMatrix distances,
            double threshold) {
        int n = distances.size();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float explicitThreshold = (float) threshold;
        long edges = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                float d = distances.get(i, j);
                min = Math.min(min, d);
                max = Math.max(max, d);
                if (d <= explicitThreshold) {
                    edges++;
                }
            }
        }
        out.print("value range: [" + format(min) + "," + format(max) + "]\n");
        if (Double.isNaN(threshold)) {
            out.print("distance matrix with " + n + " points, using threshold at enclosing radius "
                    + format(distances.enclosingRadius()) + "\n");
        } else {
            // (n * n - 1) / 2 is the entry count ripser 1.2.1 prints, one more than the number
            // of pairs for n > 2; it is reproduced as printed.
            long printedTotal = ((long) n * n - 1) / 2;
            out.print("sparse distance matrix with " + n + " points and " + edges + "/"
                    + printedTotal + " entries\n");
        }
    }

    /** Formats a value as C++ {@code std::cout << value} does with the default precision 6. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SIX_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        int magnitude = Math.abs(exponent);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "")
                + magnitude;
    }
}
