package io.topogan.topology;

import java.util.Arrays;

/**
 * Barcode of one homology dimension: bar i is the interval [births[i], deaths[i]) in the units
 * of the input distances. An essential class has death {@link Double#POSITIVE_INFINITY}. The
 * arrays are not copied; treat them as read-only.
 */
public record PersistenceDiagram(int dimension, double[] births, double[] deaths) {

    public PersistenceDiagram {
        if (births.length != deaths.length) {
            throw new IllegalArgumentException("births has " + births.length
                    + " entries but deaths has " + deaths.length);
        }
    }

    /** Diagram without bars. */
    public static PersistenceDiagram empty(int dimension) {
        return new PersistenceDiagram(dimension, new double[0], new double[0]);
    }

    /** Number of bars, finite and infinite. */
    public int size() {
        return births.length;
    }

    public double birth(int i) {
        return births[i];
    }

    public double death(int i) {
        return deaths[i];
    }

    /** Number of bars with infinite death. */
    public int infiniteCount() {
        int count = 0;
        for (double death : deaths) {
            if (death == Double.POSITIVE_INFINITY) {
                count++;
            }
        }
        return count;
    }

    /** Number of bars with finite death. */
    public int finiteCount() {
        return size() - infiniteCount();
    }

    /** This diagram without its infinite bars. */
    public PersistenceDiagram finite() {
        int count = finiteCount();
        double[] finiteBirths = new double[count];
        double[] finiteDeaths = new double[count];
        int k = 0;
        for (int i = 0; i < size(); i++) {
            if (deaths[i] != Double.POSITIVE_INFINITY) {
                finiteBirths[k] = births[i];
                finiteDeaths[k] = deaths[i];
                k++;
            }
        }
        return new PersistenceDiagram(dimension, finiteBirths, finiteDeaths);
    }

    /** Lengths death - birth of the finite bars, in bar order. */
    public double[] finiteLengths() {
        PersistenceDiagram finite = finite();
        double[] lengths = new double[finite.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = finite.deaths[i] - finite.births[i];
        }
        return lengths;
    }

    /** Sum of the lengths of the finite bars; 0 for none. */
    public double totalPersistence() {
        double sum = 0;
        for (double length : finiteLengths()) {
            sum += length;
        }
        return sum;
    }

    /** Longest finite bar; 0 for none. */
    public double maxPersistence() {
        double max = 0;
        for (double length : finiteLengths()) {
            max = Math.max(max, length);
        }
        return max;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersistenceDiagram diagram
                && diagram.dimension == dimension
                && Arrays.equals(diagram.births, births)
                && Arrays.equals(diagram.deaths, deaths);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimension + Arrays.hashCode(births)) + Arrays.hashCode(deaths);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("H").append(dimension).append(':');
        for (int i = 0; i < size(); i++) {
            text.append(" [").append(births[i]).append(',').append(deaths[i]).append(')');
        }
        return text.toString();
    }
}
