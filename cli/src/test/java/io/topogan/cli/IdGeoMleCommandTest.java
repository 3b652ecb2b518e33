package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.geometry.GeoMle;
import io.topogan.geometry.GeoMleEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id --estimator geomle}: outputs, options and errors. */
class IdGeoMleCommandTest {

    private static final int SPHERE_POINTS = 600;

    @TempDir
    Path temp;

    /** Writes points of the unit 2-sphere in R^3 as CSV, then {@code copies} of its first rows. */
    private Path sphereCsv(int points, int copies) throws IOException {
        Random random = new Random(5);
        float[][] rows = new float[points][];
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < points; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = random.nextGaussian();
            double norm = Math.sqrt(x * x + y * y + z * z);
            rows[i] = new float[] {(float) (x / norm), (float) (y / norm), (float) (z / norm)};
        }
        for (int i = 0; i < points + copies; i++) {
            float[] row = rows[i % points];
            csv.append(String.format(Locale.ROOT, "%.9g,%.9g,%.9g%n", row[0], row[1], row[2]));
        }
        Path path = temp.resolve("sphere-" + points + "-" + copies + ".csv");
        Files.writeString(path, csv);
        return path;
    }

    private static float[][] readCsv(Path path) throws IOException {
        return Files.readAllLines(path).stream()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    String[] cells = line.split(",");
                    float[] row = new float[cells.length];
                    for (int c = 0; c < cells.length; c++) {
                        row[c] = Float.parseFloat(cells[c]);
                    }
                    return row;
                })
                .toArray(float[][]::new);
    }

    private static double jsonNumber(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(json);
        assertTrue(matcher.find(), "no numeric \"" + key + "\" in " + json);
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void jsonReportsDimensionAndParameters() throws IOException {
        Path cloud = sphereCsv(SPHERE_POINTS, 30);
        GeoMleEstimate expected = GeoMle.estimate(readCsv(cloud));

        CommandRunner.Result result =
                CommandRunner.run("id", cloud.toString(), "--estimator", "geomle", "--format",
                        "json");

        assertEquals(0, result.exitCode(), result.err());
        String json = result.out().strip();
        assertTrue(json.startsWith("{\"estimator\": \"geomle\", \"dimension\": "), json);
        assertEquals(expected.dimension(), jsonNumber(json, "dimension"),
                1e-9 * expected.dimension());
        assertEquals(2.0, jsonNumber(json, "dimension"), 0.3, "2-sphere");
        assertEquals(GeoMle.DEFAULT_K1, jsonNumber(json, "k1"));
        assertEquals(GeoMle.DEFAULT_K2, jsonNumber(json, "k2"));
        assertEquals(GeoMle.DEFAULT_BOOTSTRAP_SAMPLES, jsonNumber(json, "bootstrap_samples"));
        assertEquals(GeoMle.DEFAULT_DEGREE, jsonNumber(json, "degree"));
        assertEquals(GeoMle.DEFAULT_ALPHA, jsonNumber(json, "alpha"), 1e-15);
        assertEquals(GeoMle.DEFAULT_SEED, jsonNumber(json, "seed"));
        assertEquals(SPHERE_POINTS + 30, jsonNumber(json, "points"));
        assertEquals(30, jsonNumber(json, "duplicates_removed"));
        assertFalse(json.contains("\"mle\""), json);
    }

    @Test
    void textListsOneValuePerLine() throws IOException {
        Path cloud = sphereCsv(SPHERE_POINTS, 0);

        CommandRunner.Result result =
                CommandRunner.run("id", cloud.toString(), "--estimator", "geomle");

        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().strip().split("\n");
        assertEquals(10, lines.length, result.out());
        assertEquals("estimator geomle", lines[0]);
        assertTrue(lines[1].startsWith("dimension "), lines[1]);
        assertEquals("k1 10", lines[2]);
        assertEquals("k2 40", lines[3]);
        assertEquals("bootstrap_samples 20", lines[4]);
        assertEquals("degree 2", lines[5]);
        assertTrue(lines[6].startsWith("alpha 0.00500000"), lines[6]);
        assertEquals("seed 1234", lines[7]);
        assertEquals("points " + SPHERE_POINTS, lines[8]);
        assertEquals("duplicates_removed 0", lines[9]);
    }

    @Test
    void optionsReachTheEstimator() throws IOException {
        Path cloud = sphereCsv(SPHERE_POINTS, 0);
        GeoMle.Parameters parameters = new GeoMle.Parameters(6, 25, 5, GeoMle.DEFAULT_DEGREE,
                GeoMle.DEFAULT_ALPHA, 77);
        GeoMleEstimate expected = GeoMle.estimate(readCsv(cloud), parameters);

        CommandRunner.Result result = CommandRunner.run("id", cloud.toString(), "--estimator",
                "geomle", "--k1", "6", "--k2", "25", "--bootstrap-samples", "5", "--seed", "77",
                "--format", "json");
        CommandRunner.Result otherSeed = CommandRunner.run("id", cloud.toString(), "--estimator",
                "geomle", "--k1", "6", "--k2", "25", "--bootstrap-samples", "5", "--seed", "78",
                "--format", "json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(expected.dimension(), jsonNumber(result.out(), "dimension"),
                1e-9 * expected.dimension());
        assertEquals(6, jsonNumber(result.out(), "k1"));
        assertEquals(25, jsonNumber(result.out(), "k2"));
        assertEquals(5, jsonNumber(result.out(), "bootstrap_samples"));
        assertEquals(77, jsonNumber(result.out(), "seed"));
        assertEquals(0, otherSeed.exitCode(), otherSeed.err());
        assertNotEquals(jsonNumber(result.out(), "dimension"),
                jsonNumber(otherSeed.out(), "dimension"));
    }

    @Test
    void tooFewPointsIsAnError() throws IOException {
        Path cloud = sphereCsv(30, 5);

        CommandRunner.Result result =
                CommandRunner.run("id", cloud.toString(), "--estimator", "geomle");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains(cloud + ": the geomle estimate is undefined: only 30"
                + " distinct points remain, but k2 = 40 needs at least 41"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
        assertEquals("", result.out());
    }

    @Test
    void invalidOptionsRejected() throws IOException {
        String cloud = sphereCsv(SPHERE_POINTS, 0).toString();
        String[][] cases = {
            {"Option '--k' sets the neighbours of --estimator mle", "--k", "12"},
            {"Invalid GeoMLE options: k1 = 2 is invalid", "--k1", "2"},
            {"Invalid GeoMLE options: k2 = 11 is invalid", "--k2", "11"},
            {"Invalid GeoMLE options: bootstrapSamples = 0", "--bootstrap-samples", "0"},
        };
        for (String[] option : cases) {
            CommandRunner.Result result = CommandRunner.run("id", cloud, "--estimator", "geomle",
                    option[1], option[2]);

            String label = option[1] + " " + option[2] + "\nstderr: " + result.err();
            assertEquals(2, result.exitCode(), label);
            assertTrue(result.err().contains(option[0]), label);
            assertFalse(result.err().contains("Exception"), label);
        }
    }
}
