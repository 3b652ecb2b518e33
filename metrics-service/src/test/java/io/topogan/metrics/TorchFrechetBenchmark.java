package io.topogan.metrics;

import io.topogan.geometry.GaussianStatistics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times {@link TorchLinearAlgebra} on the features that
 * {@code geometry/src/test/python/bench_frechet.py} writes, 3000 x 2048 float32 per set, like
 * {@code io.topogan.geometry.FrechetBenchmark} times the pure-Java code. Arguments: the folder,
 * the repeats (default 3) and the intra-op threads of the eigenvalues (default 1, 0 for
 * libtorch's own count). Not a test; see docs/benchmarks.md for the command.
 */
public final class TorchFrechetBenchmark {

    private TorchFrechetBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int eigenvalueThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        float[][] a = read(folder.resolve("a.f32"), 3000, 2048);
        float[][] b = read(folder.resolve("b.f32"), 3000, 2048);
        double[] statisticsSeconds = new double[repeats];
        double[] distanceSeconds = new double[repeats];
        double distance = 0;
        Path cacheDir = Files.createTempDirectory("linalg-");
        try (TorchLinearAlgebra linearAlgebra = TorchLinearAlgebra.load(cacheDir)) {
            linearAlgebra.setEigenvalueThreads(eigenvalueThreads);
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                GaussianStatistics statisticsA = linearAlgebra.statistics(a);
                GaussianStatistics statisticsB = linearAlgebra.statistics(b);
                long middle = System.nanoTime();
                distance = linearAlgebra.distance(statisticsA, statisticsB);
                long end = System.nanoTime();
                statisticsSeconds[r] = (middle - start) / 1e9;
                distanceSeconds[r] = (end - middle) / 1e9;
                System.out.printf("statistics %.3f s, distance %.3f s%n", statisticsSeconds[r],
                        distanceSeconds[r]);
            }
        }
        System.out.printf("eigenvalue threads %d: median statistics %.3f s, median distance"
                + " %.3f s, frechet distance %.10g%n", eigenvalueThreads,
                median(statisticsSeconds), median(distanceSeconds), distance);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static float[][] read(Path path, int rows, int columns) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(path))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.remaining() != rows * columns * Float.BYTES) {
            throw new IOException(path + " has " + buffer.remaining() + " bytes, expected "
                    + rows * columns * Float.BYTES);
        }
        float[][] result = new float[rows][columns];
        for (float[] row : result) {
            buffer.asFloatBuffer().get(row);
            buffer.position(buffer.position() + columns * Float.BYTES);
        }
        return result;
    }
}
