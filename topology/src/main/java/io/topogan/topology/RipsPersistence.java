package io.topogan.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Vietoris–Rips persistent homology over Z/2 of a point cloud or distance matrix, in dimensions
 * 0..maxDim. The barcodes of nonzero length are those of the Ripser program (version 1.2.1,
 * {@code --dim maxDim [--threshold T]}); bars of length zero are not reported.
 *
 * <p>Method, as in Ripser: dimension 0 by union-find over the edges sorted by length; higher
 * dimensions by reducing the coboundary matrix (persistent cohomology), with clearing, zero
 * apparent and emergent pairs skipped without reduction, and simplices addressed through the
 * combinatorial number system instead of a stored boundary matrix.
 *
 * <p>Threshold: by default the enclosing radius (min over points of the max distance to the
 * others), beyond which the complex is a cone and no homology remains. An explicit threshold
 * above the enclosing radius is lowered to it, which changes no bar of nonzero length. Instances
 * are immutable and thread-safe.
 */
public final class RipsPersistence {

    /** Highest homology dimension computed unless set otherwise. */
    public static final int DEFAULT_MAX_DIM = 2;

    /** Value of n^2 * (dim + 1) below which column assembly stays on the calling thread. */
    private static final long PARALLEL_ASSEMBLY_MIN_WORK = 1_000_000L;

    private final int maxDim;
    private final double threshold;
    private final Metric metric;

    /** Max dimension 2, threshold at the enclosing radius, Euclidean metric. */
    public RipsPersistence() {
        this(DEFAULT_MAX_DIM, Double.NaN, Metric.EUCLIDEAN);
    }

