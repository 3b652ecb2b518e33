package io.topogan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks the Prometheus and Grafana files against the services' ports and metric names. */
class ObservabilityTest {

    /** The topogan_* series that the gateway and the trainer-service register. */
    private static final Set<String> METRICS = Set.of(
            "topogan_metric_value", "topogan_run_epoch", "topogan_run_discriminator_loss",
            "topogan_run_generator_loss", "topogan_run_images_per_second",
            "topogan_training_discriminator_loss", "topogan_training_generator_loss",
            "topogan_training_images_per_second", "topogan_training_epoch",
            "topogan_training_epochs_total", "topogan_training_checkpoints_total");

    private static final Pattern METRIC_NAME = Pattern.compile("\\btopogan_[a-z_]+");

    private static final Path PROMETHEUS = Repo.ROOT.resolve("deploy/prometheus");
    private static final Path GRAFANA = Repo.ROOT.resolve("deploy/grafana");

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
        List<String> expressions = new ArrayList<>();
        for (Path file : Repo.yamlFiles(PROMETHEUS.resolve("rules"))) {
            for (Object group : Yaml2.list(Repo.yaml(file), "groups")) {
                for (Object rule : Yaml2.list(group, "rules")) {
                    expressions.add(Yaml2.string(rule, "expr"));
                }
            }
        }
        assertFalse(expressions.isEmpty(), "no alerting rules");
        assertOnlyKnownMetrics(expressions, "rules");
    }

    @Test
    void dashboardsUseExposedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                GRAFANA.resolve("dashboards/training-overview.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            expressions.add(variable.path("definition").asText());
        }
        assertTrue(expressions.size() >= 5, "dashboard queries: " + expressions);
        assertOnlyKnownMetrics(expressions, "training-overview.json");
        assertTrue(String.join(" ", expressions).contains("topogan_metric_value"),
                "dashboard shows no analyzer metric");
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

    private static void assertOnlyKnownMetrics(List<String> expressions, String source) {
        for (String expression : expressions) {
            Matcher matcher = METRIC_NAME.matcher(expression);
            while (matcher.find()) {
                assertTrue(METRICS.contains(matcher.group()), source + " uses "
                        + matcher.group() + ", which no service exposes: " + expression);
            }
        }
    }
}
