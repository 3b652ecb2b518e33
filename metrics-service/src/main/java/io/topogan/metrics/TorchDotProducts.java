package io.topogan.metrics;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.topogan.geometry.DotProducts;

/**
 * Screening dot products of the nearest-neighbour search as float32 matrix products in libtorch
 * (its BLAS), through DJL's NDArray. Every array lives in a manager of the session, closed with
 * it.
 */
final class TorchDotProducts implements DotProducts {

    @Override
    public Session open(float[][] transposed) {
        int d = transposed.length;
        int n = transposed[0].length;
        float[] flat = new float[d * n];
        for (int c = 0; c < d; c++) {
            System.arraycopy(transposed[c], 0, flat, c * n, n);
        }
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            NDArray points = manager.create(flat, new Shape(d, n));
            return new TorchSession(manager, points, n);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static final class TorchSession implements Session {
        private final NDManager manager;
        /** Centred coordinates, d x n. */
        private final NDArray points;
        private final int n;

        TorchSession(NDManager manager, NDArray points, int n) {
            this.manager = manager;
            this.points = points;
            this.n = n;
        }

        @Override
        public void fill(int start, int rows, float[][] out) {
            try (NDManager block = manager.newSubManager()) {
                NDArray queries = points.get(new NDIndex(":, {}:{}", start, start + rows));
                queries.attach(block);
                NDArray dots = queries.transpose().matMul(points);
                float[] values = dots.toFloatArray();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(values, r * n, out[r], 0, n);
                }
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
