package io.topogan.homology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.topology.PersistenceDiagram;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagramArraysTest {

    private static final List<PersistenceDiagram> DIAGRAMS = List.of(
            new PersistenceDiagram(0, new double[] {0, 0, 0},
                    new double[] {0.5, 1.25, Double.POSITIVE_INFINITY}),
            PersistenceDiagram.empty(1),
            new PersistenceDiagram(2, new double[] {2.0}, new double[] {2.5}));

    @Test
    void roundTripThroughNpy() throws Exception {
        NpyArray array = DiagramArrays.toArray(DIAGRAMS);
        assertArrayEquals(new int[] {4, 3}, array.shape());
        List<PersistenceDiagram> back = DiagramArrays.fromArray(Npy.read(Npy.toBytes(array)), 2);
        assertEquals(DIAGRAMS, back);
    }

    @Test
    void rowsAreDimensionBirthDeath() {
        double[] data = DiagramArrays.toArray(DIAGRAMS).toDoubleArray();
        assertArrayEquals(new double[] {0, 0, 0.5}, java.util.Arrays.copyOfRange(data, 0, 3));
        assertArrayEquals(new double[] {2, 2.0, 2.5}, java.util.Arrays.copyOfRange(data, 9, 12));
    }

    @Test
    void invalidArraysRejected() {
        NpyArray wrongShape = NpyArray.ofFloat64(new int[] {2, 2}, new double[4]);
        assertThrows(IllegalArgumentException.class, () -> DiagramArrays.fromArray(wrongShape, 2));
        NpyArray badDimension = NpyArray.ofFloat64(new int[] {1, 3}, new double[] {3, 0, 1});
        assertThrows(IllegalArgumentException.class,
                () -> DiagramArrays.fromArray(badDimension, 2));
        NpyArray deathBeforeBirth = NpyArray.ofFloat64(new int[] {1, 3}, new double[] {0, 2, 1});
        assertThrows(IllegalArgumentException.class,
                () -> DiagramArrays.fromArray(deathBeforeBirth, 2));
        NpyArray nan = NpyArray.ofFloat64(new int[] {1, 3}, new double[] {0, Double.NaN, 1});
        assertThrows(IllegalArgumentException.class, () -> DiagramArrays.fromArray(nan, 2));
    }
}
