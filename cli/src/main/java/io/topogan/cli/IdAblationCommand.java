package io.topogan.cli;

import io.topogan.geometry.Anchors;
import io.topogan.geometry.LevinaBickelMle;
import io.topogan.geometry.MleEstimate;
import io.topogan.geometry.MleEstimates;
import io.topogan.geometry.MleSampleSizes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Ablations of the Levina-Bickel intrinsic dimension estimate: against the number of samples,
 * to see whether a checkpoint's sample count gives a stable estimate, and against the
 * neighbourhood size k.
 */
@Command(name = "id-ablation", mixinStandardHelpOptions = true,
        description = {"Levina-Bickel intrinsic dimension (mle and inv_mle) of a point cloud or"
                + " dataset, against the sample count or against k.",
            "--mode sizes (default): for each size of --sizes, --repeats random subsets of the"
                + " distinct points, seeded by --seed. The subsets of one repeat are nested (the"
                + " first s points of one random order), so one neighbour search per repeat"
                + " serves every size. Reports the mean and the sample standard deviation"
                + " (n - 1 denominator, numpy's ddof=1) over the repeats, and writes"
                + " DIR/id_ablation_sizes.csv and .png.",
            "--mode k: the estimate for every k from 3 to --k-max from one neighbour search of"
                + " all distinct points. Writes DIR/id_ablation_k.csv and .png.",
            "Input: a point-cloud file (text or .npy, as for 'id'), or mnist, fashion-mnist or"
                + " cifar10: training images of DIR/NAME, 32x32 scaled to [-1, 1] and"
                + " flattened (grey datasets with one channel). A file named like a dataset is"
                + " read as a file when written with a path, such as ./mnist.",
            "Duplicate points are removed first."})
final class IdAblationCommand implements Callable<Integer> {

