package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.cli.GatewayClient;
import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import io.topogan.events.CheckpointReady;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import io.topogan.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exercises the trainer's lifecycle on the real local stack. A trainer killed with SIGKILL in the
 * middle of a run and started again resumes the run after its last stored epoch: every epoch is
 * reported trained exactly once, and every checkpoint and analyzer result arrives. A run stopped
 * through the gateway ends with a STOPPED status and trains no further epoch.
 */
class TrainerLifecycleIT {

    private static final RunConfig RUN = new RunConfig("dcgan", "fashion-mnist", List.of(), 1,
            128, 4, 32, 1, 64, 8, 64, 30, 11L);

    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        Path root = Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath();
        stack = new LocalStack(root, Files.createTempDirectory("topogan-lifecycle"),
                StackPorts.free());
        stack.up(line -> System.out.println("[stack] " + line));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.down(line -> System.out.println("[stack] " + line));
        }
    }

    @Test
    void killedTrainerResumesRun() throws Exception {
        String runId = new GatewayClient(stack.gatewayUrl(), stack.credentials().gatewayToken())
                .startRun(RUN);
        awaitTrainedEpoch(runId, 1, Duration.ofMinutes(5));

        assertTrue(stack.kill("trainer"), "the trainer was not running");
        stack.up(line -> System.out.println("[stack] " + line));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunWatcher.Outcome outcome = new RunWatcher(stack.bootstrapServers(), runId,
                new PrintStream(log, true, StandardCharsets.UTF_8)).watch(Duration.ofMinutes(6));
        System.out.print(log.toString(StandardCharsets.UTF_8));

        assertTrue(outcome.complete(), "run incomplete after the restart: " + outcome.status()
                + ", missing " + outcome.missing() + "\n"
                + LocalStack.tail(stack.logFile("trainer")));
        List<Integer> trained = outcome.statuses().stream()
                .filter(status -> status.state() == RunStatus.State.RUNNING)
                .filter(status -> status.message() != null
                        && status.message().endsWith(" trained"))
                .map(RunStatus::epoch)
                .toList();
        assertEquals(List.of(0, 1, 2, 3), trained, "epochs reported trained");
        assertEquals(List.of(0, 1, 2, 3),
                outcome.checkpoints().stream().map(CheckpointReady::epoch).toList());
        String trainerLog = Files.readString(stack.logFile("trainer"));
        assertTrue(trainerLog.contains("resuming run=" + runId), "no resume in the trainer log");
        assertTrue(trainerLog.contains("resuming after epoch"), "no restored training state");
    }

    @Test
    void stackStoppedDuringTrainingResumesRun() throws Exception {
        // Thousands of short epochs: the run is still training when the stack stops, and the
        // test stops it through the gateway once it has resumed.
        RunConfig run = new RunConfig("gan", "fashion-mnist", List.of(), 1, 256, 3000, 32, 1000,
                64, 8, 64, 30, 13L);
        String token = stack.credentials().gatewayToken();
        String runId = new GatewayClient(stack.gatewayUrl(), token).startRun(run);
        awaitTrainedEpoch(runId, 2, Duration.ofMinutes(5));

        String trainerLog;
        try {
            stack.down(line -> System.out.println("[stack] " + line));
            trainerLog = Files.readString(stack.logFile("trainer"));
        } finally {
            stack.up(line -> System.out.println("[stack] " + line));
        }
        assertFalse(trainerLog.contains("A fatal error has been detected"),
                "the trainer crashed at shutdown:\n" + trainerLog);
        assertTrue(trainerLog.contains("run " + runId + ": left at shutdown"),
                "the trainer did not leave the run at shutdown:\n" + trainerLog);

        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.readString(stack.logFile("trainer")).contains("resuming run=" + runId)
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(Files.readString(stack.logFile("trainer")).contains("resuming run=" + runId),
                "the restarted trainer did not resume the run");
        HttpResponse<String> response = requestStop(runId, token);
        assertEquals(202, response.statusCode(), response.body());
        RunStatus last = awaitStatus(runId, status -> status.state() == RunStatus.State.STOPPED
                && status.message().startsWith("stopped on request"), Duration.ofMinutes(3));
        assertTrue(last.epoch() >= 2, "the resumed run lost its trained epochs: " + last);
    }

    @Test
    void stoppedRunEndsAndTrainsNoFurther() throws Exception {
        RunConfig longRun = new RunConfig("gan", "fashion-mnist", List.of(), 1, 256, 200, 32, 50,
                64, 8, 64, 30, 12L);
        String token = stack.credentials().gatewayToken();
        String runId = new GatewayClient(stack.gatewayUrl(), token).startRun(longRun);
        awaitTrainedEpoch(runId, 0, Duration.ofMinutes(5));

        HttpResponse<String> response = requestStop(runId, token);
        assertEquals(202, response.statusCode(), response.body());

        RunStatus last = awaitStatus(runId, status -> status.state() == RunStatus.State.STOPPED
                && status.message().startsWith("stopped on request"), Duration.ofMinutes(3));
        assertTrue(last.epoch() < 199, "the run trained to its end: " + last);
        Thread.sleep(3000);
        RunStatus after = awaitStatus(runId, status -> true, Duration.ofSeconds(5));
        assertEquals(RunStatus.State.STOPPED, after.state(), "a status after the stop: " + after);
        assertTrue(stack.status().stream()
                .filter(status -> status.component().name().equals("trainer"))
                .allMatch(LocalStack.ComponentStatus::ready), "the trainer is still ready");
    }

    /**
     * Returns the newest status of the run, once the newest one read so far matches
     * {@code condition}.
     */
    /** Sends the gateway's stop request for the run. */
    private static HttpResponse<String> requestStop(String runId, String token)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/runs/" + runId + "/stop"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RunStatus awaitStatus(String runId,
            java.util.function.Predicate<RunStatus> condition, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + timeout.toNanos();
        RunStatus newest = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS));
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    if (runId.equals(record.key())) {
                        newest = EventJson.read(record.value(), RunStatus.class);
                    }
                }
                // Decide only once a poll brings nothing new, so "newest" is the newest there is.
                if (records.isEmpty() && newest != null && condition.test(newest)) {
                    return newest;
                }
            }
        }
        throw new AssertionError("run " + runId + " did not reach the expected status within "
                + timeout + "; newest: " + newest + "\n"
                + LocalStack.tail(stack.logFile("trainer")));
    }

    /** Waits until the trainer reports epoch {@code epoch} of the run as trained. */
    private static void awaitTrainedEpoch(String runId, int epoch, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(record.key())) {
                        continue;
                    }
                    RunStatus status = EventJson.read(record.value(), RunStatus.class);
                    if (status.state() == RunStatus.State.RUNNING && status.epoch() >= epoch) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("epoch " + epoch + " of run " + runId + " was not trained within "
                + timeout + "\n" + LocalStack.tail(stack.logFile("trainer")));
    }
}
