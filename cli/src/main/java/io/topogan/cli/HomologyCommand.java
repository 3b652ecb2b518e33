package io.topogan.cli;

import io.topogan.topology.DistanceMatrix;
import io.topogan.topology.GreedyPermutation;
import io.topogan.topology.Metric;
import io.topogan.topology.PersistenceResult;
import io.topogan.topology.RipsPersistence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Computes Vietoris–Rips persistence barcodes of a point cloud or a distance matrix. */
@Command(name = "homology", mixinStandardHelpOptions = true,
        description = {"Compute Vietoris-Rips persistent homology (Z/2 coefficients) of a point"
                + " cloud or distance matrix.",
            "Input: text with one row per line, cells separated by commas or whitespace, no"
                + " header line; or .npy (float32, float64, int32, int64, or uint8 read as"
                + " 0..255) whose first axis indexes the points, the other axes being"
                + " flattened."})
final class HomologyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Point cloud or distance matrix.")
    Path file;

    @Option(names = "--maxdim", defaultValue = "2",
            description = "Highest homology dimension, 0..3 (default: ${DEFAULT-VALUE}).")
    int maxDim;

    @Option(names = "--n-perm", paramLabel = "N", description = "Subsample the point cloud to N"
            + " points by greedy furthest-point sampling first; the covering radius goes to"
            + " stderr (and into the JSON output).")
    Integer nPerm;

    @Option(names = "--threshold", paramLabel = "T", description = "Build the Rips filtration"
            + " only up to this distance (default: the enclosing radius, beyond which no"
            + " homology remains).")
    Double threshold;

    @Option(names = "--metric", paramLabel = "METRIC", description = "Distance between points:"
            + " euclidean (default) or cosine (1 - cosine similarity). Point clouds only.")
    String metric;

    @Option(names = "--input", paramLabel = "KIND", defaultValue = "point-cloud",
            description = "Input layout: point-cloud, lower-distance (Ripser's strict lower"
                    + " triangle d(1,0), d(2,0), d(2,1), ...) or distance (full symmetric"
                    + " matrix). Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ripser",
            description = "Output: ripser (the text ripser 1.2.1 prints), json or csv"
                    + " (dimension,birth,death with inf for infinite deaths)."
                    + " Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        TopologyOptions.requireMaxDim(spec, maxDim);
        HomologyInput.Kind kind = HomologyInput.Kind.fromLabel(input);
        if (kind == null) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--input': '" + input
                    + "'; expected point-cloud, lower-distance or distance");
        }
        if (!format.equals("ripser") && !format.equals("json") && !format.equals("csv")) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--format': '" + format
                    + "'; expected ripser, json or csv");
        }
        Metric chosenMetric = TopologyOptions.metric(spec, metric);
        if (nPerm != null && nPerm < 1) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--n-perm': " + nPerm
                    + "; it must be at least 1");
        }
        if (threshold != null && !(threshold >= 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--threshold': "
                    + threshold + "; it must be a finite number >= 0");
        }
        if (kind != HomologyInput.Kind.POINT_CLOUD && (metric != null || nPerm != null)) {
            throw TopologyOptions.invalid(spec, (metric != null ? "--metric" : "--n-perm")
                    + " applies to point clouds only, not to --input " + kind.label());
        }

        RipsPersistence rips = new RipsPersistence().withMaxDim(maxDim);
        if (threshold != null) {
            rips = rips.withThreshold(threshold);
        }
        PrintWriter err = spec.commandLine().getErr();
        DistanceMatrix distances;
        int dimension = 0;
        int inputPoints;
        double coveringRadius = 0;
        if (kind == HomologyInput.Kind.POINT_CLOUD) {
            float[][] points = HomologyInput.readPoints(file);
            inputPoints = points.length;
            dimension = points[0].length;
            if (nPerm != null) {
                GreedyPermutation.Selection selection =
                        GreedyPermutation.select(points, nPerm, chosenMetric);
                points = selection.apply(points);
                coveringRadius = selection.coveringRadius();
                err.printf(Locale.ROOT, "n_perm %d of %d points: covering radius %s%n",
                        points.length, inputPoints, DiagramFiles.formatNumber(coveringRadius));
                err.flush();
            }
            distances = chosenMetric == Metric.EUCLIDEAN
                    ? HomologyInput.ripserEuclidean(points)
                    : DistanceMatrix.of(points, chosenMetric);
        } else if (kind == HomologyInput.Kind.LOWER_DISTANCE) {
            distances = HomologyInput.readLowerDistance(file);
            inputPoints = distances.size();
        } else {
            distances = HomologyInput.readDistance(file);
            inputPoints = distances.size();
        }
        PersistenceResult result = rips.compute(distances);

        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "ripser" -> {
                // ripser's point-cloud mode is Euclidean only; a cosine cloud prints what
                // ripser prints for the matrix of its cosine distances.
                RipserFormat.Source source = kind == HomologyInput.Kind.POINT_CLOUD
                        && chosenMetric == Metric.EUCLIDEAN
                        ? RipserFormat.Source.POINT_CLOUD : RipserFormat.Source.DISTANCES;
                RipserFormat.print(out, source, dimension, distances,
                        threshold == null ? Double.NaN : threshold, result);
            }
            case "json" -> out.print(DiagramFiles.toJson(result, new DiagramFiles.RunInfo(
                    file.toString(), kind.label(),
                    kind == HomologyInput.Kind.POINT_CLOUD
                            ? chosenMetric.name().toLowerCase(Locale.ROOT) : null,
                    inputPoints, nPerm, coveringRadius, maxDim)));
            default -> out.print(DiagramFiles.toCsv(result));
        }
        out.flush();
        return 0;
    }
}