    /** Largest neighbourhood size accepted: neighbour lists of this size already cost GBs. */
    static final int MAX_NEIGHBOURS = 10_000;


    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE_OR_DATASET",
            description = "Point-cloud file, mnist, fashion-mnist, cifar10, or folder:NAME for"
                    + " the PNG and JPEG images in DIR/NAME.")
    String input;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "sizes",
            description = "sizes (estimate against the sample count) or k (against k)"
                    + " (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--sizes", paramLabel = "FROM:TO:STEP", defaultValue = "1000:14000:1000",
            description = "Sample sizes of --mode sizes; TO is included when the steps reach it"
                    + " (default: ${DEFAULT-VALUE}).")
    String sizesText;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Random subsets per size in --mode sizes (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10",
            description = "Neighbours per point in --mode sizes, at least 3"
                    + " (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--k-max", paramLabel = "K", defaultValue = "20",
            description = "Largest k of --mode k, at least 3 (default: ${DEFAULT-VALUE}).")
    int kMax;

    @Option(names = "--anchors", paramLabel = "N|FRACTION",
            description = "Average the local estimates over N random anchor points, or over a"
                    + " FRACTION in (0, 1] written with a decimal point, whose neighbours are"
                    + " searched among all points (in --mode sizes: per subset). Default: every"
                    + " point.")
    String anchorsText;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the random subsets and anchors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with one sub-folder per dataset (default: $TOPOGAN_DATA_DIR,"
                    + " else the project's data/ folder).")
    Path dataDir;

    @Option(names = "--classes", paramLabel = "C", split = ",",
            description = "Dataset classes to keep, such as 0,3 (default: all).")
    List<Integer> classes;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use the first N dataset images after the class filter; 0 = all"
                    + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads of the neighbour search (default: available processors).")
    Integer threads;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Output folder, created if missing (default: current folder).")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        boolean sizesMode = validateMode();
        int[] sizes = sizesMode ? parseSizes() : null;
        Anchors anchors = parseAnchors(spec, "--anchors", anchorsText, seed);
        validateInputOptions();
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;

        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        PointCloudSource.Loaded loaded = PointCloudSource.load(input, dataDir, classes, limit);
        err.printf(Locale.ROOT, "read %s in %.1f s%n", loaded.description(),
                (System.nanoTime() - start) / 1e9);
        err.flush();
        Files.createDirectories(outDir);
        if (sizesMode) {
            runSizes(loaded.points(), sizes, anchors, threadCount);
        } else {
            runK(loaded.points(), anchors, threadCount);
        }
        return 0;
    }

    /** Checks the mode and that no option of the other mode was given; true for sizes. */
    private boolean validateMode() {
        if (!mode.equals("sizes") && !mode.equals("k")) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--mode': '" + mode
                    + "'; expected sizes or k");
        }
        boolean sizesMode = mode.equals("sizes");
        List<String> foreign = sizesMode ? List.of("--k-max")
                : List.of("--sizes", "--repeats", "--k");
        for (String option : foreign) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw TopologyOptions.invalid(spec, "Option '" + option + "' does not apply to"
                        + " --mode " + mode + "; it belongs to --mode "
                        + (sizesMode ? "k" : "sizes"));
            }
        }
        if (sizesMode) {
            requireRange("--k", k, 3, MAX_NEIGHBOURS);
            requireRange("--repeats", repeats, 1, 1000);
        } else {
            requireRange("--k-max", kMax, 3, MAX_NEIGHBOURS);
        }
        if (threads != null) {
            requireAtLeast("--threads", threads, 1);
        }
        return sizesMode;
    }

    private void validateInputOptions() {
        requireAtLeast("--limit", limit, 0);
        if (!PointCloudSource.isDataset(input)) {
            for (String option : List.of("--data", "--classes", "--limit")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw TopologyOptions.invalid(spec, "Option '" + option + "' applies to"
                            + " dataset input (mnist, fashion-mnist, cifar10, folder:NAME), not to"
                            + " the file "
                            + input);
                }
            }
        }
    }

    private void requireRange(String option, int value, int minimum, int maximum) {
        requireAtLeast(option, value, minimum);
        if (value > maximum) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '" + option + "': "
                    + value + "; it must be at most " + maximum);
        }
    }

    private void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '" + option + "': "
                    + value + "; it must be at least " + minimum);
        }
    }

    /** Parses FROM:TO:STEP into FROM, FROM + STEP, ... up to TO. */
    int[] parseSizes() {
        String[] parts = sizesText.split(":", -1);
        int[] values = new int[3];
        boolean valid = parts.length == 3;
        for (int i = 0; valid && i < 3; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--sizes': '"
                    + sizesText + "'; expected FROM:TO:STEP with whole numbers, such as"
                    + " 1000:14000:1000");
        }
        int from = values[0];
        int to = values[1];
        int step = values[2];
        if (step < 1 || to < from) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--sizes': '"
                    + sizesText + "'; STEP must be at least 1 and TO at least FROM");
        }
        if (from < k + 1) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--sizes': FROM = "
                    + from + " is too small for --k " + k + "; every size needs at least k + 1 = "
                    + (k + 1) + " points");
        }
        int count = (to - from) / step + 1;
        if (count > 10_000) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--sizes': '"
                    + sizesText + "' gives " + count + " sizes; use a larger STEP (at most"
                    + " 10000 sizes)");
        }
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = from + i * step;
        }
        return sizes;
    }

    /**
     * Parses {@code N|FRACTION}: a whole number is an anchor count, a number with a decimal
     * point or exponent is a fraction in (0, 1]. Returns {@link Anchors#all()} for null.
     */
    static Anchors parseAnchors(CommandSpec spec, String option, String text, long seed) {
        if (text == null) {
            return Anchors.all();
        }
        String value = text.strip();
        try {
            if (value.matches("\\d+")) {
                return Anchors.count(Integer.parseInt(value), seed);
            }
            // Double.parseDouble alone would also take "1d", "0x1p-3" or "NaN".
            if (!value.matches("\\d*\\.\\d+|\\d+\\.\\d*|\\d*\\.?\\d+[eE][+-]?\\d+")) {
                throw new NumberFormatException(value);
            }
            return Anchors.fraction(Double.parseDouble(value), seed);
        } catch (NumberFormatException e) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '" + option + "': '"
                    + text + "'; expected a whole number of anchors or a fraction such as 0.1");
        } catch (IllegalArgumentException e) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '" + option + "': "
                    + e.getMessage());
        }
    }

    private void runSizes(float[][] points, int[] sizes, Anchors anchors, int threadCount)
            throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        double[] searchSeconds = new double[1];
        MleSampleSizes.Result result = MleSampleSizes.run(points, sizes, repeats, k, anchors,
                seed, threadCount, (index, estimates, seconds) -> {
                    searchSeconds[0] += seconds;
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    err.printf(Locale.ROOT, "size %d (%d/%d): mle %s, inv_mle %s, %.1f s,"
                            + " elapsed %s, ETA %s%n", sizes[index], index + 1, sizes.length,
                            meanText(estimates, false), meanText(estimates, true), seconds,
                            duration(elapsed), duration(remainingSeconds(sizes, index,
                                    searchSeconds[0])));
                    err.flush();
                });
        warnUndefined(err, result);

        Path csv = outDir.resolve("id_ablation_sizes.csv");
        Path png = outDir.resolve("id_ablation_sizes.png");
        Files.writeString(csv, sizesCsv(result), StandardCharsets.UTF_8);
        AblationPlot.write(png, sizesPanels(result));

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d distinct points (%d duplicates removed), k = %d, %d repeats,"
                + " std with n - 1%n", result.distinctPoints(), result.duplicatesRemoved(), k,
                repeats);
        out.printf(Locale.ROOT, "%8s %8s %10s %9s %13s %12s %9s%n", "size", "anchors",
                "mle_mean", "mle_std", "inv_mle_mean", "inv_mle_std", "seconds");
        for (int i = 0; i < sizes.length; i++) {
            out.printf(Locale.ROOT, "%8d %8d %10.4f %9.4f %13.4f %12.4f %9.2f%n", sizes[i],
                    result.anchors()[i], result.mleMean(i), result.mleStd(i),
                    result.invMleMean(i), result.invMleStd(i), result.seconds()[i]);
        }
        out.println("wrote " + csv + " and " + png);
        out.flush();
    }

    private static String meanText(MleEstimate[] estimates, boolean inverse) {
        double[] values = new double[estimates.length];
        for (int r = 0; r < values.length; r++) {
            values[r] = inverse ? estimates[r].invMle() : estimates[r].mle();
        }
        double std = MleSampleSizes.sampleStd(values);
        String mean = String.format(Locale.ROOT, "%.3f", MleSampleSizes.mean(values));
        return values.length < 2 ? mean : mean + String.format(Locale.ROOT, " +- %.3f", std);
    }

    /**
     * Estimates the time left after size {@code done} from the seconds spent on sizes up to it:
     * the search of a repeat grows as the square of its size, because every new point is
     * compared with every earlier one.
     */
    static double remainingSeconds(int[] sizes, int done, double spentSeconds) {
        double doneSquare = (double) sizes[done] * sizes[done];
        double last = sizes[sizes.length - 1];
        return spentSeconds * (last * last - doneSquare) / doneSquare;
    }

    private static String duration(double seconds) {
        long total = Math.round(seconds);
        return total < 60 ? total + " s" : String.format(Locale.ROOT, "%d min %02d s",
                total / 60, total % 60);
    }

    /** Prints each distinct reason of an undefined estimate once, with the sizes it hit. */
    private static void warnUndefined(PrintWriter err, MleSampleSizes.Result result) {
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i < result.sizes().length; i++) {
            for (int r = 0; r < result.estimates()[i].length; r++) {
                MleEstimate estimate = result.estimates()[i][r];
                if (!estimate.defined() && reported.add(estimate.undefinedReason())) {
                    err.println("warning: size " + result.sizes()[i] + ", repeat " + (r + 1)
                            + ": the estimate is undefined (nan): " + estimate.undefinedReason());
                }
            }
        }
        err.flush();
    }

    private String sizesCsv(MleSampleSizes.Result result) {
        StringBuilder text = new StringBuilder(
                "size,anchors,mle_mean,mle_std,inv_mle_mean,inv_mle_std,seconds");
        for (int r = 1; r <= repeats; r++) {
            text.append(",mle_").append(r);
        }
        for (int r = 1; r <= repeats; r++) {
            text.append(",inv_mle_").append(r);
        }
        text.append('\n');
        for (int i = 0; i < result.sizes().length; i++) {
            text.append(result.sizes()[i]).append(',').append(result.anchors()[i]);
            for (double value : new double[] {result.mleMean(i), result.mleStd(i),
                    result.invMleMean(i), result.invMleStd(i)}) {
                text.append(',').append(number(value));
            }
            text.append(',').append(String.format(Locale.ROOT, "%.3f", result.seconds()[i]));
            for (MleEstimate estimate : result.estimates()[i]) {
                text.append(',').append(number(estimate.mle()));
            }
            for (MleEstimate estimate : result.estimates()[i]) {
                text.append(',').append(number(estimate.invMle()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private List<AblationPlot.Panel> sizesPanels(MleSampleSizes.Result result) {
        int count = result.sizes().length;
        double[] xs = new double[count];
        double[][] mle = new double[3][count];
        double[][] invMle = new double[3][count];
        for (int i = 0; i < count; i++) {
            xs[i] = result.sizes()[i];
            fillBand(mle, i, result.mleMean(i), result.mleStd(i));
            fillBand(invMle, i, result.invMleMean(i), result.invMleStd(i));
        }
        String band = repeats > 1 ? " (mean, band: +-1 std)" : "";
        String title = "Levina-Bickel intrinsic dimension, k = " + k + ", " + repeats
                + (repeats == 1 ? " subset" : " random subsets") + " per size" + band;
        List<AblationPlot.Series> series = List.of(
                new AblationPlot.Series("mle", mle[0], mle[1], mle[2], Double.NaN),
                new AblationPlot.Series("inv_mle", invMle[0], invMle[1], invMle[2], Double.NaN));
        return List.of(
                new AblationPlot.Panel(title, "samples", "intrinsic dimension", xs, series,
                        Double.NaN, false),
                new AblationPlot.Panel("Compute time per size, all repeats", "samples",
                        "seconds", xs, List.of(AblationPlot.Series.line("time",
                                result.seconds())), Double.NaN, true));
    }

    private static void fillBand(double[][] band, int i, double mean, double std) {
        band[0][i] = mean;
        band[1][i] = Double.isNaN(std) ? Double.NaN : mean - std;
        band[2][i] = Double.isNaN(std) ? Double.NaN : mean + std;
    }

    private void runK(float[][] points, Anchors anchors, int threadCount) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (kMax >= points.length) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--k-max': " + kMax
                    + "; it must be below the " + points.length + " points of " + input);
        }
        // NOTE: the one neighbour search reports no progress until it ends. Its time grows with
        // anchors x points (points^2 without anchors), so use --anchors or --limit on large sets.
        err.println("searching " + kMax + " nearest neighbours"
                + (anchors.isAll() ? " of every one of " : " of the anchors (" + anchors
                        + ") among ") + points.length + " points...");
        err.flush();
        long start = System.nanoTime();
        MleEstimates estimates = LevinaBickelMle.estimateForEachK(points, kMax, anchors,
                threadCount, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "estimated k = 3..%d in %.1f s%n", kMax, seconds);
        for (MleEstimate estimate : estimates.estimates()) {
            if (!estimate.defined()) {
                err.println("warning: k = " + estimate.k() + ": the estimate is undefined (nan): "
                        + estimate.undefinedReason());
            }
        }
        err.flush();

        MleEstimate first = estimates.estimates().get(0);
        Path csv = outDir.resolve("id_ablation_k.csv");
        Path png = outDir.resolve("id_ablation_k.png");
        StringBuilder text = new StringBuilder("k,mle,inv_mle,points,anchors\n");
        int count = estimates.estimates().size();
        double[] xs = new double[count];
        double[] mle = new double[count];
        double[] invMle = new double[count];
        for (int i = 0; i < count; i++) {
            MleEstimate estimate = estimates.estimates().get(i);
            xs[i] = estimate.k();
            mle[i] = estimate.mle();
            invMle[i] = estimate.invMle();
            text.append(estimate.k()).append(',').append(number(estimate.mle())).append(',')
                    .append(number(estimate.invMle())).append(',').append(estimate.pointsUsed())
                    .append(',').append(estimates.anchors()).append('\n');
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        String averaged = estimates.anchors() == first.pointsUsed() ? "all "
                + first.pointsUsed() + " points" : estimates.anchors() + " anchors of "
                + first.pointsUsed() + " points";
        AblationPlot.write(png, List.of(new AblationPlot.Panel(
                "Levina-Bickel intrinsic dimension against k, averaged over " + averaged, "k",
                "intrinsic dimension", xs, List.of(AblationPlot.Series.line("mle", mle),
                        AblationPlot.Series.line("inv_mle", invMle)), Double.NaN, false)));

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d distinct points (%d duplicates removed), averaged over %d"
                + " %s%n", first.pointsUsed(), first.duplicatesRemoved(), estimates.anchors(),
                anchors.isAll() ? "points" : "anchors");
        out.printf(Locale.ROOT, "%4s %10s %10s%n", "k", "mle", "inv_mle");
        for (int i = 0; i < count; i++) {
            out.printf(Locale.ROOT, "%4d %10.4f %10.4f%n", (int) xs[i], mle[i], invMle[i]);
        }
        out.println("wrote " + csv + " and " + png);
        out.flush();
    }

    private static String number(double value) {
        return DiagramFiles.formatNumber(value);
    }
}
