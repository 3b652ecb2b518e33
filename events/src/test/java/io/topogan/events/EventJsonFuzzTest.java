package io.topogan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property-based tests of {@link EventJson#read}: for any input it returns an event that a
 * consumer can use without a NullPointerException and that round-trips through
 * {@link EventJson#write}, or it throws {@link InvalidEventException}.
 */
class EventJsonFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<Class<? extends Event>> TYPES = List.of(RunRequested.class,
            CheckpointReady.class, DiagramsReady.class, MetricComputed.class, RunStatus.class,
            DeadLetter.class);

    @Property(tries = 300)
    void validEventsRoundTrip(@ForAll("events") Event event) {
        Event back = EventJson.read(EventJson.write(event), event.getClass());

        assertEquals(event, back);
        assertUsable(back);
    }

    @Property(tries = 1000)
    void mutatedEventsReadOrRejected(@ForAll("events") Event event, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int mutations) {
        Random random = new Random(seed);
        JsonNode tree = EventJson.mapper().valueToTree(event);
        for (int i = 0; i < mutations; i++) {
            tree = mutate(tree, random);
        }
        assertReadOrRejected(tree.toString(), event.getClass());
    }

    @Property(tries = 500)
    void randomJsonReadOrRejected(@ForAll long seed) {
        Random random = new Random(seed);
        ObjectNode tree = NODES.objectNode();
        // Mostly the real field names, so that the reader gets past the first checks.
        List<String> names = List.of("schemaVersion", "runId", "epoch", "config", "samples",
                "layers", "state", "values", "undefined", "diagrams", "createdAt", "model",
                "dataset", "key", "shape");
        int fields = random.nextInt(8);
        tree.put("schemaVersion", 1);
        tree.put("runId", "r1");
        for (int i = 0; i < fields; i++) {
            tree.set(names.get(random.nextInt(names.size())), randomValue(random, 4));
        }
        for (Class<? extends Event> type : TYPES) {
            assertReadOrRejected(tree.toString(), type);
        }
    }

    @Property(tries = 500)
    void arbitraryStringsReadOrRejected(@ForAll String json) {
        for (Class<? extends Event> type : TYPES) {
            assertReadOrRejected(json, type);
        }
    }

    @Property(tries = 200)
    void schemaVersionEdgeValues(@ForAll("versions") String version) {
        String json = EventJson.write(new RunRequested("r1", RunConfig.demo(), Instant.EPOCH))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":" + version);
        RunRequested read = assertReadOrRejected(json, RunRequested.class);
        if (read != null) {
            assertEquals(1, read.schemaVersion());
        }
    }

    // ---- regression examples: required fields ----

    @Example
    void checkpointWithNullSamplesRejected() {
        assertMissingField(checkpoint(), "samples", "samples");
        assertMissingField(checkpoint(), "real", "real");
        assertMissingField(checkpoint(), "createdAt", "createdAt");
    }

    @Example
    void checkpointWithNullNestedFieldsRejected() {
        String json = EventJson.write(checkpoint());
        for (String[] edit : new String[][] {
                {"\"key\":\"runs/r1/epoch-3/samples.npy\"", "\"key\":null", "samples.key"},
                {"\"blob\":{", "\"blob\":null,\"ignored\":{", "layers[0].blob"},
                {"\"name\":\"leakyrelu\"", "\"name\":null", "layers[0].name"},
                {"\"classes\":[3]", "\"classes\":[null]", "classes[0]"}}) {
            String edited = json.replace(edit[0], edit[1]);
            assertFalse(edited.equals(json), "edit not applied: " + edit[0]);
            InvalidEventException error = assertThrows(InvalidEventException.class,
                    () -> EventJson.read(edited, CheckpointReady.class));
            assertTrue(error.getMessage().contains(edit[2]), error.getMessage());
        }
        String nullLayer = json.replaceFirst("\"layers\":\\[", "\"layers\":[null,");
        InvalidEventException error = assertThrows(InvalidEventException.class,
                () -> EventJson.read(nullLayer, CheckpointReady.class));
        assertTrue(error.getMessage().contains("layers[0]"), error.getMessage());
    }

    @Example
    void otherEventsWithNullRequiredFieldsRejected() {
        Instant t = Instant.EPOCH;
        assertMissingField(new RunStatus(1, "r1", RunStatus.State.RUNNING, 0, 4, null, null, null,
                null, null, t), "state", "state");
        assertMissingField(new RunStatus(1, "r1", RunStatus.State.RUNNING, 0, 4, null, null, null,
                null, null, t), "createdAt", "createdAt");
        MetricComputed metric = new MetricComputed(1, "r1", 0, "id", "samples", Map.of("mle", 2.0),
                Map.of(), 3, t, t);
        assertMissingField(metric, "analyzer", "analyzer");
        assertMissingField(metric, "layer", "layer");
        DiagramsReady diagrams = new DiagramsReady(1, "r1", 0, "samples",
                new BlobRef("runs/r1/epoch-0/diagrams/samples.npy", List.of(4, 3), "float64"), 1,
                10, 10, 0.0, t, t);
        assertMissingField(diagrams, "diagrams", "diagrams");
        assertMissingField(new DeadLetter(1, "r1", "gateway", Topics.RUNS, "bad", "{}", t),
                "reason", "reason");
    }

    @Example
    void optionalFieldsMayBeNull() {
        Instant t = Instant.EPOCH;
        RunStatus status = new RunStatus(1, "r1", RunStatus.State.FAILED, -1, 0, null, null, null,
                null, null, t);
        assertEquals(status, EventJson.read(EventJson.write(status), RunStatus.class));
        // A request without settings is read, and the trainer reports it as a failed run.
        RunRequested request = new RunRequested("r1", null, t);
        assertEquals(request, EventJson.read(EventJson.write(request), RunRequested.class));
        DeadLetter letter = new DeadLetter(1, "unknown", "gateway", Topics.RUNS, "bad", null, t);
        assertEquals(letter, EventJson.read(EventJson.write(letter), DeadLetter.class));
    }

    @Example
    void fractionalSchemaVersionRejected() {
        String json = EventJson.write(checkpoint()).replace("\"schemaVersion\":1",
                "\"schemaVersion\":1.5");
        InvalidEventException error = assertThrows(InvalidEventException.class,
                () -> EventJson.read(json, CheckpointReady.class));
        assertTrue(error.getMessage().contains("schemaVersion"), error.getMessage());
    }

    @Example
    void deeplyNestedUnknownFieldRejectedOrIgnored() {
        String json = EventJson.write(checkpoint());
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertReadOrRejected(json.replaceFirst("\\{", "{\"extra\":" + deep + ","),
                CheckpointReady.class);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<String> runIds = Arbitraries.of("r1", "run-2026-01", "a", "0".repeat(63));
        Arbitrary<Instant> instants = Arbitraries.of(Instant.EPOCH,
                Instant.parse("2026-01-02T03:04:05.123456789Z"), Instant.ofEpochSecond(-1, 1),
                Instant.parse("9999-12-31T23:59:59Z"));
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("", "\u0000", "h\u00e9llo \ud83d\ude00", "\"quoted\"\n",
                        "x".repeat(5000)));
        Arbitrary<Double> losses = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(null, Double.MAX_VALUE, -0.0, Double.MIN_VALUE));
        Arbitrary<Integer> epochs = Arbitraries.integers().between(-1, 100_000);
        return Combinators.combine(Arbitraries.integers().between(0, 5), runIds, instants, texts,
                losses, epochs, Arbitraries.longs()).as(EventJsonFuzzTest::event);
    }

    @Provide
    Arbitrary<String> versions() {
        return Arbitraries.of("0", "1", "2", "-1", "1.0", "1.5", "0.9", "1e0", "1E2",
                "2147483647", "2147483648", "-2147483649", "9223372036854775808",
                "1" + "0".repeat(400), "\"1\"", "true", "null", "[1]", "{}", "NaN");
    }

    // ---- helpers ----

    /**
     * Reads {@code json}; an accepted event must be usable and round-trip, and a rejection must
     * be an {@link InvalidEventException} with a message. Any other exception fails the test.
     */
    private static <T extends Event> T assertReadOrRejected(String json, Class<T> type) {
        T event;
        try {
            event = EventJson.read(json, type);
        } catch (InvalidEventException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
            return null;
        }
        assertUsable(event);
        assertEquals(event, EventJson.read(EventJson.write(event), type), "round trip");
        return event;
    }

    /** Touches every field that a consumer of the event dereferences without a null check. */
    private static void assertUsable(Event event) {
        assertTrue(RunConfig.isValidRunId(event.runId()));
        assertEquals(1, event.schemaVersion());
        if (event instanceof CheckpointReady checkpoint) {
            assertNotNull(checkpoint.model());
            assertNotNull(checkpoint.dataset());
            assertNotNull(checkpoint.createdAt());
            checkpoint.classes().forEach(Integer::intValue);
            for (BlobRef blob : List.of(checkpoint.samples(), checkpoint.noise(),
                    checkpoint.real(), checkpoint.grid(), checkpoint.generatorWeights(),
                    checkpoint.discriminatorWeights())) {
                assertBlob(blob);
            }
            for (LayerBlob layer : checkpoint.layers()) {
                assertNotNull(layer.layerId());
                assertNotNull(layer.name());
                assertBlob(layer.blob());
            }
        } else if (event instanceof DiagramsReady diagrams) {
            assertNotNull(diagrams.layer());
            assertBlob(diagrams.diagrams());
            assertNotNull(diagrams.createdAt());
        } else if (event instanceof MetricComputed metric) {
            assertNotNull(metric.analyzer());
            assertNotNull(metric.layer());
            assertNotNull(metric.createdAt());
            metric.values().values().forEach(value -> assertTrue(Double.isFinite(value)));
            metric.undefined().values().forEach(Object::hashCode);
        } else if (event instanceof RunStatus status) {
            assertNotNull(status.state());
            assertNotNull(status.createdAt());
            if (status.config() != null) {
                assertNotNull(status.config().problems());
            }
        } else if (event instanceof RunRequested request) {
            assertNotNull(request.requestedAt());
            if (request.config() != null) {
                assertNotNull(request.config().problems());
            }
        } else if (event instanceof DeadLetter letter) {
            assertNotNull(letter.service());
            assertNotNull(letter.topic());
            assertNotNull(letter.reason());
            assertNotNull(letter.createdAt());
        }
    }

    private static void assertBlob(BlobRef blob) {
        assertNotNull(blob);
        assertNotNull(blob.key());
        assertNotNull(blob.dtype());
        blob.shape().forEach(Integer::intValue);
    }

    private static void assertMissingField(Event event, String field, String expectedName) {
        ObjectNode tree = EventJson.mapper().valueToTree(event);
        tree.putNull(field);
        InvalidEventException nulled = assertThrows(InvalidEventException.class,
                () -> EventJson.read(tree.toString(), event.getClass()), field + ": null");
        assertTrue(nulled.getMessage().contains(expectedName), nulled.getMessage());
        tree.remove(field);
        InvalidEventException removed = assertThrows(InvalidEventException.class,
                () -> EventJson.read(tree.toString(), event.getClass()), field + " removed");
        assertTrue(removed.getMessage().contains(expectedName), removed.getMessage());
    }

    private static CheckpointReady checkpoint() {
        return (CheckpointReady) event(1, "r1", Instant.EPOCH, "text", 0.5, 3, 7L);
    }

    private static Event event(int kind, String runId, Instant time, String text, Double loss,
            int epoch, long seed) {
        Random random = new Random(seed);
        RunConfig config = new RunConfig("dcgan", "mnist", List.of(random.nextInt(10)), 1,
                random.nextInt(1000), 1 + random.nextInt(10), 32, 1, 100, 10, 100, 50,
                random.nextLong());
        BlobRef samples = new BlobRef("runs/" + runId + "/epoch-3/samples.npy",
                List.of(500, 1, 32, 32), "float32");
        return switch (kind) {
            case 0 -> new RunRequested(runId, config, time);
            case 1 -> new CheckpointReady(1, runId, epoch, epoch - 1, random.nextBoolean(),
                    "dcgan", "fashion-mnist", List.of(3), 100, samples,
                    new BlobRef("runs/" + runId + "/epoch-3/noise.npy", List.of(64, 100),
                            "float32"),
                    List.of(new LayerBlob(1, "leakyrelu", new BlobRef(
                            "runs/" + runId + "/epoch-3/layers/01-leakyrelu.npy",
                            List.of(64, 8192), "float32"))),
                    samples, new BlobRef("g.png", null, "image/png"),
                    new BlobRef("g.params", List.of(), "djl-params"),
                    new BlobRef("d.params", List.of(), "djl-params"), loss, null, time);
            case 2 -> new DiagramsReady(1, runId, epoch, text, samples, 2, random.nextInt(),
                    100, random.nextDouble(), time, time);
            case 3 -> new MetricComputed(1, runId, epoch, "homology", text,
                    Map.of("h0.bars", random.nextDouble(), "h1.total", -1e300),
                    Map.of("fid", text), random.nextLong(), time, time);
            case 4 -> new RunStatus(1, runId, RunStatus.State.values()[random.nextInt(5)], epoch,
                    epoch + 1, loss, loss, null, text, random.nextBoolean() ? config : null, time);
            default -> new DeadLetter(1, runId, "homology-service", Topics.CHECKPOINTS, text,
                    random.nextBoolean() ? null : text, time);
        };
    }

    /** Applies one random edit at a random place in the tree and returns the edited tree. */
    private static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return randomValue(random, 3);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.putNull(name);
                default -> object.set(name, randomValue(random, 3));
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.set(index, NODES.nullNode());
                default -> array.set(index, randomValue(random, 3));
            }
        } else if (random.nextInt(4) == 0) {
            return randomValue(random, 3);
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, containers));
        }
    }

    /** Returns a random JSON value, biased to values that stress a reader. */
    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 16 : 13);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(5) - 2);
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(new BigInteger(200, random));
            case 5 -> NODES.numberNode(new BigDecimal("1e" + (random.nextInt(800) - 400)));
            case 6 -> NODES.numberNode(random.nextDouble() * 1e10);
            case 7 -> NODES.textNode("");
            case 8 -> NODES.textNode(List.of("r1", "float32", "RUNNING", "samples",
                    "2026-01-02T03:04:05Z", "-1000000000-01-01T00:00:00Z", "NaN", "Infinity",
                    "1e400", "\u0000", "\ud800", "..", "runs/r1/../x").get(random.nextInt(13)));
            case 9 -> NODES.textNode("\u00e9\u4e2d\ud83d\ude00".repeat(random.nextInt(50)));
            case 10 -> NODES.textNode("y".repeat(random.nextInt(100_000)));
            case 11 -> NODES.numberNode(Double.MAX_VALUE);
            case 12 -> {
                ArrayNode deep = NODES.arrayNode();
                ArrayNode inner = deep;
                for (int i = 0; i < random.nextInt(1200); i++) {
                    ArrayNode next = NODES.arrayNode();
                    inner.add(next);
                    inner = next;
                }
                yield deep;
            }
            case 13 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(List.of("key", "shape", "dtype", "a", "schemaVersion")
                            .get(random.nextInt(5)), randomValue(random, depth - 1));
                }
                yield object;
            }
        };
    }
}
