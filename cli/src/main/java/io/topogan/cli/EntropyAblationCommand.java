package io.topogan.cli;

import io.topogan.topology.GreedyPermutation;
import io.topogan.topology.Metric;
import io.topogan.topology.PersistenceResult;
import io.topogan.topology.PersistentEntropy;
import io.topogan.topology.RipsPersistence;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Measures how the persistent entropy of a greedy subsample settles as the subsample grows, to
 * choose the smallest n_perm whose entropy no longer changes much.
 */
@Command(name = "entropy-ablation", mixinStandardHelpOptions = true,
        description = {"For n_perm = FROM, FROM+STEP, ..., TO: subsample FILE by greedy"
                + " furthest-point sampling, compute the barcodes and the persistent entropy"
                + " (normalised by log2 of the bar count) per dimension, and the compute time.",
            "The derivative |dE/dn| uses central differences (one-sided at the ends), as"
                + " numpy.gradient does. The optimal n_perm of a dimension is the first whose"
                + " derivative is below EPSILON.",
            "Writes DIR/entropy_ablation.csv and DIR/entropy_ablation.png and prints the optima."})
final class EntropyAblationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Point cloud: text or .npy, as for homology.")
    Path file;

    @Option(names = "--from", defaultValue = "10", description = "First n_perm"
            + " (default: ${DEFAULT-VALUE}).")
    int from;

    @Option(names = "--to", defaultValue = "500", description = "Last n_perm, at most the number"
            + " of points (default: ${DEFAULT-VALUE}).")
    int to;

    @Option(names = "--step", defaultValue = "10", description = "Increment of n_perm"
            + " (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--maxdim", defaultValue = "2",
            description = "Highest homology dimension, 0..3 (default: ${DEFAULT-VALUE}).")
    int maxDim;

    @Option(names = "--epsilon", defaultValue = "0.005", description = "Derivative bound per"
            + " point of n_perm that defines the optimum (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "euclidean (default) or cosine.")
    String metric;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Output folder, created if missing (default: current folder).")
    Path outDir;

    /** Entropy per dimension and compute time for each n_perm, with the derived columns. */
    record Ablation(int[] nPerm, double[][] entropy, double[][] derivative, double[] seconds,
            double epsilon) {

        /** First n_perm whose |dE/dn| is below epsilon in the given dimension, or -1. */
        int optimum(int dimension) {
            for (int i = 0; i < nPerm.length; i++) {
                if (derivative[dimension][i] < epsilon) {
                    return nPerm[i];
                }
            }
            return -1;
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Metric chosenMetric = TopologyOptions.metric(spec, metric);
        float[][] points = HomologyInput.readPoints(file);
        if (to > points.length) {
            throw TopologyOptions.invalid(spec, "--to " + to + " exceeds the " + points.length
                    + " points of " + file + "; lower --to");
        }
        int count = (to - from) / step + 1;
        int[] nPerm = new int[count];
        for (int i = 0; i < count; i++) {
            nPerm[i] = from + i * step;
        }
        Ablation ablation = run(points, nPerm, chosenMetric);

        Files.createDirectories(outDir);
        Path csv = outDir.resolve("entropy_ablation.csv");
        Path png = outDir.resolve("entropy_ablation.png");
        Files.writeString(csv, toCsv(ablation), StandardCharsets.UTF_8);
        AblationPlot.write(ablation, png);

        PrintWriter out = spec.commandLine().getOut();
        for (int dim = 0; dim <= maxDim; dim++) {
            int optimum = ablation.optimum(dim);
            out.printf(Locale.ROOT, "H%d optimal n_perm: %s%n", dim, optimum < 0
                    ? "none (|dE/dn| stays >= " + epsilon + ")" : Integer.toString(optimum));
        }
        out.println("wrote " + csv + " and " + png);
        out.flush();
        return 0;
    }

    private void validate() {
        TopologyOptions.requireMaxDim(spec, maxDim);
        if (from < 1) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--from': " + from
                    + "; n_perm must be at least 1");
        }
        if (step < 1) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--step': " + step
                    + "; it must be at least 1");
        }
        if (to < from) {
            throw TopologyOptions.invalid(spec, "--to " + to + " is below --from " + from);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--epsilon': "
                    + epsilon + "; it must be a finite number > 0");
        }
    }

    private Ablation run(float[][] points, int[] nPerm, Metric chosenMetric) {
        RipsPersistence rips = new RipsPersistence().withMaxDim(maxDim).withMetric(chosenMetric);
        // Furthest-point sampling is incremental: the first n points of the largest selection
        // are exactly the selection of n points, so one selection serves every n_perm.
        float[][] ordered = GreedyPermutation.select(points, nPerm[nPerm.length - 1],
                chosenMetric).apply(points);
        double[][] entropy = new double[maxDim + 1][nPerm.length];
        double[] seconds = new double[nPerm.length];
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        for (int i = 0; i < nPerm.length; i++) {
            long start = System.nanoTime();
            PersistenceResult result = rips.compute(Arrays.copyOf(ordered, nPerm[i]));
            seconds[i] = (System.nanoTime() - start) / 1e9;
            for (int dim = 0; dim <= maxDim; dim++) {
                entropy[dim][i] = PersistentEntropy.of(result.diagram(dim));
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            err.printf(Locale.ROOT, "n_perm %d (%d/%d): %.2f s, elapsed %s, ETA %s%n", nPerm[i],
                    i + 1, nPerm.length, seconds[i], duration(elapsed),
                    duration(remainingSeconds(nPerm, seconds, i)));
            err.flush();
        }
        double[][] derivative = new double[maxDim + 1][];
        for (int dim = 0; dim <= maxDim; dim++) {
            derivative[dim] = absoluteGradient(entropy[dim], step);
        }
        return new Ablation(nPerm, entropy, derivative, seconds, epsilon);
    }

    /**
     * Estimates the time left after run {@code done}, assuming time grows as a power of n_perm
     * whose exponent is fitted to the last two runs and clamped to 1..4.
     */
    static double remainingSeconds(int[] nPerm, double[] seconds, int done) {
        if (done + 1 >= nPerm.length) {
            return 0;
        }
        double exponent = 2;
        if (done > 0 && seconds[done - 1] > 0 && seconds[done] > 0) {
            exponent = Math.log(seconds[done] / seconds[done - 1])
                    / Math.log((double) nPerm[done] / nPerm[done - 1]);
            exponent = Math.max(1, Math.min(4, exponent));
        }
        double remaining = 0;
        for (int j = done + 1; j < nPerm.length; j++) {
            remaining += seconds[done] * Math.pow((double) nPerm[j] / nPerm[done], exponent);
        }
        return remaining;
    }

    private static String duration(double seconds) {
        long total = Math.round(seconds);
        return total < 60 ? total + " s" : String.format(Locale.ROOT, "%d min %02d s",
                total / 60, total % 60);
    }

    /**
     * |gradient| of values sampled every {@code spacing}: central differences inside, one-sided
     * differences at both ends, as numpy.gradient with edge_order 1. A single sample gives NaN.
     */
    static double[] absoluteGradient(double[] values, double spacing) {
        int n = values.length;
        double[] gradient = new double[n];
        if (n < 2) {
            Arrays.fill(gradient, Double.NaN);
            return gradient;
        }
        gradient[0] = Math.abs(values[1] - values[0]) / spacing;
        gradient[n - 1] = Math.abs(values[n - 1] - values[n - 2]) / spacing;
        for (int i = 1; i < n - 1; i++) {
            gradient[i] = Math.abs(values[i + 1] - values[i - 1]) / (2 * spacing);
        }
        return gradient;
    }

    private String toCsv(Ablation ablation) {
        StringBuilder text = new StringBuilder("n_perm,seconds");
        for (int dim = 0; dim <= maxDim; dim++) {
            text.append(",entropy_h").append(dim);
        }
        for (int dim = 0; dim <= maxDim; dim++) {
            text.append(",abs_derivative_h").append(dim);
        }
        text.append('\n');
        for (int i = 0; i < ablation.nPerm().length; i++) {
            text.append(ablation.nPerm()[i]).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", ablation.seconds()[i]));
            for (int dim = 0; dim <= maxDim; dim++) {
                text.append(',').append(DiagramFiles.formatNumber(ablation.entropy()[dim][i]));
            }
            for (int dim = 0; dim <= maxDim; dim++) {
                text.append(',')
                        .append(DiagramFiles.formatNumber(ablation.derivative()[dim][i]));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
