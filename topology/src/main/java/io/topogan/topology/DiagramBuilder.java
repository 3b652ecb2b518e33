package io.topogan.topology;

import java.util.Arrays;

/** Collects (birth, death) pairs of one dimension and builds the diagram. */
final class DiagramBuilder {

    private final int dimension;
    private double[] births = new double[16];
    private double[] deaths = new double[16];
    private int size;

    DiagramBuilder(int dimension) {
        this.dimension = dimension;
    }

    void add(double birth, double death) {
        if (size == births.length) {
            births = Arrays.copyOf(births, size * 2);
            deaths = Arrays.copyOf(deaths, size * 2);
        }
        births[size] = birth;
        deaths[size] = death;
        size++;
    }

    PersistenceDiagram build() {
        return new PersistenceDiagram(
                dimension, Arrays.copyOf(births, size), Arrays.copyOf(deaths, size));
    }
}
