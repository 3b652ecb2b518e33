package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh random clouds against the ripser program, run as a process. Skipped where
 * /usr/bin/ripser is not installed (Debian package {@code ripser}).
 */
class LiveRipserComparisonTest {

    private static final Path RIPSER = Path.of("/usr/bin/ripser");

    @TempDir
    Path directory;

    @Test
    void randomCloudsMatchRipser() throws Exception {
        assumeTrue(Files.isExecutable(RIPSER), "ripser program not installed");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int trial = 0; trial < 4; trial++) {
            int n = 20 + random.nextInt(40);
            int dimension = 2 + random.nextInt(8);
            float[][] points = new float[n][dimension];
            for (float[] point : points) {
                for (int k = 0; k < dimension; k++) {
                    point[k] = trial == 3 ? random.nextInt(3) : (float) random.nextGaussian();
                }
            }
            String label = "seed " + seed + " trial " + trial + " (" + n + " points in R^"
                    + dimension + ")";
            Double threshold = trial == 2 ? 0.8 : null;
            compare(points, threshold, label);
        }
    }

    private void compare(float[][] points, Double threshold, String label)
            throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (float[] point : points) {
            for (int k = 0; k < point.length; k++) {
                text.append(k == 0 ? "" : ",").append(point[k]);
            }
            text.append('\n');
        }
        Path input = directory.resolve("cloud.txt");
        Files.writeString(input, text);
        List<String> command = new ArrayList<>(List.of(RIPSER.toString(), "--dim", "2",
                "--format", "point-cloud"));
        if (threshold != null) {
            command.add("--threshold");
            command.add(threshold.toString());
        }
        command.add(input.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "ripser failed for " + label + ":\n" + output);

        RipsPersistence rips = new RipsPersistence();
        if (threshold != null) {
            rips = rips.withThreshold(threshold);
        }
        PersistenceResult result = rips.compute(points);
        List<PersistenceDiagram> expected = RipserOutput.parse(output, 2);
        for (int dim = 0; dim <= 2; dim++) {
            BarcodeAssertions.assertSameBars(expected.get(dim), result.diagram(dim), label);
        }
    }
}
