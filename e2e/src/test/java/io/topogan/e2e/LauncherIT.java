package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.topology.PersistenceDiagram;
import io.topogan.topology.PersistenceResult;
import io.topogan.topology.RipsPersistence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the analysis commands through the {@code topogan} launcher, which starts them with a
 * reduced class path and JVM options of its own. A class missing from that class path would
 * only show up here, as a failure to start or a stack trace.
 */
class LauncherIT {

    private static final Path ROOT =
            Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path directory;

    /** Exit code and output of one launcher run. */
    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void homologyCsvMatchesEngine() throws Exception {
        float[][] points = randomCloud(60, 3, 1);
        Path cloud = writeCloud(points);
        Run run = launch("homology", "--format", "csv", cloud.toString());
        assertEquals(0, run.exitCode(), run.err());

        PersistenceResult expected = new RipsPersistence().compute(points);
        List<List<double[]>> bars = parseCsvBars(run.out());
        for (int dim = 0; dim <= 2; dim++) {
            PersistenceDiagram diagram = expected.diagram(dim);
            assertEquals(diagram.size(), bars.get(dim).size(), "bar count in dimension " + dim);
            double[] deaths = bars.get(dim).stream().mapToDouble(bar -> bar[1]).sorted()
                    .toArray();
            double[] expectedDeaths = Arrays.stream(diagram.deaths()).sorted().toArray();
            // The command computes distances in float as ripser does, the engine's
            // point-cloud entry in double, so deaths agree to float precision.
            assertArrayEquals(expectedDeaths, deaths, 1e-5, "deaths in dimension " + dim);
        }
    }

    @Test
    void homologyRipserFormatAndNPerm() throws Exception {
        Path cloud = writeCloud(randomCloud(80, 2, 2));
        Run run = launch("homology", "--n-perm", "30", "--maxdim", "1", cloud.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("persistence intervals in dim 1:"), run.out());
        assertTrue(run.err().startsWith("n_perm 30 of 80 points: covering radius "), run.err());
    }

    @Test
    void distanceAndEntropyReadJsonDiagrams() throws Exception {
        Path cloud = writeCloud(randomCloud(50, 2, 3));
        Run homology = launch("homology", "--format", "json", cloud.toString());
        assertEquals(0, homology.exitCode(), homology.err());
        Path diagram = directory.resolve("diagram.json");
        Files.writeString(diagram, homology.out());

        Run distance = launch("distance", diagram.toString(), diagram.toString(), "--dim", "1",
                "--metric", "wasserstein");
        assertEquals(0, distance.exitCode(), distance.err());
        assertEquals(0.0, Double.parseDouble(distance.out().trim()), "distance to itself");

        Run entropy = launch("entropy", diagram.toString(), "--dim", "0");
        assertEquals(0, entropy.exitCode(), entropy.err());
        double value = Double.parseDouble(entropy.out().trim());
        assertTrue(value > 0, "normalised H0 entropy " + value);
        assertTrue(value <= 1, "normalised H0 entropy " + value);
    }

    @Test
    void missingFileIsOneLineError() throws Exception {
        Run run = launch("homology", directory.resolve("absent.csv").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("topogan homology: "), run.err());
        assertTrue(run.err().contains("file not found"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void outOfMemoryIsOneLineError() throws Exception {
        Path cloud = writeCloud(randomCloud(3000, 2, 4));
        Run run = launchWithJavaOptions("-Xmx24m", "homology", "--maxdim", "1", cloud.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("topogan homology: out of memory"), run.err());
        assertTrue(run.err().contains("TOPOGAN_JAVA_OPTS=-Xmx"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private Run launch(String... arguments) throws IOException, InterruptedException {
        return launchWithJavaOptions(null, arguments);
    }

    /** Runs the launcher with TOPOGAN_JAVA_OPTS set to the options, or unset for null. */
    private Run launchWithJavaOptions(String javaOptions, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("topogan").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(directory.resolve("out.txt").toFile())
                .redirectError(directory.resolve("err.txt").toFile());
        builder.environment().put("TOPOGAN_SKIP_BUILD", "1");
        builder.environment().remove("TOPOGAN_JAVA_OPTS");
        if (javaOptions != null) {
            builder.environment().put("TOPOGAN_JAVA_OPTS", javaOptions);
        }
        int exitCode = builder.start().waitFor();
        return new Run(exitCode,
                Files.readString(directory.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(directory.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private Path writeCloud(float[][] points) throws IOException {
        StringBuilder text = new StringBuilder();
        for (float[] point : points) {
            for (int k = 0; k < point.length; k++) {
                text.append(k == 0 ? "" : ",").append(point[k]);
            }
            text.append('\n');
        }
        Path file = directory.resolve("cloud.csv");
        Files.writeString(file, text);
        return file;
    }

    private static float[][] randomCloud(int n, int dimension, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[n][dimension];
        for (float[] point : points) {
            for (int k = 0; k < dimension; k++) {
                point[k] = (float) random.nextGaussian();
            }
        }
        return points;
    }

    /** Bars of "dimension,birth,death" lines, by dimension 0 to 2; "inf" is infinity. */
    private static List<List<double[]>> parseCsvBars(String csv) {
        List<List<double[]>> bars = List.of(new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        csv.lines().skip(1).forEach(line -> {
            String[] cells = line.split(",");
            double death = cells[2].equals("inf") ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(cells[2]);
            bars.get(Integer.parseInt(cells[0]))
                    .add(new double[] {Double.parseDouble(cells[1]), death});
        });
        return bars;
    }
}
