package io.topogan.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static RunStatus status(String run, RunStatus.State state, int epoch, Instant at) {
        return new RunStatus(1, run, state, epoch, 4, null, null, null, "", RunConfig.demo(), at);
    }

    private static MetricComputed metric(String run, int epoch, String analyzer, double value) {
        return new MetricComputed(1, run, epoch, analyzer, "samples", Map.of("v", value),
                Map.of(), 1, T0, T0);
    }

    @Test
    void redeliveredMetricReplacesEarlierOne() {
        RunHistory history = new RunHistory();
        history.record(metric("r1", 0, "id", 1.0));
        history.record(metric("r1", 0, "id", 2.0));
        history.record(metric("r1", 1, "homology", 3.0));
        List<MetricComputed> metrics = history.find("r1").orElseThrow().metrics();
        assertEquals(2, metrics.size());
        assertEquals(2.0, metrics.get(0).values().get("v"));
        assertEquals(1, metrics.get(1).epoch());
    }

    @Test
    void olderStatusIgnored() {
        RunHistory history = new RunHistory();
        history.record(status("r1", RunStatus.State.COMPLETED, 3, T0.plusSeconds(10)));
        history.record(status("r1", RunStatus.State.RUNNING, 1, T0));
        assertEquals(RunStatus.State.COMPLETED, history.find("r1").orElseThrow().status().state());
    }

    @Test
    void runsListedNewestFirst() {
        RunHistory history = new RunHistory();
        history.record(status("old", RunStatus.State.COMPLETED, 3, T0));
        history.record(status("new", RunStatus.State.RUNNING, 0, T0.plusSeconds(60)));
        assertEquals(List.of("new", "old"),
                history.runs().stream().map(RunHistory.RunView::runId).toList());
        assertTrue(history.find("missing").isEmpty());
    }
}
