package io.topogan.topology;

/** Distance between two points of a cloud, both given as float vectors of the same length. */
public enum Metric {

    /** Euclidean distance, sqrt(sum (x_i - y_i)^2). */
    EUCLIDEAN,

    /**
     * Cosine distance, 1 - x.y / (|x| |y|), as scikit-learn's {@code pairwise_distances} defines it.
     * A zero vector has cosine distance 1 to every other vector.
     */
    COSINE
}
