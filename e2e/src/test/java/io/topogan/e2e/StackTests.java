package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.topogan.cli.GatewayClient;
import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Helpers shared by the fault-tolerance tests, each of which starts a local stack of its own. */
final class StackTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private StackTests() {
    }

    /** Starts a local stack on free ports with a fresh temporary home folder. */
    static LocalStack startStack(String name) throws Exception {
        Path root = Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath();
        LocalStack stack = new LocalStack(root, Files.createTempDirectory("topogan-" + name),
                StackPorts.free());
        stack.up(StackTests::progress);
        return stack;
    }

    static void progress(String line) {
        System.out.println("[stack] " + line);
    }

    static BlobStore blobStore(LocalStack stack) {
        LocalStack.Credentials credentials = stack.credentials();
        return new BlobStore(StorageSettings.of(stack.s3Endpoint(), credentials.accessKey(),
                credentials.secretKey(), stack.bucket()));
    }

    static String startRun(LocalStack stack, RunConfig config) throws Exception {
        return new GatewayClient(stack.gatewayUrl(), stack.credentials().gatewayToken())
                .startRun(config);
    }

    /** Watches a run with {@link RunWatcher} and prints what the watcher printed. */
    static RunWatcher.Outcome watch(LocalStack stack, String runId, Duration timeout) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunWatcher.Outcome outcome = new RunWatcher(stack.bootstrapServers(), runId,
                new PrintStream(log, true, StandardCharsets.UTF_8)).watch(timeout);
        System.out.print(log.toString(StandardCharsets.UTF_8));
        return outcome;
    }

    static KafkaConsumer<String, String> consumer(LocalStack stack, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /**
     * Waits for the first record of the run on {@code topic} whose value matches
     * {@code condition}.
     */
    static String awaitRecord(LocalStack stack, String topic, String runId,
            Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(stack, topic)) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(record.key()) && condition.test(record.value())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no matching record of run " + runId + " on " + topic
                + " within " + timeout);
    }

    /**
     * Checks that each stored result object of the run matches one (epoch, analyzer, layer) of
     * the outcome: the keys under {@code results/} of every epoch folder are exactly the keys of
     * the delivered results.
     */
    static void assertStoredResultsMatch(BlobStore store, String runId,
            RunWatcher.Outcome outcome) {
        TreeSet<String> expected = new TreeSet<>();
        for (MetricComputed metric : outcome.metrics()) {
            expected.add(ObjectKeys.result(runId, metric.epoch(), metric.analyzer(),
                    metric.layer()));
        }
        List<String> stored = new ArrayList<>();
        for (String key : store.list(ObjectKeys.run(runId))) {
            if (key.contains("/results/")) {
                stored.add(key);
            }
        }
        assertEquals(expected, new TreeSet<>(stored), "stored result objects of run " + runId);
        assertEquals(expected.size(), stored.size(), "a result object listed twice: " + stored);
    }

    /**
     * Checks that the gateway's metric history of the run has exactly one entry per (epoch,
     * analyzer, layer) and as many entries as the outcome has results.
     */
    static void assertHistoryHasOneEntryEach(LocalStack stack, String runId,
            RunWatcher.Outcome outcome) throws Exception {
        HttpResponse<String> response = get(stack, "/api/runs/" + runId + "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        List<MetricComputed> history = EventJson.mapper().readValue(response.body(),
                new TypeReference<List<MetricComputed>>() { });
        Map<String, Integer> counts = new TreeMap<>();
        for (MetricComputed metric : history) {
            counts.merge(metric.epoch() + "/" + metric.analyzer() + "/" + metric.layer(), 1,
                    Integer::sum);
        }
        counts.forEach((entry, count) -> assertEquals(1, count, "history entries of " + entry));
        assertEquals(outcome.metrics().size(), history.size(), "history entries of run " + runId);
    }

    /** Checks that every process of the stack runs and that each service reports ready. */
    static void assertAllReady(LocalStack stack) {
        for (LocalStack.ComponentStatus status : stack.status()) {
            String name = status.component().name();
            assertTrue(status.running(), name + " is not running\n"
                    + LocalStack.tail(stack.logFile(name)));
            assertTrue(status.ready(), name + " is not ready\n"
                    + LocalStack.tail(stack.logFile(name)));
        }
    }

    static HttpResponse<String> get(LocalStack stack, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String incompleteMessage(LocalStack stack, RunWatcher.Outcome outcome,
            String... logs) {
        StringBuilder message = new StringBuilder("run incomplete: status " + outcome.status()
                + ", missing " + outcome.missing());
        for (String name : logs) {
            message.append("\n--- ").append(name).append(" log ---\n")
                    .append(LocalStack.tail(stack.logFile(name)));
        }
        return message.toString();
    }
}
