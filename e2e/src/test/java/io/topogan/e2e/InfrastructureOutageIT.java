package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.events.CheckpointReady;
import io.topogan.events.RunConfig;
import io.topogan.events.Topics;
import io.topogan.storage.BlobStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Takes the Kafka broker and then the S3 server away in the middle of a run. The services must
 * reconnect or retry and stay up, and the run must complete with every result stored once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureOutageIT {

    private static final List<String> SERVICES = List.of("trainer", "homology", "metrics",
            "gateway");
    /**
     * A retry line of {@code BlobStore}. It logs through java.util.logging, whose WARNING level
     * the services' log format prints as {@code WARNING}.
     */
    private static final Pattern STORAGE_RETRY = Pattern.compile(
            "WARNING \\[io\\.topogan\\.storage\\.BlobStore\\] .*failed \\(attempt \\d+ of"
                    + " \\d+\\), retrying in \\d+ ms");

    private static LocalStack stack;
    private static BlobStore store;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackTests.startStack("outage");
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
    void brokerRestartLosesNothing() throws Exception {
        String runId = StackTests.startRun(stack, run(31L));
        StackTests.awaitRecord(stack, Topics.METRICS, runId, value -> true,
                Duration.ofMinutes(4));
        assertTrue(stack.kill("kafka"), "the broker was not running");
        Thread.sleep(5000);
        stack.up(StackTests::progress);

        RunWatcher.Outcome outcome = StackTests.watch(stack, runId, Duration.ofMinutes(6));
        assertTrue(outcome.complete(), StackTests.incompleteMessage(stack, outcome,
                SERVICES.toArray(String[]::new)));
        assertEquals(List.of(0, 1, 2),
                outcome.checkpoints().stream().map(CheckpointReady::epoch).toList());
        StackTests.assertStoredResultsMatch(store, runId, outcome);
        StackTests.assertHistoryHasOneEntryEach(stack, runId, outcome);
        StackTests.assertAllReady(stack);
    }

    @Test
    @Order(2)
    void storageOutageIsRetried() throws Exception {
        String runId = StackTests.startRun(stack, run(32L));
        StackTests.awaitRecord(stack, Topics.METRICS, runId, value -> true,
                Duration.ofMinutes(4));
        assertTrue(stack.kill("s3"), "the S3 server was not running");
        Thread.sleep(30_000);
        stack.up(StackTests::progress);

        RunWatcher.Outcome outcome = StackTests.watch(stack, runId, Duration.ofMinutes(6));
        assertTrue(outcome.complete(), StackTests.incompleteMessage(stack, outcome,
                SERVICES.toArray(String[]::new)));
        assertEquals(List.of(0, 1, 2),
                outcome.checkpoints().stream().map(CheckpointReady::epoch).toList());
        StackTests.assertStoredResultsMatch(store, runId, outcome);
        StackTests.assertHistoryHasOneEntryEach(stack, runId, outcome);
        StackTests.assertAllReady(stack);

        boolean retried = false;
        for (String service : SERVICES) {
            retried |= STORAGE_RETRY.matcher(Files.readString(stack.logFile(service))).find();
        }
        assertTrue(retried, "no storage retry WARN line in any service log");
    }

    private static RunConfig run(long seed) {
        return new RunConfig("dcgan", "fashion-mnist", List.of(), 1, 128, 3, 32, 1, 64, 8, 64,
                30, seed);
    }
}
