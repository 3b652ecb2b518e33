package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.events.BlobRef;
import io.topogan.events.CheckpointReady;
import io.topogan.events.DeadLetter;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.Topics;
import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Publishes invalid events straight onto the topics and invalid blobs straight into the bucket.
 * The analyzers must dead-letter each one with a reason that names the problem, stay ready, and
 * still deliver every result of a normal run afterwards. Mode-collapsed samples (all
 * identical) are valid input: their results must name the values that are undefined and why.
 * Also checks that the gateway rejects invalid API parameters with a 400 that names the field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String HOMOLOGY = "homology-service";
    private static final String METRICS = "metrics-service";
    private static final RunConfig TINY = new RunConfig("dcgan", "fashion-mnist", List.of(3), 1,
            64, 2, 32, 1, 64, 8, 64, 30, 41L);

    /** One invalid record, the run id that marks it and the reason its dead letters must give. */
    private record BadCase(String runId, String topic, String json, Pattern reason,
            List<String> services) {
    }

    private static LocalStack stack;
    private static BlobStore store;
    private static final List<BadCase> CASES = new ArrayList<>();
    /** The normal run, whose stored checkpoints the gateway checks reach past the run lookup. */
    private static String normalRunId;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackTests.startStack("bad-input");
        store = StackTests.blobStore(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.down(StackTests::progress);
        }
    }

    @Test
    @Order(1)
    void invalidRecordsAreDeadLettered() throws Exception {
        List<String> analyzers = List.of(HOMOLOGY, METRICS);
        String valid = EventJson.write(checkpoint("bad-template", null));

        add("bad-malformed", Topics.CHECKPOINTS,
                "{\"schemaVersion\": 1, \"runId\": \"bad-malformed\", epoch: }",
                "malformed CheckpointReady JSON", analyzers);
        String truncated = EventJson.write(checkpoint("bad-truncated", null));
        add("bad-truncated", Topics.CHECKPOINTS, truncated.substring(0, truncated.length() / 2),
                "malformed CheckpointReady JSON", analyzers);
        add("bad-version", Topics.CHECKPOINTS, valid.replace("\"bad-template\"",
                "\"bad-version\"").replace("\"schemaVersion\":1", "\"schemaVersion\":99"),
                "schemaVersion 99", analyzers);
        add("bad-diagrams", Topics.DIAGRAMS, "{\"runId\": \"bad-diagrams\", [",
                "malformed DiagramsReady JSON", List.of(HOMOLOGY));

        addCheckpoint("bad-other-run", samples -> new BlobRef("runs/other/epoch-0/samples.npy",
                List.of(64, 1, 32, 32), "float32"), "outside the prefix 'runs/bad-other-run/'");
        addCheckpoint("bad-traversal", samples -> new BlobRef("runs/bad-traversal/../x",
                List.of(64, 1, 32, 32), "float32"), "'\\.\\.' segment");
        addCheckpoint("bad-missing", samples -> new BlobRef(
                "runs/bad-missing/epoch-0/nothing.npy", List.of(64, 1, 32, 32), "float32"),
                "(?i)not found|no such");
        addCheckpoint("bad-corrupt", samples -> {
            byte[] noise = new byte[4096];
            new Random(1).nextBytes(noise);
            store.put(samples, noise, "application/octet-stream");
            return ref(samples);
        }, "(?i)npy|magic");
        addCheckpoint("bad-truncated-npy", samples -> {
            byte[] bytes = Npy.toBytes(images(64, 1f));
            store.put(samples, Arrays.copyOf(bytes, bytes.length / 2),
                    "application/octet-stream");
            return ref(samples);
        }, "(?i)truncated|end of|expected \\d+ bytes|too short|EOF");
        addCheckpoint("bad-nan", samples -> {
            NpyArray array = images(64, Float.NaN);
            store.putNpy(samples, array);
            return ref(samples);
        }, "NaN or infinite");
        addCheckpoint("bad-infinite", samples -> {
            store.putNpy(samples, images(64, Float.POSITIVE_INFINITY));
            return ref(samples);
        }, "NaN or infinite");
        addCheckpoint("bad-one-dimensional", samples -> {
            store.putNpy(samples, NpyArray.ofFloat32(new int[] {64}, new float[64]));
            return ref(samples);
        }, "(?i)shape");
        addCheckpoint("bad-huge-shape", samples -> {
            store.put(samples, npyHeaderOnly("(2000000000, 1, 32, 32)"),
                    "application/octet-stream");
            return ref(samples);
        }, "(?i)elements|too large|exceeds|larger");
        addCheckpoint("bad-large-shape", samples -> {
            // Fewer elements than the reader's limit, so only the missing data can reject it.
            store.put(samples, npyHeaderOnly("(100000, 1, 32, 32)"),
                    "application/octet-stream");
            return ref(samples);
        }, "(?i)truncated|end of|expected \\d+ bytes|too short|EOF|data");

        publish(CASES);
        Map<String, List<DeadLetter>> letters = awaitDeadLetters(CASES, Duration.ofMinutes(3));
        for (BadCase bad : CASES) {
            List<DeadLetter> received = letters.getOrDefault(bad.runId(), List.of());
            for (String service : bad.services()) {
                List<DeadLetter> fromService = received.stream()
                        .filter(letter -> letter.service().equals(service))
                        .toList();
                assertFalse(fromService.isEmpty(), bad.runId() + ": no dead letter from "
                        + service + "; received " + received);
                for (DeadLetter letter : fromService) {
                    assertTrue(bad.reason().matcher(letter.reason()).find(), bad.runId()
                            + ": reason from " + service + " does not name the problem: "
                            + letter.reason());
                    assertFalse(letter.reason().contains("\tat "), "stack trace in the reason");
                }
            }
        }
        String firstRun = "bad-large-shape";
        HttpResponse<String> shown = StackTests.HTTP.send(HttpRequest.newBuilder(URI.create(
                        stack.gatewayUrl() + "/api/dead-letters?run=" + firstRun)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, shown.statusCode());
        assertTrue(shown.body().contains("\"runId\":\"" + firstRun + "\""),
                "the gateway does not show the dead letters of " + firstRun + ": "
                        + shown.body());
        StackTests.assertAllReady(stack);
    }

    @Test
    @Order(2)
    void modeCollapseGivesUndefinedValues() throws Exception {
        String runId = "bad-collapse";
        String samples = ObjectKeys.samples(runId, 0);
        store.putNpy(samples, constantImages(64, 0.25f));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId,
                    EventJson.write(checkpoint(runId, ref(samples))))).get();
        }
        Map<String, MetricComputed> results = awaitResults(runId,
                List.of("homology", "entropy", "id", "fid"), Duration.ofMinutes(3));

        MetricComputed id = results.get("id");
        assertTrue(id.undefined().containsKey("mle"), "mle of identical points: " + id);
        assertFalse(id.undefined().get("mle").isBlank(), "mle is undefined without a reason");
        for (Map.Entry<String, Double> value : id.values().entrySet()) {
            assertTrue(Double.isFinite(value.getValue()), "id value " + value);
        }
        MetricComputed homology = results.get("homology");
        assertEquals(0.0, homology.values().get("h0.max_persistence"),
                "identical points have no finite H0 bar of positive length: " + homology);
        for (MetricComputed result : results.values()) {
            result.undefined().forEach((name, reason) -> assertFalse(reason.isBlank(),
                    result.analyzer() + " leaves " + name + " undefined without a reason"));
        }
        StackTests.assertAllReady(stack);
    }

    @Test
    @Order(3)
    void normalRunCompletesAfterBadInput() throws Exception {
        String runId = StackTests.startRun(stack, TINY);
        normalRunId = runId;
        RunWatcher.Outcome outcome = StackTests.watch(stack, runId, Duration.ofMinutes(5));
        assertTrue(outcome.complete(), StackTests.incompleteMessage(stack, outcome, "homology",
                "metrics"));
        assertEquals(2, outcome.checkpoints().size());
        StackTests.assertStoredResultsMatch(store, runId, outcome);
        StackTests.assertAllReady(stack);
    }

    @Test
    @Order(4)
    void gatewayRejectsInvalidParameters() throws Exception {
        assertInvalid(post("{\"model\": \"dcgan\", \"epochs\": -1, \"nPerm\": 0}"),
                "epochs", "nPerm");
        assertInvalid(post("{\"model\": \"dcgan\", \"batchSize\": \"many\"}"), "batchSize");
        assertInvalid(post("{\"model\": "), "");
        assertInvalid(post("[1, 2]"), "");
        assertInvalid(StackTests.get(stack, "/api/runs/BAD_ID/metrics"), "runId");
        assertInvalid(StackTests.get(stack, "/api/compare?runs=&metric=h0.entropy"), "runs");
        assertInvalid(StackTests.get(stack, "/api/compare?runs=a&metric="), "metric");
        assertNotNull(normalRunId, "the normal run did not start");
        assertInvalid(StackTests.get(stack, "/api/runs/" + normalRunId
                + "/epochs/abc/diagrams/samples"), "epoch");
        assertInvalid(StackTests.get(stack, "/api/runs/" + normalRunId
                + "/epochs/0/diagrams/..%2Fx"), "cloud");
    }

    private static void add(String runId, String topic, String json, String reason,
            List<String> services) {
        CASES.add(new BadCase(runId, topic, json, Pattern.compile(Pattern.quote(reason)),
                services));
    }

    /** A blob writer that stores an invalid samples blob and returns the reference to it. */
    private interface SamplesWriter {
        BlobRef write(String samplesKey) throws Exception;
    }

    /** Adds a well-formed checkpoint whose samples blob is invalid. */
    private static void addCheckpoint(String runId, SamplesWriter writer, String reason)
            throws Exception {
        BlobRef samples = writer.write(ObjectKeys.samples(runId, 0));
        CASES.add(new BadCase(runId, Topics.CHECKPOINTS,
                EventJson.write(checkpoint(runId, samples)), Pattern.compile(reason),
                List.of(HOMOLOGY, METRICS)));
    }

    /**
     * Returns a first checkpoint of a run with valid real data and noise stored under the run,
     * and {@code samples} (or valid samples when null) as its generated samples.
     */
    private static CheckpointReady checkpoint(String runId, BlobRef samples) {
        String real = ObjectKeys.realSamples(runId);
        store.putNpy(real, images(64, 1f));
        String noise = ObjectKeys.noise(runId, 0);
        Random random = new Random(runId.hashCode());
        float[] latent = new float[8 * 100];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = (float) random.nextGaussian();
        }
        store.putNpy(noise, NpyArray.ofFloat32(new int[] {8, 100}, latent));
        if (samples == null) {
            String key = ObjectKeys.samples(runId, 0);
            store.putNpy(key, images(64, 1f));
            samples = ref(key);
        }
        String grid = ObjectKeys.grid(runId, 0);
        return new CheckpointReady(1, runId, 0, -1, true, "dcgan", "fashion-mnist", List.of(),
                30, samples, new BlobRef(noise, List.of(8, 100), "float32"), List.of(),
                new BlobRef(real, List.of(64, 1, 32, 32), "float32"),
                new BlobRef(grid, List.of(), "png"),
                new BlobRef(ObjectKeys.weights(runId, 0, "generator"), List.of(), "djl"),
                new BlobRef(ObjectKeys.weights(runId, 0, "discriminator"), List.of(), "djl"),
                null, null, Instant.now());
    }

    private static BlobRef ref(String key) {
        return new BlobRef(key, List.of(64, 1, 32, 32), "float32");
    }

    /**
     * Returns random images of shape (n, 1, 32, 32) in [-1, 1], with {@code special} in place
     * of one value when it is not 1.
     */
    private static NpyArray images(int n, float special) {
        Random random = new Random(n);
        float[] data = new float[n * 32 * 32];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * 2 - 1;
        }
        if (special != 1f) {
            data[data.length / 2] = special;
        }
        return NpyArray.ofFloat32(new int[] {n, 1, 32, 32}, data);
    }

    private static NpyArray constantImages(int n, float value) {
        float[] data = new float[n * 32 * 32];
        Arrays.fill(data, value);
        return NpyArray.ofFloat32(new int[] {n, 1, 32, 32}, data);
    }

    /** Returns a version 1.0 .npy header that declares {@code shape} and no data after it. */
    private static byte[] npyHeaderOnly(String shape) {
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False,"
                + " 'shape': " + shape + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[10 + text.length];
        bytes[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte) (text.length & 0xff);
        bytes[9] = (byte) (text.length >> 8);
        System.arraycopy(text, 0, bytes, 10, text.length);
        return bytes;
    }

    // ---- Kafka ----

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static void publish(List<BadCase> cases) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (BadCase bad : cases) {
                producer.send(new ProducerRecord<>(bad.topic(), bad.runId(), bad.json())).get();
            }
        }
    }

    /**
     * Collects dead letters by the run id that marks their case, read from the payload because
     * an unreadable record is dead-lettered under run {@code unknown}, until each case has one
     * from every service it expects or {@code timeout} passes.
     */
    private static Map<String, List<DeadLetter>> awaitDeadLetters(List<BadCase> cases,
            Duration timeout) {
        Map<String, List<DeadLetter>> letters = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = StackTests.consumer(stack,
                Topics.DEAD_LETTER)) {
            while (System.nanoTime() < deadline && !allDeadLettered(cases, letters)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    DeadLetter letter = EventJson.read(record.value(), DeadLetter.class);
                    for (BadCase bad : cases) {
                        if (letter.payload().contains("\"" + bad.runId() + "\"")) {
                            letters.computeIfAbsent(bad.runId(), id -> new ArrayList<>())
                                    .add(letter);
                        }
                    }
                }
            }
        }
        return letters;
    }

    private static boolean allDeadLettered(List<BadCase> cases,
            Map<String, List<DeadLetter>> letters) {
        for (BadCase bad : cases) {
            for (String service : bad.services()) {
                if (letters.getOrDefault(bad.runId(), List.of()).stream()
                        .noneMatch(letter -> letter.service().equals(service))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits for the epoch-0 samples result of each analyzer of a run. */
    private static Map<String, MetricComputed> awaitResults(String runId, List<String> analyzers,
            Duration timeout) {
        Map<String, MetricComputed> results = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = StackTests.consumer(stack,
                Topics.METRICS)) {
            while (System.nanoTime() < deadline && results.size() < analyzers.size()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.equals(record.key())) {
                        continue;
                    }
                    MetricComputed metric = EventJson.read(record.value(), MetricComputed.class);
                    if (metric.epoch() == 0 && metric.layer().equals("samples")) {
                        results.put(metric.analyzer(), metric);
                    }
                }
            }
        }
        for (String analyzer : analyzers) {
            assertNotNull(results.get(analyzer), "no " + analyzer + " result of run " + runId
                    + "\n" + LocalStack.tail(stack.logFile("metrics")));
        }
        return results;
    }

    // ---- gateway ----

    private static HttpResponse<String> post(String body) throws Exception {
        return StackTests.HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/runs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.credentials().gatewayToken())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Checks a 400 whose JSON body names each field and carries no stack trace. */
    private static void assertInvalid(HttpResponse<String> response, String... fields)
            throws Exception {
        String request = response.request().method() + " " + response.request().uri();
        assertEquals(400, response.statusCode(), request + ": " + response.body());
        assertFalse(response.body().contains("\tat ") || response.body().contains("Exception"),
                request + " leaks a stack trace or exception name: " + response.body());
        JsonNode body = EventJson.mapper().readTree(response.body());
        for (String field : fields) {
            assertTrue(body.path("problems").toString().contains("\"" + field),
                    request + " does not name the field " + field + ": " + response.body());
        }
    }
}
