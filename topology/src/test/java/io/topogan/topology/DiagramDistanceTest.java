package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.topogan.topology.DiagramDistance.InfiniteDeaths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bottleneck and Wasserstein distances against GUDHI and by hand. */
class DiagramDistanceTest {

    private static final double TOLERANCE = 1e-9;

    static List<DistanceFixtures.Case> cases() {
        return DistanceFixtures.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bottleneckMatchesGudhi(DistanceFixtures.Case fixture) {
        DiagramDistance.Result ignoring = DiagramDistance.bottleneck(fixture.a(), fixture.b());
        assertClose(fixture.value("bottleneck"), ignoring.distance(), "bottleneck");
        assertEquals(fixture.a().infiniteCount() + fixture.b().infiniteCount(),
                ignoring.ignoredInfinitePoints());
        double matching = DiagramDistance
                .bottleneck(fixture.a(), fixture.b(), InfiniteDeaths.MATCH).distance();
        assertClose(fixture.value("bottleneck_match"), matching, "bottleneck with infinite points");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wassersteinMatchesGudhi(DistanceFixtures.Case fixture) {
        for (int order = 1; order <= 2; order++) {
            DiagramDistance.Result ignoring =
                    DiagramDistance.wasserstein(fixture.a(), fixture.b(), order);
            assertClose(fixture.value("wasserstein" + order), ignoring.distance(),
                    "wasserstein order " + order);
            double matching = DiagramDistance.wasserstein(
                    fixture.a(), fixture.b(), order, InfiniteDeaths.MATCH).distance();
            assertClose(fixture.value("wasserstein" + order + "_match"), matching,
                    "wasserstein order " + order + " with infinite points");
        }
    }

    @Test
    void emptyDiagramsAreAtDistanceZero() {
        PersistenceDiagram empty = PersistenceDiagram.empty(1);
        assertEquals(0, DiagramDistance.bottleneck(empty, empty).distance());
        assertEquals(0, DiagramDistance.wasserstein(empty, empty, 1).distance());
    }

    @Test
    void identicalDiagramsAreAtDistanceZero() {
        PersistenceDiagram diagram = diagram(new double[] {0, 1, 0.5}, new double[] {2, 3, 0.7});
        assertEquals(0, DiagramDistance.bottleneck(diagram, diagram).distance());
        assertEquals(0, DiagramDistance.wasserstein(diagram, diagram, 2).distance(), 1e-12);
    }

    @Test
    void singlePointAgainstEmptyCostsHalfItsLength() {
        PersistenceDiagram point = diagram(new double[] {1}, new double[] {4});
        PersistenceDiagram empty = PersistenceDiagram.empty(1);
        assertEquals(1.5, DiagramDistance.bottleneck(point, empty).distance());
        assertEquals(1.5, DiagramDistance.wasserstein(empty, point, 1).distance());
        assertEquals(1.5, DiagramDistance.wasserstein(point, empty, 2).distance(), 1e-12);
    }

    @Test
    void twoPointsUseTheLInfinityGroundMetric() {
        PersistenceDiagram a = diagram(new double[] {0}, new double[] {10});
        PersistenceDiagram b = diagram(new double[] {1}, new double[] {12});
        assertEquals(2, DiagramDistance.bottleneck(a, b).distance());
        assertEquals(2, DiagramDistance.wasserstein(a, b, 1).distance());
    }

    @Test
    void shortBarsGoToTheDiagonal() {
        PersistenceDiagram a = diagram(new double[] {0}, new double[] {1});
        PersistenceDiagram b = diagram(new double[] {5}, new double[] {6});
        assertEquals(0.5, DiagramDistance.bottleneck(a, b).distance());
        assertEquals(1.0, DiagramDistance.wasserstein(a, b, 1).distance());
        assertEquals(Math.sqrt(0.5), DiagramDistance.wasserstein(a, b, 2).distance(), 1e-12);
    }

    @Test
    void infinitePointsAreIgnoredAndCounted() {
        PersistenceDiagram a = diagram(new double[] {0, 0}, new double[] {1, INF});
        PersistenceDiagram b = diagram(new double[] {0}, new double[] {1});
        DiagramDistance.Result result = DiagramDistance.wasserstein(a, b, 1);
        assertEquals(0, result.distance());
        assertEquals(1, result.ignoredInfinitePoints());
    }

    @Test
    void differentInfiniteCountsGiveInfinityWhenMatched() {
        PersistenceDiagram a = diagram(new double[] {0, 0}, new double[] {1, INF});
        PersistenceDiagram b = diagram(new double[] {0}, new double[] {1});
        assertEquals(INF, DiagramDistance.bottleneck(a, b, InfiniteDeaths.MATCH).distance());
        assertEquals(INF,
                DiagramDistance.wasserstein(a, b, 1, InfiniteDeaths.MATCH).distance());
    }

    @Test
    void infinitePointsMatchBySortedBirth() {
        PersistenceDiagram a = diagram(new double[] {0, 3}, new double[] {INF, INF});
        PersistenceDiagram b = diagram(new double[] {4, 0.5}, new double[] {INF, INF});
        assertEquals(1, DiagramDistance.bottleneck(a, b, InfiniteDeaths.MATCH).distance());
        assertEquals(1.5,
                DiagramDistance.wasserstein(a, b, 1, InfiniteDeaths.MATCH).distance());
    }

    @Test
    void orderBelowOneIsRejected() {
        PersistenceDiagram empty = PersistenceDiagram.empty(0);
        assertThrows(IllegalArgumentException.class,
                () -> DiagramDistance.wasserstein(empty, empty, 0.5));
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    private static PersistenceDiagram diagram(double[] births, double[] deaths) {
        return new PersistenceDiagram(1, births, deaths);
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }
}
