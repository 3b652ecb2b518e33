package io.topogan.metrics;

import io.topogan.geometry.NearestNeighbors;
import io.topogan.geometry.Neighbors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times the exact 10-nearest-neighbour search on {@code FOLDER/knn.f32} (10000 x 784 float32,
 * written by {@code geometry/src/test/python/bench_knn.py}) with the Java kernel on all
 * processors and with {@link TorchDotProducts}, and checks that both give the same indices. Not
 * a test; see docs/benchmarks.md for the command.
 */
public final class KnnBenchmark {

    private KnnBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).resolve("knn.f32");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        float[][] points = read(file, 10000, 784);
        int threads = Runtime.getRuntime().availableProcessors();
        double[] javaSeconds = new double[repeats];
        double[] torchSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Neighbors java = NearestNeighbors.search(points, 10, threads);
            long middle = System.nanoTime();
            Neighbors torch = NearestNeighbors.search(points, 10, 1, new TorchDotProducts());
            long end = System.nanoTime();
            javaSeconds[r] = (middle - start) / 1e9;
            torchSeconds[r] = (end - middle) / 1e9;
            if (!Arrays.deepEquals(java.indices(), torch.indices())) {
                throw new IllegalStateException("the libtorch kernel returned other neighbours");
            }
            System.out.printf("java %.3f s, libtorch %.3f s%n", javaSeconds[r], torchSeconds[r]);
        }
        System.out.printf("median java %.3f s, median libtorch %.3f s%n", median(javaSeconds),
                median(torchSeconds));
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