    private RipsPersistence(int maxDim, double threshold, Metric metric) {
        if (maxDim < 0) {
            throw new IllegalArgumentException("maxDim must be >= 0, got " + maxDim);
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
        this.maxDim = maxDim;
        this.threshold = threshold;
        this.metric = metric;
    }

    /** Copy that computes dimensions 0..maxDim. */
    public RipsPersistence withMaxDim(int maxDim) {
        return new RipsPersistence(maxDim, threshold, metric);
    }

    /** Copy that builds the filtration only up to the given distance. */
    public RipsPersistence withThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number, got NaN");
        }
        return new RipsPersistence(maxDim, threshold, metric);
    }

    /** Copy that measures point clouds with the given metric. */
    public RipsPersistence withMetric(Metric metric) {
        return new RipsPersistence(maxDim, threshold, metric);
    }

    public int maxDim() {
        return maxDim;
    }

    public Metric metric() {
        return metric;
    }

    /** Computes the barcodes of a point cloud, one point per row. */
    public PersistenceResult compute(float[][] points) {
        return compute(DistanceMatrix.of(points, metric));
    }

    /** Computes the barcodes of a distance matrix. */
    public PersistenceResult compute(DistanceMatrix distances) {
        int n = distances.size();
        float enclosingRadius = distances.enclosingRadius();
        float used = Double.isNaN(threshold)
                ? enclosingRadius
                : (float) Math.min(threshold, enclosingRadius);
        List<DiagramBuilder> bars = new ArrayList<>();
        for (int dim = 0; dim <= maxDim; dim++) {
            bars.add(new DiagramBuilder(dim));
        }
        if (n > 0) {
            RipsComplex complex = new RipsComplex(distances, used, maxDim);
            long[] columns = computeDimensionZero(complex, bars.get(0));
            CohomologyReducer reducer = new CohomologyReducer(complex);
            for (int dim = 1; dim <= maxDim; dim++) {
                LongIntHashMap pivots = reducer.reduce(columns, dim, bars.get(dim));
                if (dim < maxDim) {
                    columns = assembleColumns(complex, dim + 1, pivots);
                }
            }
        }
        List<PersistenceDiagram> diagrams = new ArrayList<>();
        for (DiagramBuilder builder : bars) {
            diagrams.add(builder.build());
        }
        return new PersistenceResult(diagrams, used);
    }

    /**
     * Adds the H0 bars by Kruskal's algorithm over the edges in filtration order and returns the
     * edges that close a cycle and are not in a zero apparent pair: the dimension 1 columns, in
     * reverse filtration order.
     */
    private long[] computeDimensionZero(RipsComplex complex, DiagramBuilder bars) {
        int n = complex.size;
        LongList edges = new LongList(n * (n - 1) / 2);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                int rank = complex.edgeRank[i * n + j];
                if (rank != RipsComplex.NO_EDGE) {
                    edges.add(complex.key(rank, (long) i * (i - 1) / 2 + j));
                }
            }
        }
        long[] sorted = edges.toArray();
        Arrays.sort(sorted);

        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        ZeroApparentPairs apparent = maxDim >= 1 ? new ZeroApparentPairs(complex) : null;
        LongList columns = new LongList(sorted.length / 4);
        int[] vertices = new int[2];
        for (long edge : sorted) {
            long index = complex.indexOf(edge);
            int rank = complex.rankOf(edge);
            complex.vertices(index, 1, vertices);
            int rootA = find(parent, vertices[0]);
            int rootB = find(parent, vertices[1]);
            if (rootA != rootB) {
                parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
                float death = complex.valueOf(rank);
                if (death > 0) {
                    bars.add(0, death);
                }
            } else if (apparent != null && apparent.apparentCofacet(rank, index, 1) < 0) {
                columns.add(edge);
            }
        }
        for (int i = 0; i < n; i++) {
            if (parent[i] == i) {
                bars.add(0, Double.POSITIVE_INFINITY);
            }
        }
        long[] result = columns.toArray();
        reverse(result);
        return result;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /**
     * Lists the dim-simplices within the threshold that need a column: not a pivot of dimension
     * dim - 1 (clearing: such a column would reduce to zero) and not in a zero apparent pair.
     * Work is split by the top vertex; the result is in reverse filtration order.
     */
    private static long[] assembleColumns(RipsComplex complex, int dim, LongIntHashMap cleared) {
        int n = complex.size;
        IntStream tops = IntStream.range(dim, n);
        if ((long) n * n * (dim + 1) > PARALLEL_ASSEMBLY_MIN_WORK) {
            tops = tops.parallel();
        }
        long[][] parts = tops
                .mapToObj(top -> new ColumnCollector(complex, dim, cleared).collect(top))
                .toArray(long[][]::new);
        int total = 0;
        for (long[] part : parts) {
            total += part.length;
        }
        long[] columns = new long[total];
        int offset = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, columns, offset, part.length);
            offset += part.length;
        }
        Arrays.sort(columns);
        reverse(columns);
        return columns;
    }

    private static void reverse(long[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** Enumerates the dim-simplices with a given top vertex, depth first over lower vertices. */
    private static final class ColumnCollector {

        private final RipsComplex complex;
        private final int dim;
        private final LongIntHashMap cleared;
        private final ZeroApparentPairs apparent;
        private final int[] vertices;
        private final LongList columns = new LongList(64);

        ColumnCollector(RipsComplex complex, int dim, LongIntHashMap cleared) {
            this.complex = complex;
            this.dim = dim;
            this.cleared = cleared;
            this.apparent = new ZeroApparentPairs(complex);
            this.vertices = new int[dim + 1];
        }

        long[] collect(int top) {
            vertices[0] = top;
            extend(1, 0);
            return columns.toArray();
        }

        private void extend(int depth, int rank) {
            if (depth == dim + 1) {
                long index = complex.index(vertices, dim + 1);
                if (!cleared.containsKey(index) && !apparent.isPaired(rank, vertices, dim)) {
                    columns.add(complex.key(rank, index));
                }
                return;
            }
            int n = complex.size;
            int[] edgeRank = complex.edgeRank;
            for (int w = vertices[depth - 1] - 1; w >= dim - depth; w--) {
                int diameter = rank;
                for (int a = 0; a < depth && diameter != RipsComplex.NO_EDGE; a++) {
                    diameter = Math.max(diameter, edgeRank[vertices[a] * n + w]);
                }
                if (diameter != RipsComplex.NO_EDGE) {
                    vertices[depth] = w;
                    extend(depth + 1, diameter);
                }
            }
        }
    }
}
