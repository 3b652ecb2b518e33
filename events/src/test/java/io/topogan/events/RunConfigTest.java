package io.topogan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    private static RunConfig withEpochs(int epochs, int every) {
        return new RunConfig("dcgan", "mnist", List.of(), 1, 0, epochs, 32, every, 100, 10, 100,
                100, 1L);
    }

    @Test
    void demoConfigValid() {
        assertEquals(List.of(), RunConfig.demo().problems());
    }

    @Test
    void checkpointEpochsEveryTenthAndLast() {
        RunConfig config = withEpochs(25, 10);
        List<Integer> epochs = new ArrayList<>();
        for (int e = 0; e < 25; e++) {
            if (config.isCheckpointEpoch(e)) {
                epochs.add(e);
            }
        }
        assertEquals(List.of(0, 10, 20, 24), epochs);
        assertEquals(4, config.checkpointCount());
        assertEquals(20, config.previousCheckpointEpoch(24));
        assertEquals(-1, config.previousCheckpointEpoch(0));
    }

    @Test
    void invalidFieldsNamed() {
        RunConfig bad = new RunConfig("vae", "svhn", List.of(11), 2, -1, 0, 0, 0, 1, 5, 1, 1, 1L);
        List<String> problems = bad.problems();
        for (String field : List.of("model", "dataset", "channels", "trainingImages", "epochs",
                "batchSize", "checkpointEvery", "samplesPerCheckpoint", "layerSamples",
                "realSamples", "nPerm")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field + ":")),
                    field + " missing from " + problems);
        }
    }

    @Test
    void learningRateOutsideRangeNamed() {
        assertEquals(List.of(), withEpochs(3, 1).withLearningRate(2e-3).problems());
        for (double bad : new double[] {-1e-4, 1.5, Double.NaN}) {
            List<String> problems = withEpochs(3, 1).withLearningRate(bad).problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("learningRate:"), problems.toString());
        }
    }

    @Test
    void requestWithoutLearningRateReadsAsReferenceValue() {
        String json = "{\"schemaVersion\":1,\"runId\":\"r1\",\"requestedAt\":"
                + "\"2026-12-04T10:15:00Z\",\"config\":{\"model\":\"dcgan\","
                + "\"dataset\":\"mnist\",\"classes\":[],\"channels\":1,"
                + "\"trainingImages\":0,\"epochs\":2,\"batchSize\":32,\"checkpointEvery\":1,"
                + "\"samplesPerCheckpoint\":100,\"layerSamples\":10,\"realSamples\":100,"
                + "\"nPerm\":100,\"seed\":1}}";
        RunRequested request = EventJson.read(json, RunRequested.class);
        assertEquals(0.0, request.config().learningRate().doubleValue());
        assertEquals(0, request.config().latentModes().intValue());
        assertEquals(List.of(), request.config().withLatentModes(4).problems());
        assertTrue(request.config().withLatentModes(-1).problems().get(0)
                .startsWith("latentModes:"));
        RunConfig faster = request.config().withLearningRate(1e-3);
        RunRequested again = EventJson.read(EventJson.write(
                new RunRequested(1, "r1", faster, request.requestedAt())), RunRequested.class);
        assertEquals(1e-3, again.config().learningRate().doubleValue());
    }

    @Test
    void runIdPattern() {
        assertTrue(RunConfig.isValidRunId("run-2026-01"));
        assertFalse(RunConfig.isValidRunId("../etc"));
        assertFalse(RunConfig.isValidRunId("Run"));
        assertFalse(RunConfig.isValidRunId(""));
        assertFalse(RunConfig.isValidRunId("a/b"));
    }
}
