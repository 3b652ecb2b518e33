package io.topogan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prometheus series names that dashboards and rules may select. They are the topogan_* meters
 * found in the services' Java sources, the binder metrics listed in
 * deploy/prometheus/binder-metrics.txt and the series that Prometheus adds to every scrape.
 * PrometheusIT in the e2e module checks the binder list against the running services.
 */
final class ExposedMetrics {

    /** Series that Prometheus itself writes for each target and for alerts. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "ALERTS", "ALERTS_FOR_STATE");

    static final Path BINDER_METRICS = Repo.ROOT.resolve("deploy/prometheus/binder-metrics.txt");

    private static final Pattern METER_LITERAL = Pattern.compile("\"(topogan_[a-z0-9_]+)\"");
    private static final Pattern TIMER = Pattern.compile(
            "Timer\\s*\\.\\s*builder\\(\\s*\"(topogan_[a-z0-9_]+)\"");
    private static final Pattern SUMMARY = Pattern.compile(
            "DistributionSummary\\s*\\.\\s*builder\\(\\s*\"(topogan_[a-z0-9_]+)\"");

    private ExposedMetrics() {
    }

    /** Returns every series name that a dashboard or rule may select. */
    static Set<String> all() {
        Set<String> names = new TreeSet<>(topoganSeries());
        names.addAll(binderMetrics());
        names.addAll(PROMETHEUS_SERIES);
        return names;
    }

    /**
     * Scans the main Java sources of every module for string literals {@code "topogan_..."}, which
     * in this project are only meter names, and returns the series each becomes in Prometheus'
     * text format. A gauge or counter keeps its name (counters are already named
     * {@code ..._total}). Micrometer's Prometheus naming convention appends {@code _seconds} to a
     * timer, and a timer or distribution summary is scraped as {@code _count}, {@code _sum} and
     * {@code _max}, plus {@code _bucket} when it publishes a histogram.
     */
    static Set<String> topoganSeries() {
        Set<String> series = new TreeSet<>();
        for (Path source : mainSources()) {
            String text = Repo.read(source);
            Set<String> distributions = new TreeSet<>();
            Matcher timer = TIMER.matcher(text);
            while (timer.find()) {
                String base = timer.group(1).endsWith("_seconds") ? timer.group(1)
                        : timer.group(1) + "_seconds";
                distributions.add(timer.group(1));
                addDistribution(series, base);
            }
            Matcher summary = SUMMARY.matcher(text);
            while (summary.find()) {
                distributions.add(summary.group(1));
                addDistribution(series, summary.group(1));
            }
            Matcher literal = METER_LITERAL.matcher(text);
            while (literal.find()) {
                if (!distributions.contains(literal.group(1))) {
                    series.add(literal.group(1));
                }
            }
        }
        return series;
    }

    private static void addDistribution(Set<String> series, String base) {
        for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
            series.add(base + suffix);
        }
    }

    /** Reads deploy/prometheus/binder-metrics.txt: one name a line, # starts a comment. */
    static Set<String> binderMetrics() {
        Set<String> names = new TreeSet<>();
        for (String line : Repo.read(BINDER_METRICS).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Lists the Java files under {@code <module>/src/main/java} of every top-level module. */
    private static List<Path> mainSources() {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Repo.ROOT)) {
            for (Path module : modules.sorted().toList()) {
                Path java = module.resolve("src/main/java");
                if (!Files.isDirectory(java)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(java)) {
                    files.filter(path -> path.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Java sources under " + Repo.ROOT, e);
        }
        return sources;
    }
}
