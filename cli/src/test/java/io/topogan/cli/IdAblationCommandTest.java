package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.geometry.Anchors;
import io.topogan.geometry.LevinaBickelMle;
import io.topogan.geometry.MleEstimate;
import io.topogan.geometry.MleSampleSizes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdAblationCommandTest {

    /** The project's bundled 2000-image dataset subsets, seen from the module folder. */
    private static final Path DATA = Path.of("..", "data");

    @TempDir
    Path temp;

    private float[][] points;
    private Path cloud;

    /** 600 Gaussian points of a random 4-dimensional subspace of R^20, as float32 .npy. */
    @BeforeEach
    void writeCloud() throws IOException {
        Random random = new Random(5);
        double[][] basis = new double[4][20];
        for (double[] row : basis) {
            for (int c = 0; c < 20; c++) {
                row[c] = random.nextGaussian();
            }
        }
        points = new float[600][20];
        float[] flat = new float[600 * 20];
        for (int i = 0; i < 600; i++) {
            for (int j = 0; j < 4; j++) {
                double weight = random.nextGaussian();
                for (int c = 0; c < 20; c++) {
                    points[i][c] += (float) (weight * basis[j][c]);
                }
            }
            System.arraycopy(points[i], 0, flat, i * 20, 20);
        }
        cloud = temp.resolve("cloud.npy");
        Npy.write(cloud, NpyArray.ofFloat32(new int[] {600, 20}, flat));
    }

    @Test
    void sizesModeWritesCsvPlotAndTable() throws IOException {
        Path out = temp.resolve("sizes");

        CommandRunner.Result result = CommandRunner.run("id-ablation", cloud.toString(),
                "--sizes", "100:500:100", "--repeats", "3", "--k", "10", "--seed", "7",
                "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> csv = Files.readAllLines(out.resolve("id_ablation_sizes.csv"));
        assertEquals("size,anchors,mle_mean,mle_std,inv_mle_mean,inv_mle_std,seconds,"
                + "mle_1,mle_2,mle_3,inv_mle_1,inv_mle_2,inv_mle_3", csv.get(0));
        assertEquals(6, csv.size());
        MleSampleSizes.Result expected = MleSampleSizes.run(points,
                new int[] {100, 200, 300, 400, 500}, 3, 10, Anchors.all(), 7, 1, null);
        for (int i = 0; i < 5; i++) {
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(13, cells.length, csv.get(i + 1));
            assertEquals(100 * (i + 1), Integer.parseInt(cells[0]));
            assertEquals(100 * (i + 1), Integer.parseInt(cells[1]), "anchors = size");
            assertEquals(expected.mleMean(i), Double.parseDouble(cells[2]), 1e-12);
            assertEquals(expected.mleStd(i), Double.parseDouble(cells[3]), 1e-12);
            assertEquals(expected.invMleMean(i), Double.parseDouble(cells[4]), 1e-12);
            assertEquals(expected.invMleStd(i), Double.parseDouble(cells[5]), 1e-12);
            assertTrue(Double.parseDouble(cells[3]) > 0, "repeats differ: " + csv.get(i + 1));
            double mean = (Double.parseDouble(cells[7]) + Double.parseDouble(cells[8])
                    + Double.parseDouble(cells[9])) / 3;
            assertEquals(mean, Double.parseDouble(cells[2]), 1e-12);
        }
        double largest = Double.parseDouble(csv.get(5).split(",")[4]);
        assertTrue(largest > 3 && largest < 5, "inv_mle of a 4-dimensional cloud: " + largest);

        BufferedImage image = ImageIO.read(out.resolve("id_ablation_sizes.png").toFile());
        assertNotNull(image);
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(result.out().contains("inv_mle_mean"), result.out());
        assertTrue(result.out().contains("600 distinct points (0 duplicates removed)"),
                result.out());
        assertTrue(result.err().contains("size 500 (5/5): mle "), result.err());
        assertTrue(result.err().contains("ETA"), result.err());
    }

    @Test
    void seedMakesSizesRepeatable() throws IOException {
        List<String> first = sizesValues("1");
        List<String> again = sizesValues("1");
        List<String> other = sizesValues("2");

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    /** Runs a small sizes ablation and returns its CSV without the time column. */
    private List<String> sizesValues(String seed) throws IOException {
        Path out = temp.resolve("seed" + seed + "-" + System.nanoTime());
        CommandRunner.Result result = CommandRunner.run("id-ablation", cloud.toString(),
                "--sizes", "50:150:50", "--seed", seed, "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        return Files.readAllLines(out.resolve("id_ablation_sizes.csv")).stream()
                .map(line -> line.replaceFirst("^((?:[^,]*,){6})[^,]*", "$1"))
                .toList();
    }

    @Test
    void sizesModeWithAnchorFraction() throws IOException {
        Path out = temp.resolve("anchors");

        CommandRunner.Result result = CommandRunner.run("id-ablation", cloud.toString(),
                "--sizes", "100:300:100", "--anchors", "0.25", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> csv = Files.readAllLines(out.resolve("id_ablation_sizes.csv"));
        assertTrue(csv.get(1).startsWith("100,25,"), csv.get(1));
        assertTrue(csv.get(3).startsWith("300,75,"), csv.get(3));
    }

    @Test
    void kModeMatchesEstimator() throws IOException {
        Path out = temp.resolve("k");

        CommandRunner.Result result = CommandRunner.run("id-ablation", cloud.toString(),
                "--mode", "k", "--k-max", "12", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> csv = Files.readAllLines(out.resolve("id_ablation_k.csv"));
        assertEquals("k,mle,inv_mle,points,anchors", csv.get(0));
        assertEquals(11, csv.size());
        for (int k = 3; k <= 12; k++) {
            String[] cells = csv.get(k - 2).split(",");
            MleEstimate expected = LevinaBickelMle.estimate(points, k, 1);
            assertEquals(k, Integer.parseInt(cells[0]));
            assertEquals(expected.mle(), Double.parseDouble(cells[1]), 1e-12, "k = " + k);
            assertEquals(expected.invMle(), Double.parseDouble(cells[2]), 1e-12, "k = " + k);
            assertEquals("600", cells[3]);
            assertEquals("600", cells[4]);
        }
        BufferedImage image = ImageIO.read(out.resolve("id_ablation_k.png").toFile());
        assertEquals(300, image.getHeight());
        assertTrue(result.out().contains("averaged over 600 points"), result.out());
    }

    @Test
    void kModeWithAnchorCount() throws IOException {
        Path out = temp.resolve("k-anchors");

        CommandRunner.Result result = CommandRunner.run("id-ablation", cloud.toString(),
                "--mode", "k", "--k-max", "6", "--anchors", "50", "--seed", "3", "--out",
                out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> csv = Files.readAllLines(out.resolve("id_ablation_k.csv"));
        MleEstimate expected = LevinaBickelMle.estimate(points, 6, Anchors.count(50, 3), 1,
                null).at(6);
        String[] last = csv.get(4).split(",");
        assertEquals("6", last[0]);
        assertEquals(expected.mle(), Double.parseDouble(last[1]), 1e-12);
        assertEquals("50", last[4]);
    }

    @Test
    void kModeReportsUndefinedK() throws IOException {
        // A 5 x 5 x 4 grid: interior points have 6 neighbours at distance 1, so m(x) = 0 for
        // k <= 6 and the estimate is undefined there.
        StringBuilder grid = new StringBuilder();
        for (int x = 0; x < 5; x++) {
            for (int y = 0; y < 5; y++) {
                for (int z = 0; z < 4; z++) {
                    grid.append(x).append(',').append(y).append(',').append(z).append('\n');
                }
            }
        }
        Path file = temp.resolve("grid.csv");
        Files.writeString(file, grid);
        Path out = temp.resolve("grid");

        CommandRunner.Result result = CommandRunner.run("id-ablation", file.toString(), "--mode",
                "k", "--k-max", "8", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> csv = Files.readAllLines(out.resolve("id_ablation_k.csv"));
        assertEquals("6,nan,nan,100,100", csv.get(4));
        assertFalse(csv.get(5).contains("nan"), csv.get(5));
        assertTrue(result.err().contains("warning: k = 6: the estimate is undefined (nan): m(x)"),
                result.err());
        assertFalse(result.err().contains("warning: k = 7"), result.err());
    }

    @Test
    void datasetInputUsesFlattenedImages() throws IOException {
        Path out = temp.resolve("dataset");

        CommandRunner.Result result = CommandRunner.run("id-ablation", "fashion-mnist",
                "--data", DATA.toString(), "--classes", "0,1", "--limit", "120", "--mode", "k",
                "--k-max", "5", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("training images, classes 0,1"), result.err());
        assertTrue(result.err().contains("120 points of 1024 values"), result.err());
        List<String> csv = Files.readAllLines(out.resolve("id_ablation_k.csv"));
        assertEquals(4, csv.size());
        String[] cells = csv.get(3).split(",");
        double mle = Double.parseDouble(cells[1]);
        assertTrue(mle > 1 && mle < 100, "image intrinsic dimension: " + mle);
    }

    @Test
    void imageFolderInputUsesFlattenedColourImages() throws IOException {
        Path pictures = temp.resolve("data/pictures");
        Files.createDirectories(pictures);
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 30; i++) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 36,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 36; y++) {
                for (int x = 0; x < 40; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            javax.imageio.ImageIO.write(image, "png", pictures.resolve(i + ".png").toFile());
        }
        Files.writeString(pictures.resolve("broken.png"), "not a PNG");
        Path out = temp.resolve("folder");

        CommandRunner.Result result = CommandRunner.run("id-ablation", "folder:pictures",
                "--data", temp.resolve("data").toString(), "--mode", "k", "--k-max", "5",
                "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("skipped 1 unreadable image files"), result.err());
        assertTrue(result.err().contains("30 points of 3072 values"), result.err());
        assertEquals(4, Files.readAllLines(out.resolve("id_ablation_k.csv")).size());
    }

    @Test
    void invalidInputRejected() throws IOException {
        String file = cloud.toString();
        assertRejected(1, "sample size 700 exceeds the 600 distinct points", "id-ablation",
                file, "--sizes", "100:700:300");
        assertRejected(2, "expected FROM:TO:STEP", "id-ablation", file, "--sizes", "100:200");
        assertRejected(2, "expected FROM:TO:STEP", "id-ablation", file, "--sizes", "a:200:10");
        assertRejected(2, "STEP must be at least 1", "id-ablation", file, "--sizes",
                "100:200:0");
        assertRejected(2, "FROM = 5 is too small for --k 10", "id-ablation", file, "--sizes",
                "5:200:5");
        assertRejected(2, "'--k-max' does not apply to --mode sizes", "id-ablation", file,
                "--k-max", "12");
        assertRejected(2, "'--repeats' does not apply to --mode k", "id-ablation", file,
                "--mode", "k", "--repeats", "2");
        assertRejected(2, "expected sizes or k", "id-ablation", file, "--mode", "size");
        assertRejected(2, "'--repeats': 0", "id-ablation", file, "--repeats", "0");
        assertRejected(2, "'--k': 2", "id-ablation", file, "--k", "2");
        assertRejected(2, "'--k-max': 2", "id-ablation", file, "--mode", "k", "--k-max", "2");
        assertRejected(2, "expected a whole number of anchors", "id-ablation", file,
                "--anchors", "many");
        assertRejected(2, "anchor fraction 1.5 is invalid", "id-ablation", file, "--anchors",
                "1.5");
        assertRejected(2, "anchor count 0 is invalid", "id-ablation", file, "--anchors", "0");
        for (String text : new String[] {"1d", "0.5f", "NaN", "0x1p-3", "Infinity", ".", "1e"}) {
            assertRejected(2, "expected a whole number of anchors", "id-ablation", file,
                    "--anchors", text);
        }
        assertRejected(1, "150 anchors exceed the 100", "id-ablation", file, "--sizes",
                "100:200:100", "--anchors", "150");
        assertRejected(2, "'--classes' applies to dataset input", "id-ablation", file,
                "--classes", "1");
        assertRejected(1, "file not found", "id-ablation",
                temp.resolve("missing.csv").toString());
        assertRejected(1, "dataset folder not found", "id-ablation", "mnist", "--data",
                temp.toString());
        assertRejected(1, "set --data DIR", "id-ablation", "mnist", "--data", temp.toString());
        assertRejected(1, "invalid class 12", "id-ablation", "mnist", "--data",
                DATA.toString(), "--classes", "12");
    }

    @Test
    void idCommandAnchors() {
        CommandRunner.Result anchored = CommandRunner.run("id", cloud.toString(), "--anchors",
                "40", "--format", "json");
        CommandRunner.Result everyPoint = CommandRunner.run("id", cloud.toString(), "--anchors",
                "1.0");
        CommandRunner.Result plain = CommandRunner.run("id", cloud.toString());

        assertEquals(0, anchored.exitCode(), anchored.err());
        assertTrue(anchored.out().contains("\"anchors\": 40"), anchored.out());
        assertEquals(0, everyPoint.exitCode(), everyPoint.err());
        assertTrue(everyPoint.out().contains("anchors 600"), everyPoint.out());
        assertEquals(plain.out().lines().filter(line -> line.startsWith("mle ")).toList(),
                everyPoint.out().lines().filter(line -> line.startsWith("mle ")).toList());
        assertFalse(plain.out().contains("anchors"), plain.out());
        assertRejected(2, "'--anchors' applies to --estimator mle only", "id", cloud.toString(),
                "--estimator", "twonn", "--anchors", "10");
        assertRejected(1, "700 anchors exceed the 600 distinct points", "id", cloud.toString(),
                "--anchors", "700");
        CommandRunner.Result exponent = CommandRunner.run("id", cloud.toString(), "--anchors",
                "5e-1");
        assertEquals(0, exponent.exitCode(), exponent.err());
        assertTrue(exponent.out().contains("anchors 300"), exponent.out());
    }

    @Test
    void idRejectsOtherEstimatorsOptions() {
        assertRejected(2, "Option '--k' sets the neighbours of --estimator mle", "id",
                cloud.toString(), "--estimator", "twonn", "--k", "5");
        for (String option : new String[] {"--k1", "--k2", "--bootstrap-samples", "--seed"}) {
            assertRejected(2, "'" + option + "' applies to --estimator geomle only, not to mle",
                    "id", cloud.toString(), option, "12");
            assertRejected(2, "'" + option + "' applies to --estimator geomle only, not to"
                    + " twonn", "id", cloud.toString(), "--estimator", "twonn", option, "12");
        }
    }

    @Test
    void etaGrowsWithSquareOfSize() {
        // 10 s up to size 1000; size 2000 costs 4 times as much in total, so 30 s remain.
        double remaining = IdAblationCommand.remainingSeconds(new int[] {500, 1000, 2000}, 1, 10);

        assertEquals(30, remaining, 1e-9);
        assertEquals(0, IdAblationCommand.remainingSeconds(new int[] {500, 1000}, 1, 10), 0.0);
    }

    /** Runs the command and checks exit code, the message and the absence of a stack trace. */
    private static void assertRejected(int exitCode, String message, String... args) {
        CommandRunner.Result result = CommandRunner.run(args);

        String label = String.join(" ", args) + "\nstderr: " + result.err();
        assertEquals(exitCode, result.exitCode(), label);
        assertTrue(result.err().contains(message), "expected '" + message + "' in " + label);
        assertFalse(result.err().contains("\tat "), "stack trace in " + label);
        assertFalse(result.err().contains("Exception"), "exception name in " + label);
    }
}
