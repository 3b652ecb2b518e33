package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.events.CheckpointReady;
import io.topogan.events.RunConfig;
import io.topogan.events.Topics;
import io.topogan.storage.BlobStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kills the homology service with SIGKILL while it analyses a checkpoint and starts it again.
 * At-least-once delivery plus idempotent result keys must give every result exactly once. The run
 * completes, each checkpoint has one stored result object per analyzer and cloud, and the
 * gateway's metric history has one entry per (epoch, analyzer, layer).
 */
class AnalyzerCrashIT {

    private static final RunConfig RUN = new RunConfig("dcgan", "fashion-mnist", List.of(), 1,
            128, 3, 32, 1, 64, 8, 64, 30, 21L);

    private static LocalStack stack;
    private static BlobStore store;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackTests.startStack("analyzer-crash");
        store = StackTests.blobStore(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.down(StackTests::progress);
        }
    }

    @Test
    void killedHomologyDeliversEachResultOnce() throws Exception {
        String runId = StackTests.startRun(stack, RUN);
        // At the first DiagramsReady of the run the homology analyzer is in the middle of the
        // first checkpoint, with the noise, samples and layer clouds still to do.
        StackTests.awaitRecord(stack, Topics.DIAGRAMS, runId, value -> true,
                Duration.ofMinutes(4));
        assertTrue(stack.kill("homology"), "the homology service was not running");
        stack.up(StackTests::progress);

        RunWatcher.Outcome outcome = StackTests.watch(stack, runId, Duration.ofMinutes(6));
        assertTrue(outcome.complete(), StackTests.incompleteMessage(stack, outcome, "homology"));
        assertEquals(List.of(0, 1, 2),
                outcome.checkpoints().stream().map(CheckpointReady::epoch).toList());

        StackTests.assertStoredResultsMatch(store, runId, outcome);
        StackTests.assertHistoryHasOneEntryEach(stack, runId, outcome);
        StackTests.assertAllReady(stack);
    }
}
