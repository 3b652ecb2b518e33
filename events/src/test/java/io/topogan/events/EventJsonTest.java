package io.topogan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

    private static CheckpointReady checkpoint() {
        BlobRef samples = new BlobRef("runs/r1/epoch-3/samples.npy", List.of(500, 1, 32, 32),
                "float32");
        return new CheckpointReady(1, "r1", 3, 2, false, "dcgan", "fashion-mnist", List.of(3),
                100, samples, new BlobRef("runs/r1/epoch-3/noise.npy", List.of(64, 100), "float32"),
                List.of(new LayerBlob(1, "leakyrelu",
                        new BlobRef("runs/r1/epoch-3/layers/01-leakyrelu.npy", List.of(64, 8192),
                                "float32"))),
                new BlobRef("runs/r1/real/samples.npy", List.of(500, 1, 32, 32), "float32"),
                new BlobRef("runs/r1/epoch-3/grid.png", List.of(), "image/png"),
                new BlobRef("runs/r1/epoch-3/weights/generator.params", List.of(), "djl-params"),
                new BlobRef("runs/r1/epoch-3/weights/discriminator.params", List.of(),
                        "djl-params"),
                0.5, 1.5, T0);
    }

    @Test
    void checkpointRoundTrip() {
        CheckpointReady event = checkpoint();
        CheckpointReady back = EventJson.read(EventJson.write(event), CheckpointReady.class);
        assertEquals(event, back);
        assertEquals("01-leakyrelu", back.layers().get(0).layerId());
    }

    @Test
    void everyEventTypeRoundTrips() {
        RunConfig config = RunConfig.demo();
        List<Event> events = List.of(
                new RunRequested("r1", config, T0),
                new DiagramsReady(1, "r1", 0, "samples",
                        new BlobRef("runs/r1/epoch-0/diagrams/samples.npy", List.of(7, 3),
                                "float64"), 2, 500, 100, 0.25, T0, T0),
                new MetricComputed(1, "r1", 0, "homology", "samples",
                        Map.of("h0.bars", 99.0), Map.of("fid", "model file missing"), 12, T0, T0),
                new RunStatus(1, "r1", RunStatus.State.RUNNING, 0, 4, 0.7, 0.8, 120.0, "ok",
                        config, T0),
                new DeadLetter(1, "r1", "homology-service", Topics.CHECKPOINTS, "bad", "{}", T0));
        for (Event event : events) {
            assertEquals(event, EventJson.read(EventJson.write(event), event.getClass()));
        }
    }

    @Test
    void unknownFieldsIgnored() {
        String json = EventJson.write(new RunRequested("r1", RunConfig.demo(), T0));
        String extended = json.replaceFirst("\\{", "{\"addedLater\":[1,2],");
        assertEquals("r1", EventJson.read(extended, RunRequested.class).runId());
    }

    @Test
    void futureSchemaVersionRejected() {
        String json = EventJson.write(checkpoint()).replace("\"schemaVersion\":1",
                "\"schemaVersion\":2");
        var error = assertThrows(InvalidEventException.class,
                () -> EventJson.read(json, CheckpointReady.class));
        assertTrue(error.getMessage().contains("schemaVersion 2"), error.getMessage());
    }

    @Test
    void malformedAndTruncatedRejected() {
        String json = EventJson.write(checkpoint());
        for (String bad : List.of("", "null", "[]", "{", json.substring(0, json.length() / 2),
                "{\"runId\":\"r1\"}")) {
            assertThrows(InvalidEventException.class,
                    () -> EventJson.read(bad, CheckpointReady.class), bad);
        }
    }

    @Test
    void runIdLeavingPrefixRejected() {
        String json = EventJson.write(checkpoint()).replace("\"runId\":\"r1\"",
                "\"runId\":\"../other\"");
        var error = assertThrows(InvalidEventException.class,
                () -> EventJson.read(json, CheckpointReady.class));
        assertTrue(error.getMessage().contains("invalid runId"), error.getMessage());
    }

    @Test
    void nonFiniteMetricRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MetricComputed(1, "r1", 0, "id",
                "samples", Map.of("mle", Double.NaN), Map.of(), 0, T0, T0));
    }

    @Test
    void oversizedEventRejected() {
        String huge = "{\"schemaVersion\":1,\"pad\":\"" + "x".repeat(EventJson.MAX_LENGTH) + "\"}";
        assertThrows(InvalidEventException.class, () -> EventJson.read(huge, RunStatus.class));
    }
}
