package io.topogan.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the {@link DotProducts} hook of {@link NearestNeighbors} with a plain Java kernel. */
class DotProductsTest {

    /** Sums each dot product from the last coordinate down, an order the built-in kernel avoids. */
    private static final class ReverseOrderKernel implements DotProducts {
        int sessionsClosed;

        @Override
        public Session open(float[][] transposed) {
            return new Session() {
                @Override
                public void fill(int start, int rows, float[][] out) {
                    int n = transposed[0].length;
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < n; j++) {
                            float sum = 0;
                            for (int c = transposed.length - 1; c >= 0; c--) {
                                sum += transposed[c][start + r] * transposed[c][j];
                            }
                            out[r][j] = sum;
                        }
                    }
                }

                @Override
                public void close() {
                    sessionsClosed++;
                }
            };
        }
    }

    @Test
    void kernelGivesBuiltInNeighbours() {
        Random random = new Random(3);
        float[][] points = new float[700][30];
        for (int i = 0; i < points.length; i++) {
            for (int c = 0; c < points[i].length; c++) {
                points[i][c] = i % 7 == 6
                        ? points[i - 1][c] + (float) (1e-5 * random.nextGaussian())
                        : (float) (10 + random.nextGaussian());
            }
        }
        ReverseOrderKernel kernel = new ReverseOrderKernel();

        Neighbors builtIn = NearestNeighbors.search(points, 5, 2);
        Neighbors external = NearestNeighbors.search(points, 5, 2, kernel);

        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(builtIn.indices()[i], external.indices()[i], "indices of " + i);
            assertArrayEquals(builtIn.distances()[i], external.distances()[i],
                    "distances of " + i);
        }
        assertEquals(1, kernel.sessionsClosed);
    }
}
