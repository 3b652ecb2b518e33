package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code homology --format ripser} against the output of the ripser program 1.2.1: the barcode
 * fixtures of the topology module (written by its make_ripser_fixtures.py) and, when ripser is
 * installed, fresh random inputs.
 */
class HomologyCommandTest {

    static final Path FIXTURES = Path.of("../topology/src/test/resources/ripser");
    private static final Path RIPSER = Path.of("/usr/bin/ripser");

    @TempDir
    Path temp;

    /** Rows of cases.tsv: name, input, format, metric, threshold, maxdim. */
    static Stream<Arguments> fixtureCases() throws IOException {
        List<String> lines = Files.readAllLines(FIXTURES.resolve("cases.tsv"));
        return lines.stream().skip(1).filter(line -> !line.isBlank())
                .map(line -> Arguments.of((Object[]) line.split("\t")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCases")
    void ripserFormatMatchesFixture(String name, String input, String format, String metric,
            String threshold, String maxDim) throws IOException {
        List<String> args = new ArrayList<>(List.of("homology", "--maxdim", maxDim));
        if (format.equals("lower-distance")) {
            args.addAll(List.of("--input", "lower-distance", FIXTURES.resolve(input).toString()));
        } else if (format.equals("image-bytes")) {
            args.add(writeScaledImages(FIXTURES.resolve(input)).toString());
        } else {
            args.add(FIXTURES.resolve(input).toString());
        }
        if (metric.equals("cosine")) {
            args.addAll(List.of("--metric", "cosine"));
        }
        if (!threshold.equals("-")) {
            args.addAll(List.of("--threshold", threshold));
        }
        CommandRunner.Result result = CommandRunner.run(args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.err());
        String expected = Files.readString(FIXTURES.resolve(name + ".barcode.txt"));
        assertEquals(expected, result.out());
    }

    /** Writes pixel bytes as float32 .npy of bytes / 127.5 - 1, the fixtures' scaling. */
    private Path writeScaledImages(Path bytesCsv) throws IOException {
        List<String> lines = Files.readAllLines(bytesCsv).stream()
                .filter(line -> !line.isBlank()).toList();
        int width = lines.get(0).split(",").length;
        float[] data = new float[lines.size() * width];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            for (int k = 0; k < width; k++) {
                data[i * width + k] = Float.parseFloat(cells[k].trim()) / 127.5f - 1f;
            }
        }
        Path file = temp.resolve(bytesCsv.getFileName() + ".npy");
        Npy.write(file, NpyArray.ofFloat32(new int[] {lines.size(), width}, data));
        return file;
    }

    @Test
    void liveRipserPointCloud() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RIPSER), "ripser is not installed");
        Random random = new Random(System.nanoTime());
        StringBuilder text = new StringBuilder();
        int n = 40 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            text.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n",
                    random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
                    random.nextGaussian()));
        }
        Path cloud = temp.resolve("cloud.csv");
        Files.writeString(cloud, text);

        String expected = ripser("--dim", "2", "--format", "point-cloud", cloud.toString());
        CommandRunner.Result result = CommandRunner.run("homology", cloud.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(expected, result.out(), "input:\n" + text);
    }

    @Test
    void liveRipserLowerDistanceWithThreshold() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RIPSER), "ripser is not installed");
        Random random = new Random(System.nanoTime());
        int n = 25 + random.nextInt(15);
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                text.append(j == 0 ? "" : ",").append(random.nextInt(1000) / 100.0 + 0.5);
            }
            text.append('\n');
        }
        Path lower = temp.resolve("lower.txt");
        Files.writeString(lower, text);

        String expected = ripser("--dim", "2", "--format", "lower-distance", "--threshold",
                "4.5", lower.toString());
        CommandRunner.Result result = CommandRunner.run("homology", "--input", "lower-distance",
                "--threshold", "4.5", lower.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(expected, result.out(), "input:\n" + text);
    }

    private static String ripser(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RIPSER.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ripser timed out");
        assertEquals(0, process.exitValue(), "ripser failed");
        return out;
    }

    @Test
    void distanceMatrixInputMatchesLowerDistance() throws IOException {
        // The full matrix of the lower_random fixture must give ripser's output for it.
        List<String> lines = Files.readAllLines(FIXTURES.resolve("lower_random.txt")).stream()
                .filter(line -> !line.isBlank()).toList();
        int n = lines.size() + 1;
        String[][] matrix = new String[n][n];
        for (int i = 0; i < n; i++) {
            matrix[i][i] = "0";
        }
        for (int i = 1; i < n; i++) {
            String[] cells = lines.get(i - 1).split(",");
            for (int j = 0; j < i; j++) {
                matrix[i][j] = cells[j].trim();
                matrix[j][i] = cells[j].trim();
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : matrix) {
            text.append(String.join(" ", row)).append('\n');
        }
        Path full = temp.resolve("full.txt");
        Files.writeString(full, text);

        CommandRunner.Result result = CommandRunner.run("homology", "--input", "distance",
                full.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(Files.readString(FIXTURES.resolve("lower_random.barcode.txt")),
                result.out());
    }

    @Test
    void jsonAndCsvCarryTheRipserBars() throws IOException {
        Path torus = FIXTURES.resolve("torus.csv");
        CommandRunner.Result json = CommandRunner.run("homology", "--format", "json",
                torus.toString());
        CommandRunner.Result csv = CommandRunner.run("homology", "--format", "csv",
                torus.toString());
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(0, csv.exitCode(), csv.err());
        Path jsonFile = temp.resolve("torus.json");
        Files.writeString(jsonFile, json.out());
        Path csvFile = temp.resolve("torus_bars.csv");
        Files.writeString(csvFile, csv.out());

        String barcode = Files.readString(FIXTURES.resolve("torus.barcode.txt"));
        for (int dim = 0; dim <= 2; dim++) {
            Path expected = temp.resolve("ripser_h" + dim + ".csv");
            Files.writeString(expected, ripserBars(barcode, dim));
            for (Path actual : List.of(jsonFile, csvFile)) {
                CommandRunner.Result distance = CommandRunner.run("distance",
                        expected.toString(), actual.toString(), "--metric", "bottleneck",
                        "--infinite", "match", "--dim", Integer.toString(dim));
                assertEquals(0, distance.exitCode(), distance.err());
                // ripser prints 6 significant digits, so bars agree to about 1e-5 of 5.5.
                assertTrue(Double.parseDouble(distance.out().trim()) < 1e-4,
                        actual + " H" + dim + ": bottleneck to ripser " + distance.out());
            }
        }
        assertTrue(json.out().contains("\"threshold\" : 3.8839"), json.out());
    }

    /** Bars of one dimension of ripser output, as birth,death CSV. */
    static String ripserBars(String barcode, int dimension) {
        StringBuilder csv = new StringBuilder();
        int current = -1;
        for (String line : barcode.split("\n")) {
            if (line.startsWith("persistence intervals in dim ")) {
                current = Integer.parseInt(line.replaceAll("\\D", ""));
            } else if (line.startsWith(" [") && current == dimension) {
                String[] parts = line.substring(2, line.length() - 1).split(",");
                csv.append(parts[0]).append(',')
                        .append(parts[1].isBlank() ? "inf" : parts[1]).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void nPermReportsCoveringRadius() throws IOException {
        Path torus = FIXTURES.resolve("torus.csv");
        CommandRunner.Result all = CommandRunner.run("homology", "--format", "json",
                "--n-perm", "500", torus.toString());
        CommandRunner.Result some = CommandRunner.run("homology", "--format", "json",
                "--n-perm", "30", torus.toString());

        assertEquals(0, some.exitCode(), some.err());
        assertTrue(some.err().contains("n_perm 30 of 120 points: covering radius"), some.err());
        assertTrue(some.out().contains("\"n_perm\" : 30"), some.out());
        assertTrue(all.out().contains("\"covering_radius\" : 0.0"), all.out());
        assertTrue(!some.out().contains("\"covering_radius\" : 0.0"), some.out());
    }

    @Test
    void ripserNumberFormat() {
        assertEquals("0", RipserFormat.format(0));
        assertEquals("5", RipserFormat.format(5));
        assertEquals("0.1", RipserFormat.format(0.1f));
        assertEquals("0.0001", RipserFormat.format(0.0001));
        assertEquals("1e-05", RipserFormat.format(0.00001));
        assertEquals("1.5e-07", RipserFormat.format(1.5e-7));
        assertEquals("123457", RipserFormat.format(123456.7));
        assertEquals("1e+06", RipserFormat.format(999999.7));
        assertEquals("1.23457e+06", RipserFormat.format(1234567));
        assertEquals("26.2308", RipserFormat.format(26.230812f));
        assertEquals("inf", RipserFormat.format(Double.POSITIVE_INFINITY));
    }
}
