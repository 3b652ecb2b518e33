package io.topogan.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Prints wall-clock times of the Rips engine, and of the ripser program on the same clouds when
 * it is installed. Not a test; run by hand after {@code mvn -pl topology test-compile}:
 *
 * <pre>
 * java -cp topology/target/classes:topology/target/test-classes \
 *     io.topogan.topology.RipsBenchmark [IDX images .gz]
 * </pre>
 *
 * Without an IDX file the clouds are Gaussian points in 784 dimensions.
 */
public final class RipsBenchmark {

    private static final Path RIPSER = Path.of("/usr/bin/ripser");

    private RipsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        float[][] pool = args.length > 0 ? readImages(Path.of(args[0]), 2000) : gaussian(2000);
        RipsPersistence rips = new RipsPersistence();

        float[][] source = slice(pool, 1000);
        for (int i = 0; i < 30; i++) {
            rips.compute(GreedyPermutation.select(source, 100, Metric.EUCLIDEAN).apply(source));
        }
        int repeats = 20;
        long greedyNanos = 0;
        long ripsNanos = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            float[][] chosen = GreedyPermutation.select(source, 100, Metric.EUCLIDEAN)
                    .apply(source);
            long middle = System.nanoTime();
            rips.compute(chosen);
            long end = System.nanoTime();
            greedyNanos += middle - start;
            ripsNanos += end - middle;
        }
        System.out.printf("greedy 100 of 1000 (784 dims): %.1f ms, rips maxDim 2 on them: %.1f ms%n",
                greedyNanos / 1e6 / repeats, ripsNanos / 1e6 / repeats);

        for (int n : new int[] {100, 300, 500, 1000}) {
            float[][] cloud = slice(pool, n);
            rips.compute(cloud);
            long start = System.nanoTime();
            PersistenceResult result = rips.compute(cloud);
            double javaMillis = (System.nanoTime() - start) / 1e6;
            String ripserMillis = Files.isExecutable(RIPSER) ? String.format("%.1f", ripser(cloud))
                    : "n/a";
            System.out.printf("n=%d maxDim 2: java %.1f ms, ripser program %s ms, bars %d/%d/%d%n",
                    n, javaMillis, ripserMillis, result.diagram(0).size(),
                    result.diagram(1).size(), result.diagram(2).size());
        }
    }

    private static double ripser(float[][] cloud) throws IOException, InterruptedException {
        Path input = Files.createTempFile("cloud", ".txt");
        StringBuilder text = new StringBuilder();
        for (float[] point : cloud) {
            for (int k = 0; k < point.length; k++) {
                text.append(k == 0 ? "" : ",").append(point[k]);
            }
            text.append('\n');
        }
        Files.writeString(input, text);
        List<String> command = new ArrayList<>(List.of(RIPSER.toString(), "--dim", "2",
                "--format", "point-cloud", input.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        Files.delete(input);
        return millis;
    }

    private static float[][] slice(float[][] pool, int n) {
        float[][] cloud = new float[n][];
        System.arraycopy(pool, 0, cloud, 0, n);
        return cloud;
    }

    private static float[][] gaussian(int n) {
        Random random = new Random(1);
        float[][] points = new float[n][784];
        for (float[] point : points) {
            for (int k = 0; k < point.length; k++) {
                point[k] = (float) random.nextGaussian();
            }
        }
        return points;
    }

    private static float[][] readImages(Path file, int n) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] header = in.readNBytes(16);
            int rows = ((header[8] & 0xff) << 24) | ((header[9] & 0xff) << 16)
                    | ((header[10] & 0xff) << 8) | (header[11] & 0xff);
            int columns = ((header[12] & 0xff) << 24) | ((header[13] & 0xff) << 16)
                    | ((header[14] & 0xff) << 8) | (header[15] & 0xff);
            float[][] images = new float[n][rows * columns];
            for (float[] image : images) {
                byte[] pixels = in.readNBytes(rows * columns);
                for (int k = 0; k < pixels.length; k++) {
                    image[k] = (pixels[k] & 0xff) / 127.5f - 1f;
                }
            }
            return images;
        }
    }
}
