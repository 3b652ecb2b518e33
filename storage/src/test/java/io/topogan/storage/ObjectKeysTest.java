package io.topogan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    @Test
    void layoutOfOneCheckpoint() {
        assertEquals("runs/r1/epoch-10/samples.npy", ObjectKeys.samples("r1", 10));
        assertEquals("runs/r1/epoch-10/layers/03-leakyrelu.npy",
                ObjectKeys.layer("r1", 10, "03-leakyrelu"));
        assertEquals("runs/r1/epoch-10/weights/generator.params",
                ObjectKeys.weights("r1", 10, "generator"));
        assertEquals("runs/r1/epoch-10/diagrams/samples.npy",
                ObjectKeys.diagrams("r1", 10, "samples"));
        assertEquals("runs/r1/epoch-10/results/homology/samples.json",
                ObjectKeys.result("r1", 10, "homology", "samples"));
    }

    @Test
    void epochMinusOneIsRunLevelFolder() {
        assertEquals("runs/r1/real/diagrams/real.npy", ObjectKeys.diagrams("r1", -1, "real"));
        assertEquals("runs/r1/real/samples.npy", ObjectKeys.realSamples("r1"));
    }

    @Test
    void keysLeavingRunPrefixRejected() {
        for (String key : List.of("runs/r2/epoch-0/samples.npy", "runs/r1/../r2/samples.npy",
                "runs/r1//samples.npy", "runs/r1/./samples.npy", "/runs/r1/samples.npy",
                "runs/r1/epoch-0/samples.npy\u0000", "runs/r1\\..\\x")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ObjectKeys.requireUnderRun("r1", key), key);
        }
        assertEquals("runs/r1/epoch-0/samples.npy",
                ObjectKeys.requireUnderRun("r1", "runs/r1/epoch-0/samples.npy"));
    }

    @Test
    void invalidNamesRejected() {
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.run("../x"));
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.layer("r1", 0, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.epoch("r1", -2));
    }
}
