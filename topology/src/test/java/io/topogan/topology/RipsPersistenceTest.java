package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Edge cases of the Rips engine that the ripser program cannot be asked about. */
class RipsPersistenceTest {

    @Test
    void onePointHasOneInfiniteBar() {
        PersistenceResult result = new RipsPersistence().compute(new float[][] {{1, 2, 3}});
        assertEquals(3, result.diagrams().size());
        assertEquals(1, result.diagram(0).size());
        assertEquals(Double.POSITIVE_INFINITY, result.diagram(0).death(0));
        assertEquals(0, result.diagram(1).size());
        assertEquals(0, result.threshold());
    }

    @Test
    void noPointsGiveEmptyDiagrams() {
        PersistenceResult result = new RipsPersistence().withMaxDim(1).compute(new float[0][]);
        assertEquals(2, result.diagrams().size());
        assertEquals(0, result.diagram(0).size());
    }

    @Test
    void squareHasOneLoop() {
        float[][] square = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        PersistenceResult result = new RipsPersistence().compute(square);
        assertEquals(4, result.diagram(0).size());
        assertEquals(1, result.diagram(0).infiniteCount());
        assertEquals(1, result.diagram(1).size());
        assertEquals(1, result.diagram(1).birth(0));
        assertEquals((float) Math.sqrt(2), result.diagram(1).death(0), 0);
        assertEquals((float) Math.sqrt(2), result.threshold(), 0);
    }

    @Test
    void thresholdBelowTheLoopLeavesItOpen() {
        float[][] square = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        PersistenceResult result = new RipsPersistence().withThreshold(1.2).compute(square);
        assertEquals(1, result.diagram(1).size());
        assertEquals(Double.POSITIVE_INFINITY, result.diagram(1).death(0));
        assertEquals(1.2f, result.threshold(), 0);
    }

    @Test
    void distanceMatrixAndPointsAgree() {
        float[][] points = {{0, 0}, {2, 0}, {0, 3}, {2, 3}, {1, 1.5f}};
        DistanceMatrix distances = DistanceMatrix.of(points, Metric.EUCLIDEAN);
        double[][] full = new double[points.length][points.length];
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < points.length; j++) {
                full[i][j] = distances.get(i, j);
            }
        }
        PersistenceResult fromPoints = new RipsPersistence().compute(points);
        PersistenceResult fromMatrix = new RipsPersistence().compute(DistanceMatrix.fromRows(full));
        for (int dim = 0; dim <= 2; dim++) {
            assertEquals(fromPoints.diagram(dim), fromMatrix.diagram(dim));
        }
    }

    @Test
    void diagramSummariesUseFiniteBars() {
        PersistenceDiagram diagram = new PersistenceDiagram(0,
                new double[] {0, 0, 0}, new double[] {1, 3, Double.POSITIVE_INFINITY});
        assertEquals(2, diagram.finiteCount());
        assertEquals(4, diagram.totalPersistence());
        assertEquals(3, diagram.maxPersistence());
        assertEquals(2, diagram.finite().size());
    }

    @Test
    void negativeDistanceIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> DistanceMatrix.fromPackedLower(new float[] {-1}, 2));
    }

    @Test
    void raggedCloudIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> DistanceMatrix.of(new float[][] {{0, 0}, {1}}, Metric.EUCLIDEAN));
    }
}
