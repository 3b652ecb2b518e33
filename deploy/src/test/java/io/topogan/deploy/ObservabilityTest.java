package io.topogan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the Prometheus and Grafana files against the services' ports and metric names: every
 * PromQL expression of a rule or dashboard may select only series in {@link ExposedMetrics}.
 */
class ObservabilityTest {

    private static final Path PROMETHEUS = Repo.ROOT.resolve("deploy/prometheus");
    private static final Path GRAFANA = Repo.ROOT.resolve("deploy/grafana");
    private static final Path DASHBOARDS = GRAFANA.resolve("dashboards");

    /** Grafana's built-in variables, which dashboards need not define. */
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval",
            "__range", "datasource");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$\\{?([a-zA-Z_]+)\\}?");
    private static final Pattern ANALYZER_METRIC = Pattern.compile(
            "analyzer=\"([a-z]+)\"[^}]*metric=\"([a-z0-9_]+)\"");

    @Test
    void scrapeJobsMatchServicePorts() {
        Map<String, Object> config = Repo.yaml(PROMETHEUS.resolve("prometheus.yml"));
        Map<String, Integer> ports = new TreeMap<>();
        for (Object job : Yaml2.list(config, "scrape_configs")) {
            String name = Yaml2.string(job, "job_name");
            if (!Repo.WORKLOAD_MODULES.containsKey(name)) {
                continue;
            }
            assertEquals("/q/metrics", Yaml2.string(job, "metrics_path"), name);
            Object discovery = Yaml2.list(job, "dns_sd_configs").get(0);
            assertEquals(List.of(name), Yaml2.list(discovery, "names"), name + " DNS name");
            ports.put(name, (Integer) Yaml2.get(discovery, "port"));
        }
        assertEquals(Repo.WORKLOAD_MODULES.keySet(), ports.keySet(), "scrape jobs");
        ports.forEach((job, port) -> assertEquals(
                Repo.httpPort(Repo.WORKLOAD_MODULES.get(job)), port, job + " port"));
    }

    @Test
    void rulesUseExposedMetrics() {
        Map<String, String> expressions = ruleExpressions();
        assertFalse(expressions.isEmpty(), "no alerting rules");
        expressions.forEach((alert, expression) ->
                assertOnlyExposedMetrics(expression, "rule " + alert));
    }

    @Test
    void rulesCoverPipelineFailures() {
        Map<String, String> expressions = ruleExpressions();
        Map<String, String> required = Map.of(
                "TopoganServiceDown", "up",
                "TopoganRunStalled", "topogan_run_state",
                "TopoganAnalyzerLagging", "kafka_consumer_fetch_manager_records_lag_max",
                "TopoganAnalyzerSlow", "topogan_analyzer_latency_seconds_bucket",
                "TopoganDeadLetters", "topogan_dead_letters_total",
                "TopoganH0PersistenceCollapse", "topogan_metric_value",
                "TopoganH0EntropyCollapse", "topogan_metric_value");
        required.forEach((alert, metric) -> {
            assertTrue(expressions.containsKey(alert), "missing alert " + alert);
            assertTrue(PromQl.metricNames(expressions.get(alert)).contains(metric),
                    alert + " must select " + metric + ": " + expressions.get(alert));
        });
        assertTrue(expressions.get("TopoganRunStalled").contains("topogan_run_epoch"),
                "a stalled run is one whose epoch does not change");
        assertTrue(expressions.get("TopoganServiceDown").contains("fid"),
                "the fid analyzer is a scrape job too");
    }

    @Test
    void alertsHaveSeverityAndSummary() {
        for (Path file : Repo.yamlFiles(PROMETHEUS.resolve("rules"))) {
            for (Object group : Yaml2.list(Repo.yaml(file), "groups")) {
                for (Object rule : Yaml2.list(group, "rules")) {
                    String alert = Yaml2.string(rule, "alert");
                    assertNotNull(alert, file + ": a rule without an alert name");
                    assertTrue(Set.of("warning", "critical").contains(
                            Yaml2.string(rule, "labels", "severity")), alert + " severity");
                    assertNotNull(Yaml2.string(rule, "annotations", "summary"),
                            alert + " has no summary");
                }
            }
        }
    }

    @Test
    void dashboardsUseExposedMetrics() {
        for (Path file : dashboardFiles()) {
            List<String> expressions = expressions(readJson(file));
            assertTrue(expressions.size() >= 5, file.getFileName() + " queries: " + expressions);
            for (String expression : expressions) {
                assertOnlyExposedMetrics(expression, file.getFileName().toString());
            }
        }
    }

    /**
     * Checks that each label matcher list is {@code name op "value"} separated by commas, with op
     * one of =, !=, =~ and !~, so a typo such as {@code layer~"x"} fails here and not in Grafana.
     */
    @Test
    void labelMatchersWellFormed() {
        List<String> expressions = new ArrayList<>(ruleExpressions().values());
        for (Path file : dashboardFiles()) {
            expressions.addAll(expressions(readJson(file)));
        }
        Pattern braces = Pattern.compile("\\{([^{}]*)}");
        Pattern matchers = Pattern.compile(
                "\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*"
                        + "(,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*"
                        + "\"(?:[^\"\\\\]|\\\\.)*\"\\s*)*,?\\s*");
        for (String expression : expressions) {
            Matcher selector = braces.matcher(expression);
            while (selector.find()) {
                assertTrue(matchers.matcher(selector.group(1)).matches(),
                        "malformed label matchers {" + selector.group(1) + "} in " + expression);
            }
        }
    }

    @Test
    void dashboardsDefineTheirVariables() {
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = readJson(file);
            Set<String> defined = new TreeSet<>();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                defined.add(variable.path("name").asText());
            }
            assertTrue(defined.contains("datasource"), file.getFileName() + " has no datasource "
                    + "variable");
            for (String expression : expressions(dashboard)) {
                Matcher use = VARIABLE_USE.matcher(expression);
                while (use.find()) {
                    String name = use.group(1);
                    assertTrue(defined.contains(name) || GRAFANA_VARIABLES.contains(name),
                            file.getFileName() + " uses undefined variable $" + name + ": "
                                    + expression);
                }
            }
            for (JsonNode datasource : dashboard.findValues("datasource")) {
                if (datasource.isObject()) {
                    assertEquals("${datasource}", datasource.path("uid").asText(),
                            file.getFileName() + " panel datasource");
                }
            }
        }
    }

    @Test
    void dashboardsHaveUniqueIdentifiers() {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = readJson(file);
            assertTrue(uids.add(dashboard.path("uid").asText()), "duplicate uid in " + file);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                assertTrue(ids.add(panel.path("id").asInt()), file.getFileName()
                        + " repeats panel id " + panel.path("id"));
                assertTrue(panel.path("gridPos").has("w"), file.getFileName() + " panel "
                        + panel.path("title") + " has no gridPos");
            }
        }
        assertTrue(uids.size() >= 4, "dashboards: " + uids);
    }

    @Test
    void runDashboardsSelectRunFromMetricValues() {
        for (String name : List.of("topology-per-run.json", "fid-and-id.json")) {
            JsonNode dashboard = readJson(DASHBOARDS.resolve(name));
            JsonNode run = null;
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("name").asText().equals("run")) {
                    run = variable;
                }
            }
            assertNotNull(run, name + " has no run variable");
            assertEquals("label_values(topogan_metric_value, run)",
                    run.path("definition").asText(), name);
            for (String expression : expressions(dashboard)) {
                if (expression.startsWith("topogan_metric_value{")) {
                    assertTrue(expression.contains("run=\"$run\""), name + ": " + expression);
                }
            }
        }
    }

    /** Checks that each analyzer value a dashboard or rule selects is listed in docs/events.md. */
    @Test
    void selectedValuesAreDocumented() {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Repo.read(Repo.ROOT.resolve("docs/events.md")).split("\n")) {
            Matcher row = Pattern.compile("^\\| `([a-z]+)` \\| (.*)").matcher(line);
            if (row.find()) {
                documented.put(row.group(1), row.group(2));
            }
        }
        List<String> expressions = new ArrayList<>(ruleExpressions().values());
        for (Path file : dashboardFiles()) {
            expressions.addAll(expressions(readJson(file)));
        }
        int checked = 0;
        for (String expression : expressions) {
            Matcher selector = ANALYZER_METRIC.matcher(expression);
            while (selector.find()) {
                String analyzer = selector.group(1);
                String metric = selector.group(2);
                String values = documented.getOrDefault(analyzer, "");
                assertTrue(values.contains("`" + metric + "`") || values.contains("`hk." + metric
                        + "`"), "docs/events.md lists no value " + metric + " of analyzer "
                        + analyzer + ": " + expression);
                checked++;
            }
        }
        assertTrue(checked >= 20, "analyzer values checked: " + checked);
    }

    @Test
    void dashboardsInConfigMapGenerator() {
        Map<String, Object> kustomization = Repo.yaml(GRAFANA.resolve("kustomization.yaml"));
        Object generator = Yaml2.list(kustomization, "configMapGenerator").get(0);
        Set<String> listed = new TreeSet<>();
        for (Object file : Yaml2.list(generator, "files")) {
            listed.add(file.toString());
        }
        Set<String> present = new TreeSet<>();
        for (Path file : dashboardFiles()) {
            present.add("dashboards/" + file.getFileName());
        }
        assertEquals(present, listed, "ConfigMap topogan-grafana-dashboards");
    }

    @Test
    void metricScanFindsEveryMeterKind() {
        Set<String> exposed = ExposedMetrics.topoganSeries();
        for (String name : List.of("topogan_metric_value", "topogan_run_state",
                "topogan_training_epoch", "topogan_analyzer_results_total",
                "topogan_dead_letters_total", "topogan_analyzer_latency_seconds_bucket",
                "topogan_analyzer_latency_seconds_count")) {
            assertTrue(exposed.contains(name), "scan of the Java sources missed " + name);
        }
        assertFalse(exposed.contains("topogan_analyzer_latency"),
                "a timer is scraped only with the _seconds suffix");
    }

    @Test
    void promQlNamesFound() {
        Map<String, Set<String>> cases = new LinkedHashMap<>();
        cases.put("rate(foo_total{job=~\"a|b\"}[5m]) * 60", Set.of("foo_total"));
        cases.put("sum by (job, le) (x_bucket) unless on (run) changes(y[30m]) > 0",
                Set.of("x_bucket", "y"));
        cases.put("label_values(topogan_metric_value{analyzer=~\"$analyzer\"}, metric)",
                Set.of("topogan_metric_value"));
        cases.put("label_values(run)", Set.of());
        cases.put("a != a or b offset 5m", Set.of("a", "b"));
        cases.put("histogram_quantile(0.95, sum by (analyzer, le) "
                + "(rate(h_bucket[$__rate_interval])))", Set.of("h_bucket"));
        cases.put("max(m) > 1e3 and bool 2", Set.of("m"));
        cases.forEach((expression, names) ->
                assertEquals(names, PromQl.metricNames(expression), expression));
    }

    @Test
    void provisioningPointsAtPrometheus() {
        Map<String, Object> datasources = Repo.yaml(
                GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
        Object datasource = Yaml2.list(datasources, "datasources").get(0);
        assertEquals("prometheus", Yaml2.string(datasource, "type"));
        assertEquals("http://prometheus:9090", Yaml2.string(datasource, "url"));
        Map<String, Object> dashboards = Repo.yaml(
                GRAFANA.resolve("provisioning/dashboards/topogan.yml"));
        String path = Yaml2.string(Yaml2.list(dashboards, "providers").get(0), "options", "path");
        String compose = Repo.read(Repo.ROOT.resolve("docker-compose.yml"));
        assertTrue(compose.contains("./deploy/grafana/dashboards:" + path + ":ro"),
                "compose must mount the dashboards at " + path);
    }

    private static void assertOnlyExposedMetrics(String expression, String source) {
        Set<String> exposed = ExposedMetrics.all();
        for (String name : PromQl.metricNames(expression)) {
            assertTrue(exposed.contains(name), source + " uses " + name + ", which no service "
                    + "exposes (not a meter in the Java sources, not in "
                    + "deploy/prometheus/binder-metrics.txt): " + expression);
        }
    }

    /** Returns the expression of every rule, by alert or record name. */
    private static Map<String, String> ruleExpressions() {
        Map<String, String> expressions = new TreeMap<>();
        for (Path file : Repo.yamlFiles(PROMETHEUS.resolve("rules"))) {
            for (Object group : Yaml2.list(Repo.yaml(file), "groups")) {
                for (Object rule : Yaml2.list(group, "rules")) {
                    String name = Yaml2.string(rule, "alert");
                    expressions.put(name == null ? Yaml2.string(rule, "record") : name,
                            Yaml2.string(rule, "expr"));
                }
            }
        }
        return expressions;
    }

    private static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DASHBOARDS, e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /**
     * Collects the PromQL of every panel target, nested rows included, and the query of every
     * template variable.
     */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode target : dashboard.path("panels").findValues("targets")) {
            for (JsonNode query : target) {
                expressions.add(query.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                expressions.add(variable.path("definition").asText());
            }
        }
        return expressions;
    }
}
