package io.topogan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.topology.PersistentEntropy.Normalization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Persistent entropy against scipy.stats.entropy and by hand. */
class PersistentEntropyTest {

    static List<DistanceFixtures.Case> cases() {
        return DistanceFixtures.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void entropyMatchesScipy(DistanceFixtures.Case fixture) {
        for (String side : new String[] {"a", "b"}) {
            PersistenceDiagram diagram = side.equals("a") ? fixture.a() : fixture.b();
            assertEquals(fixture.value("entropy_none_" + side),
                    PersistentEntropy.of(diagram, Normalization.NONE), 1e-12, "none " + side);
            assertEquals(fixture.value("entropy_points_" + side),
                    PersistentEntropy.of(diagram, Normalization.POINTS), 1e-12, "points " + side);
            assertEquals(fixture.value("entropy_giotto_" + side),
                    PersistentEntropy.of(diagram, Normalization.GIOTTO), 1e-12, "giotto " + side);
        }
    }

    @Test
    void equalBarsHaveMaximalEntropy() {
        PersistenceDiagram diagram = new PersistenceDiagram(1,
                new double[] {0, 1, 2, 3}, new double[] {2, 3, 4, 5});
        assertEquals(2, PersistentEntropy.of(diagram, Normalization.NONE), 1e-12);
        assertEquals(1, PersistentEntropy.of(diagram), 1e-12);
    }

    @Test
    void fewerThanTwoBarsGiveZero() {
        PersistenceDiagram one = new PersistenceDiagram(0,
                new double[] {0, 0, 1}, new double[] {3, Double.POSITIVE_INFINITY, 1});
        assertEquals(0, PersistentEntropy.of(one));
        assertEquals(0, PersistentEntropy.of(PersistenceDiagram.empty(2)));
    }

    @Test
    void infiniteAndZeroLengthBarsAreSkipped() {
        PersistenceDiagram diagram = new PersistenceDiagram(0,
                new double[] {0, 0, 0, 2}, new double[] {1, 3, Double.POSITIVE_INFINITY, 2});
        double expected = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
        assertEquals(expected, PersistentEntropy.of(diagram, Normalization.NONE), 1e-12);
        assertEquals(expected / 2, PersistentEntropy.of(diagram, Normalization.GIOTTO), 1e-12);
    }

    @Test
    void giottoNormalisationIsNanWhenLengthsSumToOne() {
        PersistenceDiagram diagram = new PersistenceDiagram(1,
                new double[] {0, 0}, new double[] {0.5, 0.5});
        assertTrue(Double.isNaN(PersistentEntropy.of(diagram, Normalization.GIOTTO)));
    }
}
