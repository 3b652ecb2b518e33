package io.topogan.e2e;

import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.Component;
import io.topogan.cli.stack.LocalStack;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark, not a test: starts the local stack, trains several runs of the fast {@code gan}
 * model at once with a checkpoint after every epoch, and prints whether every result arrived,
 * the throughput in results per minute, the maximum consumer lag reported by each service, and
 * the checkpoint-to-result latency (MetricComputed.createdAt - checkpointCreatedAt) p50 and p95
 * of each analyzer. Started by {@code scripts/load-test.sh}.
 *
 * <p>Arguments: runs, checkpoints per run, samples per checkpoint, timeout in minutes.
 */
public final class LoadBenchmark {

    private static final String LAG_METRIC = "kafka_consumer_fetch_manager_records_lag_max";

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int checkpoints = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Duration timeout = Duration.ofMinutes(args.length > 3 ? Long.parseLong(args[3]) : 15);
        System.out.printf("load: %d runs x %d checkpoints x %d samples, timeout %s%n", runs,
                checkpoints, samples, timeout);

        LocalStack stack = StackTests.startStack("load");
        Map<String, Double> maxLag = new ConcurrentHashMap<>();
        ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
        scraper.scheduleAtFixedRate(() -> scrapeLag(stack, maxLag), 5, 5, TimeUnit.SECONDS);
        ExecutorService watchers = Executors.newFixedThreadPool(runs);
        try {
            Instant start = Instant.now();
            List<Future<RunWatcher.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // The gan model is a small fully connected network that trains far faster than
                // the analyzers consume 1000-sample checkpoints, so the analyzers set the pace.
                RunConfig config = new RunConfig("gan", "fashion-mnist", List.of(), 1, 512,
                        checkpoints, 64, 1, samples, 4, 500, 50, 100L + i);
                String runId = StackTests.startRun(stack, config);
                outcomes.add(watchers.submit(() -> StackTests.watch(stack, runId, timeout)));
            }
            report(outcomes, start, maxLag);
        } finally {
            scraper.shutdownNow();
            watchers.shutdownNow();
            stack.down(StackTests::progress);
        }
    }

    private static void report(List<Future<RunWatcher.Outcome>> outcomes, Instant start,
            Map<String, Double> maxLag) throws Exception {
        boolean complete = true;
        int results = 0;
        int missing = 0;
        Instant last = start;
        Map<String, List<Long>> latencies = new TreeMap<>();
        for (Future<RunWatcher.Outcome> future : outcomes) {
            RunWatcher.Outcome outcome = future.get();
            complete &= outcome.complete();
            missing += outcome.missing().size();
            for (MetricComputed metric : outcome.metrics()) {
                results++;
                if (metric.createdAt().isAfter(last)) {
                    last = metric.createdAt();
                }
                if (metric.epoch() >= 0 && metric.checkpointCreatedAt() != null) {
                    latencies.computeIfAbsent(metric.analyzer(), a -> new ArrayList<>())
                            .add(Duration.between(metric.checkpointCreatedAt(),
                                    metric.createdAt()).toMillis());
                }
            }
        }
        double minutes = Duration.between(start, last).toMillis() / 60_000.0;
        System.out.printf("every result delivered: %s (%d results, %d missing)%n",
                complete ? "yes" : "no", results, missing);
        System.out.printf("wall time to the last result: %.1f min%n", minutes);
        System.out.printf("throughput: %.0f results per minute%n", results / minutes);
        maxLag.forEach((service, lag) -> System.out.printf("max consumer lag %s: %.0f records%n",
                service, lag));
        latencies.forEach((analyzer, values) -> {
            values.sort(null);
            System.out.printf("latency %s: p50 %.1f s, p95 %.1f s (%d results)%n", analyzer,
                    percentile(values, 0.50) / 1000.0, percentile(values, 0.95) / 1000.0,
                    values.size());
        });
    }

    /** Returns the nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Records the highest records-lag-max gauge that each analyzer service reports. */
    private static void scrapeLag(LocalStack stack, Map<String, Double> maxLag) {
        for (Component component : stack.components()) {
            if (!component.name().equals("homology") && !component.name().equals("metrics")) {
                continue;
            }
            try {
                HttpResponse<String> response = StackTests.HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + component.port() + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (String line : response.body().split("\n")) {
                    if (line.startsWith(LAG_METRIC + "{") || line.startsWith(LAG_METRIC + " ")) {
                        double value = Double.parseDouble(line.substring(
                                line.lastIndexOf(' ') + 1));
                        if (Double.isFinite(value)) {
                            maxLag.merge(component.name(), value, Math::max);
                        }
                    }
                }
            } catch (Exception e) {
                System.out.println("lag scrape of " + component.name() + " failed: " + e);
            }
        }
    }
}
