package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topogan.cli.GatewayClient;
import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scrapes the real local stack with a real Prometheus server (the Debian package's
 * /usr/bin/prometheus) that loads the project's alert rules from deploy/prometheus/rules/. Trains a
 * tiny DCGAN and then reads the run's series back through Prometheus's HTTP query API: every
 * analyzer's topogan_metric_value, the trainer's epoch gauge, the gateway's latency histogram, the
 * binder metrics that the dashboards use, and every dashboard and rule expression. Skipped when
 * Prometheus is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final RunConfig TINY = new RunConfig("dcgan", "fashion-mnist", List.of(), 1,
            64, 2, 32, 1, 64, 8, 64, 40, 11L);
    private static final List<String> ANALYZERS = List.of("homology", "entropy", "id", "fid");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path root;
    private static LocalStack stack;
    private static Process prometheus;
    private static Path prometheusLog;
    private static String prometheusUrl;
    private static String runId;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "Prometheus is not installed at " + PROMETHEUS);
        root = Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath();
        Path home = Files.createTempDirectory("topogan-prometheus");
        stack = new LocalStack(root, home, StackPorts.free());
        stack.up(line -> System.out.println("[stack] " + line));
        startPrometheus(home.resolve("prometheus"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (stack != null) {
            stack.down(line -> System.out.println("[stack] " + line));
        }
    }

    /** Writes a configuration that scrapes the four services every 2 s and starts Prometheus. */
    private static void startPrometheus(Path dir) throws Exception {
        Files.createDirectories(dir);
        StackPorts ports = stack.ports();
        StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: 2s\n  evaluation_interval: 2s\n")
                .append("rule_files:\n");
        for (Path rules : ruleFiles()) {
            config.append("  - ").append(quoted(rules.toString())).append('\n');
        }
        config.append("scrape_configs:\n");
        Map<String, Integer> jobs = Map.of("gateway", ports.gateway(), "trainer", ports.trainer(),
                "homology", ports.homology(), "metrics", ports.metrics());
        for (Map.Entry<String, Integer> job : new TreeMap<>(jobs).entrySet()) {
            config.append("  - job_name: ").append(job.getKey()).append('\n')
                    .append("    metrics_path: /q/metrics\n")
                    .append("    static_configs:\n")
                    .append("      - targets: [\"127.0.0.1:").append(job.getValue())
                    .append("\"]\n");
        }
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheusLog = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(prometheusLog.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready()) {
            if (!prometheus.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not become ready on port " + port
                        + "; its log:\n" + LocalStack.tail(prometheusLog));
            }
            Thread.sleep(500);
        }
    }

    private static boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    @Order(1)
    void rulesPassPromtool() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed at " + PROMTOOL);
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "check", "rules"));
        ruleFiles().forEach(file -> command.add(file.toString()));
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool timed out");
        assertEquals(0, check.exitValue(), "promtool check rules failed:\n" + output);
    }

    @Test
    @Order(2)
    void runCompletes() throws Exception {
        runId = new GatewayClient(stack.gatewayUrl(), stack.credentials().gatewayToken())
                .startRun(TINY);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunWatcher.Outcome outcome = new RunWatcher(stack.bootstrapServers(), runId,
                new PrintStream(log, true, StandardCharsets.UTF_8)).watch(Duration.ofMinutes(8));
        System.out.print(log.toString(StandardCharsets.UTF_8));
        assertTrue(outcome.complete(), "run incomplete: status " + outcome.status()
                + ", missing " + outcome.missing());
    }

    @Test
    @Order(3)
    void analyzerValuesScraped() throws Exception {
        String query = "count by (analyzer) (topogan_metric_value{run=\"" + runId + "\"})";
        JsonNode result = awaitResult(query, series -> labels(series, "analyzer")
                .containsAll(ANALYZERS));
        assertEquals(new TreeSet<>(ANALYZERS), labels(result, "analyzer"), query);

        String entropy = "topogan_metric_value{run=\"" + runId + "\", analyzer=\"entropy\", "
                + "layer=\"samples\", metric=\"entropy\", dimension=\"0\"}";
        double h0 = value(awaitResult(entropy, series -> series.size() == 1).get(0));
        assertTrue(h0 > 0, "normalised H0 entropy not positive: " + h0);
        assertTrue(h0 <= 1, "normalised H0 entropy above 1: " + h0);
    }

    @Test
    @Order(4)
    void trainingEpochScraped() throws Exception {
        String query = "topogan_training_epoch{run=\"" + runId + "\"}";
        JsonNode result = awaitResult(query, series -> series.size() == 1
                && value(series.get(0)) == TINY.epochs() - 1);
        assertEquals(1, result.size(), query);
        assertEquals(TINY.epochs() - 1, value(result.get(0)), "last epoch index");
    }

    @Test
    @Order(5)
    void latencyHistogramScraped() throws Exception {
        String counts = "sum by (analyzer) (topogan_analyzer_latency_seconds_count)";
        JsonNode result = awaitResult(counts, series -> labels(series, "analyzer")
                .containsAll(ANALYZERS));
        for (JsonNode series : result) {
            assertTrue(value(series) >= 1, "latency count of " + series);
        }
        String p95 = "histogram_quantile(0.95, sum by (analyzer, le) "
                + "(topogan_analyzer_latency_seconds_bucket))";
        for (JsonNode series : awaitResult(p95, s -> s.size() >= ANALYZERS.size())) {
            double seconds = value(series);
            assertTrue(seconds > 0, "p95 latency not positive: " + series);
            assertTrue(seconds < 600, "p95 latency of a tiny run above 10 minutes: " + series);
        }
        String results = "sum by (analyzer) (topogan_analyzer_results_total)";
        assertEquals(new TreeSet<>(ANALYZERS), labels(awaitResult(results,
                series -> series.size() >= ANALYZERS.size()), "analyzer"), results);
    }

    /** Checks that every name that the deploy tests accept from binder-metrics.txt is scraped. */
    @Test
    @Order(6)
    void binderMetricsExposed() throws Exception {
        List<String> names = Files.readAllLines(root.resolve(
                "deploy/prometheus/binder-metrics.txt")).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertFalse(names.isEmpty(), "binder-metrics.txt lists no names");
        JsonNode known = EventJson.mapper().readTree(get("/api/v1/label/__name__/values").body())
                .path("data");
        Set<String> scraped = new TreeSet<>();
        known.forEach(name -> scraped.add(name.asText()));
        for (String name : names) {
            assertTrue(scraped.contains(name), name + " is not exposed by any service; "
                    + "exposed names with that prefix: " + withPrefix(scraped, name));
        }
    }

    @Test
    @Order(7)
    void alertRulesLoadAndEvaluate() throws Exception {
        JsonNode groups = EventJson.mapper().readTree(get("/api/v1/rules").body())
                .path("data").path("groups");
        Map<String, JsonNode> rules = new TreeMap<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                rules.put(rule.path("name").asText(), rule);
            }
        }
        for (String alert : List.of("TopoganServiceDown", "TopoganRunStalled",
                "TopoganAnalyzerLagging", "TopoganAnalyzerSlow", "TopoganDeadLetters",
                "TopoganH0PersistenceCollapse", "TopoganH0EntropyCollapse")) {
            assertTrue(rules.containsKey(alert), "Prometheus did not load " + alert + ": "
                    + rules.keySet());
        }
        for (JsonNode rule : rules.values()) {
            assertEquals("ok", rule.path("health").asText(), rule.path("name").asText()
                    + " failed to evaluate: " + rule.path("lastError").asText());
        }
    }

    /**
     * Runs every expression of the dashboards and rules, with the Grafana variables replaced, so a
     * syntax error or a wrong function call fails here rather than in Grafana.
     */
    @Test
    @Order(8)
    void dashboardQueriesEvaluate() throws Exception {
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("deploy/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collectExpressions(EventJson.mapper().readTree(file.toFile()), expressions);
            }
        }
        assertTrue(expressions.size() >= 20, "dashboard queries: " + expressions);
        for (String expression : expressions) {
            String query = expression.replace("$run", runId)
                    .replace("$layer", ".*")
                    .replace("$analyzer", ".*")
                    .replace("$metric", ".*")
                    .replace("$__rate_interval", "1m");
            JsonNode response = query(query);
            assertEquals("success", response.path("status").asText(), query + ": "
                    + response.path("error").asText());
        }
        String entropyPanel = expressions.stream()
                .filter(e -> e.contains("analyzer=\"entropy\", layer=\"samples\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entropy panel over the samples"));
        JsonNode entropy = query(entropyPanel.replace("$run", runId)).path("data").path("result");
        assertTrue(entropy.size() >= 2, "entropy per dimension of the run: " + entropy);
    }

    private static void collectExpressions(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            JsonNode expression = node.get("expr");
            if (expression != null && expression.isTextual()) {
                expressions.add(expression.asText());
            }
            node.forEach(child -> collectExpressions(child, expressions));
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, expressions));
        }
    }

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("deploy/prometheus/rules"))) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /**
     * Polls an instant query until {@code done} accepts its result vector or 30 s pass, which
     * covers several 2-second scrapes after the run finished.
     */
    private static JsonNode awaitResult(String query, Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode response = query(query);
            assertEquals("success", response.path("status").asText(), query + ": "
                    + response.path("error").asText());
            JsonNode result = response.path("data").path("result");
            if (done.test(result) || System.nanoTime() > deadline) {
                return result;
            }
            Thread.sleep(1000);
        }
    }

    private static JsonNode query(String promql) throws Exception {
        return EventJson.mapper().readTree(get("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
    }

    private static Set<String> labels(JsonNode vector, String label) {
        Set<String> values = new TreeSet<>();
        vector.forEach(series -> values.add(series.path("metric").path(label).asText()));
        return values;
    }

    /** Returns the sample value of one series of an instant vector, sent as ["time", "value"]. */
    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }

    private static List<String> withPrefix(Set<String> names, String name) {
        String prefix = name.substring(0, Math.min(name.length(), name.indexOf('_') + 1));
        return names.stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
