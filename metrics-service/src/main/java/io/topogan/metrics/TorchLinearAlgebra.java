package io.topogan.metrics;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.topogan.geometry.GaussianStatistics;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Gaussian statistics and the Fréchet distance computed by libtorch (BLAS and LAPACK of the
 * PyTorch engine) instead of the pure-Java {@code io.topogan.geometry} code. Runs the TorchScript
 * modules {@code linalg/gaussian.pt}, {@code linalg/congruence.pt} and
 * {@code linalg/trace_sqrt.pt} of this module, which {@code src/main/python/export_linalg.py}
 * writes. All arithmetic is float64, so the results agree with {@link GaussianStatistics#of} and
 * {@link io.topogan.geometry.FrechetDistance} to rounding.
 *
 * <p>The eigenvalues of the distance run on one libtorch intra-op thread. LAPACK's symmetric
 * eigenvalue routine spends most of its time in a tridiagonal reduction that synchronises its
 * threads once per column, and on a busy machine every such barrier waits for a descheduled
 * thread. With 2048-d features on a shared 2-core machine, the distance took 4.5 to 10.8 s with
 * 2 threads throughout and 2.4 to 4.5 s with the eigenvalues on 1 thread (docs/benchmarks.md).
 * The matrix products before them keep all threads.
 */
final class TorchLinearAlgebra implements AutoCloseable {

    /**
     * Serialises the switch of libtorch's intra-op thread count, so that concurrent distances
     * restore the count they found instead of each other's temporary value.
     */
    private static final Object THREAD_COUNT_LOCK = new Object();

    private final Model gaussian;
    private final Model congruence;
    private final Model traceSqrt;
    /** Intra-op threads of the eigenvalues, or 0 to keep libtorch's count. */
    private int eigenvalueThreads = 1;

    private TorchLinearAlgebra(Model gaussian, Model congruence, Model traceSqrt) {
        this.gaussian = gaussian;
        this.congruence = congruence;
        this.traceSqrt = traceSqrt;
    }

    /**
     * Sets the intra-op threads of the eigenvalues: 1 by default, 0 to keep libtorch's count.
     * Only the benchmark changes it, to compare both settings.
     */
    void setEigenvalueThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads = " + threads + " is invalid: use >= 0");
        }
        this.eigenvalueThreads = threads;
    }

    /**
     * Copies the shipped modules into {@code cacheDir} and loads them.
     *
     * @throws IOException if a module is missing from the classpath, cannot be copied or does
     *     not load
     */
    static TorchLinearAlgebra load(Path cacheDir) throws IOException {
        Model gaussian = loadModule("gaussian", cacheDir);
        Model congruence = null;
        try {
            congruence = loadModule("congruence", cacheDir);
            return new TorchLinearAlgebra(gaussian, congruence,
                    loadModule("trace_sqrt", cacheDir));
        } catch (IOException | RuntimeException e) {
            gaussian.close();
            if (congruence != null) {
                congruence.close();
            }
            throw e;
        }
    }

    private static Model loadModule(String name, Path cacheDir) throws IOException {
        String resource = "linalg/" + name + ".pt";
        Path file = ModelFiles.extractResource(resource, cacheDir)
                .orElseThrow(() -> new IOException("resource " + resource + " not found"));
        Model model = Model.newInstance("linalg-" + name, "PyTorch");
        try {
            model.load(file.getParent(), name);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load the TorchScript module " + file + ": "
                    + e.getMessage(), e);
        }
        return model;
    }

    /**
     * Returns the mean and the sample covariance ({@code n - 1} denominator) of the rows.
     *
     * @throws IllegalArgumentException if there are fewer than 2 rows, rows of different
     *     lengths, empty rows, or NaN or infinite values
     */
    GaussianStatistics statistics(float[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors,"
                    + " got " + n);
        }
        int d = features[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("feature vectors must have at least 1 value");
        }
        float[] flat = new float[n * d];
        for (int s = 0; s < n; s++) {
            float[] row = features[s];
            if (row.length != d) {
                throw new IllegalArgumentException("feature vector " + s + " has " + row.length
                        + " values, expected " + d + " like the first");
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("feature vector " + s
                            + " has a NaN or infinite value at index " + j);
                }
            }
            System.arraycopy(row, 0, flat, s * d, d);
        }
        JniUtils.setGradMode(false);
        try (NDManager manager = gaussian.getNDManager().newSubManager()) {
            NDArray input = manager.create(flat, new Shape(n, d));
            try (IValue argument = IValue.from((PtNDArray) input);
                    IValue output = block(gaussian).forward(new IValue[] {argument})) {
                IValue[] parts = output.toIValueTuple();
                try {
                    double[] mean = parts[0].toTensor((PtNDManager) manager).toDoubleArray();
                    double[] flatCovariance = parts[1].toTensor((PtNDManager) manager)
                            .toDoubleArray();
                    return new GaussianStatistics(mean, toRows(flatCovariance, d), n);
                } finally {
                    for (IValue part : parts) {
                        part.close();
                    }
                }
            }
        }
    }

    /**
     * Returns the Fréchet distance of two Gaussians, at least 0.
     *
     * @throws IllegalArgumentException if the dimensions differ or the result is not finite
     */
    double distance(GaussianStatistics first, GaussianStatistics second) {
        int d = first.dimension();
        if (second.dimension() != d) {
            throw new IllegalArgumentException("the feature dimensions differ: " + d + " and "
                    + second.dimension());
        }
        JniUtils.setGradMode(false);
        try (NDManager manager = congruence.getNDManager().newSubManager()) {
            IValue[] arguments = {
                IValue.from((PtNDArray) manager.create(first.mean())),
                IValue.from((PtNDArray) manager.create(flatten(first.covariance()),
                        new Shape(d, d))),
                IValue.from((PtNDArray) manager.create(second.mean())),
                IValue.from((PtNDArray) manager.create(flatten(second.covariance()),
                        new Shape(d, d))),
            };
            try (IValue output = block(congruence).forward(arguments)) {
                IValue[] parts = output.toIValueTuple();
                try {
                    double otherTerms = scalar(parts[1], manager);
                    double distance = otherTerms - 2 * traceSqrt(parts[0], manager);
                    if (!Double.isFinite(distance)) {
                        throw new IllegalArgumentException("the Fréchet distance is not finite;"
                                + " the statistics contain NaN or infinite values");
                    }
                    // Rounding can leave a tiny negative value for identical Gaussians.
                    return Math.max(distance, 0);
                } finally {
                    for (IValue part : parts) {
                        part.close();
                    }
                }
            } finally {
                for (IValue argument : arguments) {
                    argument.close();
                }
            }
        }
    }

    /** Returns {@code Tr(C^(1/2))} of the congruence C, on {@link #eigenvalueThreads}. */
    private double traceSqrt(IValue congruenceMatrix, NDManager manager) {
        if (eigenvalueThreads == 0) {
            try (IValue output = block(traceSqrt).forward(new IValue[] {congruenceMatrix})) {
                return scalar(output, manager);
            }
        }
        synchronized (THREAD_COUNT_LOCK) {
            int threads = JniUtils.getNumThreads();
            JniUtils.setNumThreads(eigenvalueThreads);
            // NOTE: libtorch keeps the thread count per process, so other libtorch work that
            // starts during the eigenvalues, such as feature extraction, also runs on one thread.
            try (IValue output = block(traceSqrt).forward(new IValue[] {congruenceMatrix})) {
                return scalar(output, manager);
            } finally {
                JniUtils.setNumThreads(threads);
            }
        }
    }

    private static double scalar(IValue value, NDManager manager) {
        return value.toTensor((PtNDManager) manager).toType(DataType.FLOAT64, false)
                .toDoubleArray()[0];
    }

    private static PtSymbolBlock block(Model model) {
        return (PtSymbolBlock) model.getBlock();
    }

    private static double[] flatten(double[][] matrix) {
        int d = matrix.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(matrix[i], 0, flat, i * d, d);
        }
        return flat;
    }

    private static double[][] toRows(double[] flat, int d) {
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }

    @Override
    public void close() {
        gaussian.close();
        congruence.close();
        traceSqrt.close();
    }
}
