package io.topogan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.topogan.geometry.NearestNeighbors;
import io.topogan.geometry.Neighbors;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks that the libtorch screening kernel gives exactly the neighbours of the Java kernel. */
class TorchDotProductsTest {

    @Test
    void neighboursEqualJavaKernel() {
        // Gaussian points with every tenth row a near-copy of its predecessor, so that many
        // screened distances lie within the float error of each other.
        Random random = new Random(11);
        float[][] points = new float[1200][48];
        for (int i = 0; i < points.length; i++) {
            for (int c = 0; c < points[i].length; c++) {
                points[i][c] = i % 10 == 9
                        ? points[i - 1][c] + (float) (1e-4 * random.nextGaussian())
                        : (float) (3 + random.nextGaussian());
            }
        }

        Neighbors java = NearestNeighbors.search(points, 7, 1);
        Neighbors torch = NearestNeighbors.search(points, 7, 1, new TorchDotProducts());

        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(java.indices()[i], torch.indices()[i], "indices of point " + i);
            assertArrayEquals(java.distances()[i], torch.distances()[i],
                    "distances of point " + i);
        }
    }
}
