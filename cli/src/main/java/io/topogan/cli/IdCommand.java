package io.topogan.cli;

import io.topogan.geometry.LevinaBickelMle;
import io.topogan.geometry.MleEstimate;
import io.topogan.geometry.TwoNn;
import io.topogan.geometry.TwoNnEstimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Estimates the intrinsic dimension of a point cloud. */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = {"Estimate the intrinsic dimension of a point cloud: Levina-Bickel MLE"
                + " (mean of local estimates, and MacKay-Ghahramani's inverse mean) or TwoNN.",
            "Input: text with one point per line, or .npy whose first axis indexes the points."
                + " Duplicate points are removed first."})
final class IdCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Point cloud.")
    Path file;

    @Option(names = "--estimator", paramLabel = "NAME", defaultValue = "mle",
            description = "mle, twonn or geomle (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10",
            description = "Neighbours of the MLE estimator, at least 3 (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--format': '" + format
                    + "'; expected text or json");
        }
        if (k < 3) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--k': " + k
                    + "; it must be at least 3");
        }
        switch (estimator) {
            case "mle", "twonn" -> {
            }
            // NOTE: GeoMLE (Gomtsyan et al. 2019) is not implemented in the geometry module.
            case "geomle" -> throw new UnsupportedOperationException("the geomle estimator is not"
                    + " implemented yet; use --estimator mle or twonn");
            default -> throw TopologyOptions.invalid(spec, "Invalid value for option"
                    + " '--estimator': '" + estimator + "'; expected mle, twonn or geomle");
        }
        float[][] points = HomologyInput.readPoints(file);
        PrintWriter out = spec.commandLine().getOut();
        if (estimator.equals("mle")) {
            MleEstimate estimate = LevinaBickelMle.estimate(points, k);
            requireDefined(estimate.defined(), estimate.undefinedReason());
            print(out, "\"mle\": " + number(estimate.mle()) + ", \"inv_mle\": "
                    + number(estimate.invMle()) + ", \"k\": " + k, "mle " + number(estimate.mle())
                    + "\ninv_mle " + number(estimate.invMle()) + "\nk " + k, points.length,
                    estimate.duplicatesRemoved());
        } else {
            TwoNnEstimate estimate = TwoNn.estimate(points);
            requireDefined(estimate.defined(), estimate.undefinedReason());
            print(out, "\"dimension\": " + number(estimate.dimension()), "dimension "
                    + number(estimate.dimension()), points.length, estimate.duplicatesRemoved());
        }
        out.flush();
        return 0;
    }

    private void requireDefined(boolean defined, String reason) {
        if (!defined) {
            throw new IllegalArgumentException(file + ": the " + estimator
                    + " estimate is undefined: " + reason);
        }
    }

    private void print(PrintWriter out, String jsonValues, String textValues, int points,
            int duplicates) {
        if (format.equals("json")) {
            out.println("{\"estimator\": \"" + estimator + "\", " + jsonValues + ", \"points\": "
                    + points + ", \"duplicates_removed\": " + duplicates + "}");
        } else {
            out.println("estimator " + estimator + "\n" + textValues + "\npoints " + points
                    + "\nduplicates_removed " + duplicates);
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.10g", value);
    }
}
