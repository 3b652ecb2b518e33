package io.topogan.topology;

/**
 * Persistent entropy of a diagram. Only bars with finite, positive length l_i = death - birth
 * count: p_i = l_i / sum_j l_j and E = -sum_i p_i log2 p_i, in bits. Fewer than two such bars
 * give 0.
 */
public final class PersistentEntropy {

    /** How E is scaled. */
    public enum Normalization {

        /** E / log2(number of bars), in [0, 1]; 1 when all bars have the same length. */
        POINTS,

        /** E itself, in bits. */
        NONE,

        /**
         * E / log2(sum of lengths), giotto-tda's {@code PersistenceEntropy(normalize=True)}
         * (version 0.6). It is negative when the lengths sum to less than 1, and NaN when they
         * sum to exactly 1, where giotto-tda reports its {@code nan_fill_value} instead.
         */
        GIOTTO
    }

    private PersistentEntropy() {
    }

    /** Entropy with {@link Normalization#POINTS}. */
    public static double of(PersistenceDiagram diagram) {
        return of(diagram, Normalization.POINTS);
    }

    public static double of(PersistenceDiagram diagram, Normalization normalization) {
        double[] lengths = diagram.finiteLengths();
        int count = 0;
        double sum = 0;
        for (double length : lengths) {
            if (length > 0) {
                count++;
                sum += length;
            }
        }
        if (count < 2) {
            return 0;
        }
        double entropy = 0;
        for (double length : lengths) {
            if (length > 0) {
                double p = length / sum;
                entropy -= p * log2(p);
            }
        }
        return switch (normalization) {
            case POINTS -> entropy / log2(count);
            case NONE -> entropy;
            case GIOTTO -> sum == 1 ? Double.NaN : entropy / log2(sum);
        };
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
