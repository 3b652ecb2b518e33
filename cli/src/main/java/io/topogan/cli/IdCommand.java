package io.topogan.cli;

import io.topogan.geometry.Anchors;
import io.topogan.geometry.GeoMle;
import io.topogan.geometry.GeoMleEstimate;
import io.topogan.geometry.LevinaBickelMle;
import io.topogan.geometry.MleEstimate;
import io.topogan.geometry.MleEstimates;
import io.topogan.geometry.TwoNn;
import io.topogan.geometry.TwoNnEstimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Estimates the intrinsic dimension of a point cloud. */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = {"Estimate the intrinsic dimension of a point cloud: Levina-Bickel MLE"
                + " (mean of local estimates, and MacKay-Ghahramani's inverse mean), TwoNN or"
                + " GeoMLE (Levina-Bickel estimates over neighbourhood sizes k1..k2,"
                + " extrapolated to radius 0).",
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

    @Option(names = "--anchors", paramLabel = "N|FRACTION",
            description = "MLE only: average the local estimates over N random anchor points, or"
                    + " over a FRACTION in (0, 1] written with a decimal point, drawn with seed "
                    + Anchors.DEFAULT_SEED + "; their neighbours are searched among all points."
                    + " Default: every point.")
    String anchorsText;

    @Option(names = "--k1", paramLabel = "K1", defaultValue = "" + GeoMle.DEFAULT_K1,
            description = "Smallest neighbourhood size of GeoMLE, at least 3"
                    + " (default: ${DEFAULT-VALUE}).")
    int k1;

    @Option(names = "--k2", paramLabel = "K2", defaultValue = "" + GeoMle.DEFAULT_K2,
            description = "Largest neighbourhood size of GeoMLE, at least k1 + 2"
                    + " (default: ${DEFAULT-VALUE}).")
    int k2;

    @Option(names = "--bootstrap-samples", paramLabel = "B",
            defaultValue = "" + GeoMle.DEFAULT_BOOTSTRAP_SAMPLES,
            description = "Bootstrap samples of GeoMLE, at least 1 (default: ${DEFAULT-VALUE}).")
    int bootstrapSamples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + GeoMle.DEFAULT_SEED,
            description = "Seed of the GeoMLE bootstrap; the same seed gives the same estimate"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--format': '" + format
                    + "'; expected text or json");
        }
        if (k < 3 || k > IdAblationCommand.MAX_NEIGHBOURS) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--k': " + k
                    + "; it must be in 3.." + IdAblationCommand.MAX_NEIGHBOURS);
        }
        if (k2 > IdAblationCommand.MAX_NEIGHBOURS || bootstrapSamples > 10_000) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--k2' or"
                    + " '--bootstrap-samples': k2 must be at most "
                    + IdAblationCommand.MAX_NEIGHBOURS + " and the bootstrap samples at most"
                    + " 10000");
        }
        switch (estimator) {
            case "mle", "twonn", "geomle" -> {
            }
            default -> throw TopologyOptions.invalid(spec, "Invalid value for option"
                    + " '--estimator': '" + estimator + "'; expected mle, twonn or geomle");
        }
        if (anchorsText != null && !estimator.equals("mle")) {
            throw TopologyOptions.invalid(spec, "Option '--anchors' applies to --estimator mle"
                    + " only");
        }
        rejectOptionsOfOtherEstimators();
        Anchors anchors = IdAblationCommand.parseAnchors(spec, "--anchors", anchorsText,
                Anchors.DEFAULT_SEED);
        GeoMle.Parameters geoMleParameters =
                estimator.equals("geomle") ? geoMleParameters() : null;
        float[][] points = HomologyInput.readPoints(file);
        PrintWriter out = spec.commandLine().getOut();
        if (estimator.equals("mle")) {
            MleEstimates estimates = LevinaBickelMle.estimate(points, k, anchors,
                    Runtime.getRuntime().availableProcessors(), null);
            MleEstimate estimate = estimates.at(k);
            requireDefined(estimate.defined(), estimate.undefinedReason());
            String anchorJson = anchors.isAll() ? "" : ", \"anchors\": " + estimates.anchors();
            String anchorText = anchors.isAll() ? "" : "\nanchors " + estimates.anchors();
            print(out, "\"mle\": " + number(estimate.mle()) + ", \"inv_mle\": "
                    + number(estimate.invMle()) + ", \"k\": " + k + anchorJson, "mle "
                    + number(estimate.mle()) + "\ninv_mle " + number(estimate.invMle()) + "\nk "
                    + k + anchorText, points.length, estimate.duplicatesRemoved());
        } else if (estimator.equals("geomle")) {
            GeoMleEstimate estimate = GeoMle.estimate(points, geoMleParameters);
            requireDefined(estimate.defined(), estimate.undefinedReason());
            printGeoMle(out, estimate, points.length);
        } else {
            TwoNnEstimate estimate = TwoNn.estimate(points);
            requireDefined(estimate.defined(), estimate.undefinedReason());
            print(out, "\"dimension\": " + number(estimate.dimension()), "dimension "
                    + number(estimate.dimension()), points.length, estimate.duplicatesRemoved());
        }
        out.flush();
        return 0;
    }

    /**
     * Rejects an option given for an estimator other than the chosen one, because it would
     * otherwise be ignored without a word.
     */
    private void rejectOptionsOfOtherEstimators() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!estimator.equals("mle") && parsed.hasMatchedOption("--k")) {
            throw TopologyOptions.invalid(spec, "Option '--k' sets the neighbours of --estimator"
                    + " mle" + (estimator.equals("geomle") ? "; for geomle use --k1 and --k2"
                    : "; twonn uses the two nearest neighbours and takes no options"));
        }
        if (!estimator.equals("geomle")) {
            for (String option : List.of("--k1", "--k2", "--bootstrap-samples", "--seed")) {
                if (parsed.hasMatchedOption(option)) {
                    throw TopologyOptions.invalid(spec, "Option '" + option + "' applies to"
                            + " --estimator geomle only, not to " + estimator);
                }
            }
        }
    }

    /** Checks the GeoMLE options. */
    private GeoMle.Parameters geoMleParameters() {
        try {
            return new GeoMle.Parameters(k1, k2, bootstrapSamples, GeoMle.DEFAULT_DEGREE,
                    GeoMle.DEFAULT_ALPHA, seed);
        } catch (IllegalArgumentException e) {
            throw TopologyOptions.invalid(spec, "Invalid GeoMLE options: " + e.getMessage());
        }
    }

    private void printGeoMle(PrintWriter out, GeoMleEstimate estimate, int points) {
        GeoMle.Parameters used = estimate.parameters();
        String alpha = number(used.alpha());
        print(out, "\"dimension\": " + number(estimate.dimension()) + ", \"k1\": " + used.k1()
                + ", \"k2\": " + used.k2() + ", \"bootstrap_samples\": "
                + used.bootstrapSamples() + ", \"degree\": " + used.degree() + ", \"alpha\": "
                + alpha + ", \"seed\": " + used.seed(), "dimension "
                + number(estimate.dimension()) + "\nk1 " + used.k1() + "\nk2 " + used.k2()
                + "\nbootstrap_samples " + used.bootstrapSamples() + "\ndegree " + used.degree()
                + "\nalpha " + alpha + "\nseed " + used.seed(), points,
                estimate.duplicatesRemoved());
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
