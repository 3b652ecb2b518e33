package io.topogan.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks the Prometheus text format that the gateway's meters produce on /q/metrics. */
class MetricGaugesTest {

    private static final Instant CHECKPOINT = Instant.parse("2026-01-01T00:00:00Z");

    private PrometheusMeterRegistry registry;
    private MetricGauges gauges;

    @BeforeEach
    void createRegistry() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gauges = new MetricGauges(registry);
    }

    private static MetricComputed metric(String analyzer, Map<String, Double> values,
            Instant checkpointCreatedAt, Instant createdAt) {
        return new MetricComputed(1, "r1", 0, analyzer, "samples", values, Map.of(), 5,
                checkpointCreatedAt, createdAt);
    }

    /** Returns the value of the one sample line that starts with {@code series}. */
    private double sample(String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
                .matcher(registry.scrape());
        assertTrue(matcher.find(), "no sample " + series + " in\n" + registry.scrape());
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void valuesSplitHomologyDimension() {
        gauges.record(metric("homology", Map.of("h1.total_persistence", 2.5, "points", 40.0),
                CHECKPOINT, CHECKPOINT.plusSeconds(3)));

        assertEquals(2.5, sample("topogan_metric_value{analyzer=\"homology\",dimension=\"1\","
                + "layer=\"samples\",metric=\"total_persistence\",run=\"r1\",}"));
        assertEquals(40.0, sample("topogan_metric_value{analyzer=\"homology\",dimension=\"none\","
                + "layer=\"samples\",metric=\"points\",run=\"r1\",}"));
    }

    @Test
    void resultsCountedPerAnalyzer() {
        gauges.record(metric("id", Map.of("mle", 9.0), CHECKPOINT, CHECKPOINT.plusSeconds(1)));
        gauges.record(metric("id", Map.of("mle", 9.5), CHECKPOINT, CHECKPOINT.plusSeconds(2)));
        gauges.record(metric("fid", Map.of("fd_lenet", 3.0), null, null));

        assertEquals(2.0, sample("topogan_analyzer_results_total{analyzer=\"id\",}"));
        assertEquals(1.0, sample("topogan_analyzer_results_total{analyzer=\"fid\",}"));
        assertEquals(9.5, sample("topogan_metric_value{analyzer=\"id\",dimension=\"none\","
                + "layer=\"samples\",metric=\"mle\",run=\"r1\",}"), "newest value wins");
    }

    @Test
    void latencyHistogramInSeconds() {
        gauges.record(metric("entropy", Map.of("h0.entropy", 0.9), CHECKPOINT,
                CHECKPOINT.plusSeconds(90)));

        assertEquals(1.0, sample("topogan_analyzer_latency_seconds_count{analyzer=\"entropy\",}"));
        assertEquals(90.0, sample("topogan_analyzer_latency_seconds_sum{analyzer=\"entropy\",}"));
        assertEquals(1.0, sample("topogan_analyzer_latency_seconds_bucket{analyzer=\"entropy\","
                + "le=\"+Inf\",}"));
        Matcher buckets = Pattern.compile("topogan_analyzer_latency_seconds_bucket\\{"
                + "analyzer=\"entropy\",le=\"([0-9.]+)\",} (\\S+)").matcher(registry.scrape());
        double largestEmptyBound = 0;
        double smallestFullBound = Double.POSITIVE_INFINITY;
        double largestBound = 0;
        while (buckets.find()) {
            double bound = Double.parseDouble(buckets.group(1));
            largestBound = Math.max(largestBound, bound);
            if (Double.parseDouble(buckets.group(2)) == 0) {
                largestEmptyBound = Math.max(largestEmptyBound, bound);
            } else {
                smallestFullBound = Math.min(smallestFullBound, bound);
            }
        }
        assertTrue(largestEmptyBound < 90, "bucket below 90 s counts nothing");
        assertTrue(smallestFullBound >= 90, "first bucket holding 90 s: " + smallestFullBound);
        assertTrue(smallestFullBound < 200, "buckets must resolve minutes, first bucket above "
                + "90 s is " + smallestFullBound);
        assertTrue(largestBound >= 3600, "largest finite bucket below an hour: " + largestBound);
    }

    @Test
    void latencySkipsMissingAndNegativeTimes() {
        gauges.record(metric("homology", Map.of("points", 40.0), null, CHECKPOINT));
        gauges.record(metric("homology", Map.of("points", 40.0), CHECKPOINT, null));
        gauges.record(metric("homology", Map.of("points", 40.0), CHECKPOINT,
                CHECKPOINT.minusSeconds(1)));

        assertFalse(registry.scrape().contains("topogan_analyzer_latency_seconds_count"),
                registry.scrape());
        assertEquals(3.0, sample("topogan_analyzer_results_total{analyzer=\"homology\",}"));
    }

    @Test
    void runStateIsOneHot() {
        gauges.record(new RunStatus(1, "r1", RunStatus.State.RUNNING, 3, 4, 0.7, 1.2, 50.0, "",
                RunConfig.demo(), CHECKPOINT));
        gauges.record(new RunStatus(1, "r1", RunStatus.State.COMPLETED, 3, 4, 0.7, 1.2, 50.0, "",
                RunConfig.demo(), CHECKPOINT));

        assertEquals(0.0, sample("topogan_run_state{run=\"r1\",state=\"RUNNING\",}"));
        assertEquals(1.0, sample("topogan_run_state{run=\"r1\",state=\"COMPLETED\",}"));
        assertEquals(3.0, sample("topogan_run_epoch{run=\"r1\",}"));
    }
}
