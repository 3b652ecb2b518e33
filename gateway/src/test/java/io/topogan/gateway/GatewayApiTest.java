package io.topogan.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.topogan.events.DeadLetter;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's REST API with the in-memory connector in place of Kafka and without object
 * storage: validation, 404s, token checks, CSV, comparison, stop requests, the SSE stream, the
 * OpenAPI document and the dashboard's static files.
 */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class GatewayApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Inject
    @Any
    InMemoryConnector connector;

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, boolean withToken)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            request.header("Authorization", "Bearer " + InMemoryChannels.TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void sendStatus(String runId, RunStatus.State state, int epoch) {
        InMemorySource<String> runs = connector.source("runs");
        runs.send(EventJson.write(new RunStatus(1, runId, state, epoch, 2, 1.25, 0.75, 100.0,
                null, RunConfig.demo(), Instant.now())));
    }

    private void sendMetric(String runId, int epoch, String analyzer, Map<String, Double> values) {
        InMemorySource<String> metrics = connector.source("metrics");
        metrics.send(EventJson.write(new MetricComputed(1, runId, epoch, analyzer, "samples",
                values, Map.of(), 12, Instant.now(), Instant.now())));
    }

    /**
     * Waits until {@code path} returns 200 and returns the body. The connector hands events to
     * the consumer asynchronously, so a read right after a send can miss them.
     */
    private String await(String path, java.util.function.Predicate<String> ready)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = get(path);
        while ((response.statusCode() != 200 || !ready.test(response.body()))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = get(path);
        }
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    @Test
    void deadLettersListedPerRun() throws Exception {
        InMemorySource<String> letters = connector.source("dead-letters");
        letters.send(EventJson.write(new DeadLetter(1, "dl-run", "homology-service",
                "topogan.checkpoints", "epoch 0: corrupt samples.npy", "{}", Instant.now())));
        letters.send(EventJson.write(new DeadLetter(1, "other-run", "metrics-service",
                "topogan.checkpoints", "epoch 1: missing blob", "{}", Instant.now())));
        // The connector may deliver on another thread, so wait for both letters.
        String all = await("/api/dead-letters", body -> body.contains("missing blob")
                && body.contains("corrupt samples.npy"));
        String forRun = await("/api/dead-letters?run=dl-run", body -> true);
        assertTrue(all.contains("missing blob"), all);
        assertTrue(forRun.contains("corrupt samples.npy"), forRun);
        assertFalse(forRun.contains("missing blob"), forRun);
        assertEquals(400, get("/api/dead-letters?run=..%2Fx").statusCode());
    }

    @Test
    void queryTokenAcceptedWithoutHeader() throws Exception {
        String body = "{\"runId\": \"query-token-run\", \"epochs\": 1}";
        assertEquals(401, post("/api/runs?access_token=wrong", body, false).statusCode());
        HttpResponse<String> response = post("/api/runs?access_token=" + InMemoryChannels.TOKEN,
                body, false);
        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void startRejectsMissingToken() throws Exception {
        HttpResponse<String> response = post("/api/runs", "{}", false);
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("bearer token"), response.body());
    }

    @Test
    void startNamesInvalidFields() throws Exception {
        HttpResponse<String> response = post("/api/runs",
                "{\"epochs\": 0, \"model\": \"vae\", \"runId\": \"Bad_Id\"}", true);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("epochs:"), response.body());
        assertTrue(response.body().contains("model:"), response.body());
        assertTrue(response.body().contains("runId:"), response.body());
    }

    @Test
    void startPublishesRequest() throws Exception {
        InMemorySink<Object> requests = connector.sink("run-requests");
        requests.clear();
        HttpResponse<String> response = post("/api/runs",
                "{\"runId\": \"api-start\", \"epochs\": 2}", true);
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1, requests.received().size());
        assertEquals(200, get("/api/runs/api-start").statusCode());
        assertEquals(400, post("/api/runs", "{\"runId\": \"api-start\"}", true)
                .statusCode(), "a second run with the same id is rejected");
    }

    @Test
    void unknownRunIsNotFound() throws Exception {
        for (String path : new String[] {"/api/runs/no-such-run", "/api/runs/no-such-run/metrics",
                "/api/runs/no-such-run/metrics.csv", "/api/runs/no-such-run/epochs",
                "/api/runs/no-such-run/epochs/0/diagrams/samples",
                "/api/runs/no-such-run/epochs/0/grid.png",
                "/api/compare?runs=no-such-run&metric=mle"}) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.body().contains("run no-such-run not found"), path);
        }
    }

    @Test
    void invalidRunIdIsBadRequest() throws Exception {
        HttpResponse<String> response = get("/api/runs/Not_Valid");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("runId:"), response.body());
    }

    @Test
    void metricsServedAsCsv() throws Exception {
        sendStatus("csv-run", RunStatus.State.RUNNING, 0);
        sendMetric("csv-run", 0, "entropy", Map.of("h0.entropy", 0.5, "h1.entropy", 0.25));
        sendMetric("csv-run", 1, "entropy", Map.of("h0.entropy", 0.625));
        await("/api/runs/csv-run/metrics", body -> body.contains("0.625"));
        HttpResponse<String> csv = get("/api/runs/csv-run/metrics.csv");
        assertEquals("text/csv", csv.headers().firstValue("Content-Type").orElse("")
                .split(";")[0]);
        assertEquals(200, csv.statusCode());
        String[] lines = csv.body().split("\n");
        assertEquals("run,epoch,analyzer,layer,compute_ms,h0.entropy,h1.entropy", lines[0]);
        assertEquals("csv-run,0,entropy,samples,12,0.5,0.25", lines[1]);
        assertEquals("csv-run,1,entropy,samples,12,0.625,", lines[2]);
        assertEquals(3, lines.length);
    }

    @Test
    void lossesKeptPerEpoch() throws Exception {
        sendStatus("loss-run", RunStatus.State.RUNNING, 0);
        sendStatus("loss-run", RunStatus.State.RUNNING, 1);
        String body = await("/api/runs/loss-run/losses", b -> b.contains("\"epoch\":1"));
        var losses = EventJson.mapper().readTree(body);
        assertEquals(2, losses.size());
        assertEquals(1.25, losses.get(1).get("discriminatorLoss").asDouble());
    }

    @Test
    void compareReturnsSeriesPerRun() throws Exception {
        sendMetric("cmp-a", 0, "id", Map.of("mle", 7.5, "points", 64.0));
        sendMetric("cmp-a", 1, "id", Map.of("mle", 8.5, "points", 64.0));
        sendMetric("cmp-b", 0, "id", Map.of("mle", 6.0));
        sendMetric("cmp-b", 0, "homology", Map.of("points", 64.0));
        await("/api/runs/cmp-b/metrics", body -> body.contains("homology"));
        await("/api/runs/cmp-a/metrics", body -> body.contains("8.5"));
        HttpResponse<String> response = get("/api/compare?runs=cmp-a,cmp-b&metric=mle");
        assertEquals(200, response.statusCode(), response.body());
        var comparison = EventJson.mapper().readTree(response.body());
        assertEquals("id", comparison.get("analyzer").asText());
        assertEquals(2, comparison.get("series").get(0).get("points").size());
        assertEquals(6.0, comparison.get("series").get(1).get("points").get(0).get("value")
                .asDouble());

        HttpResponse<String> ambiguous = get("/api/compare?runs=cmp-a,cmp-b&metric=points");
        assertEquals(400, ambiguous.statusCode());
        assertTrue(ambiguous.body().contains("analyzer:"), ambiguous.body());
        assertEquals(400, get("/api/compare?runs=cmp-a").statusCode(), "metric is required");
        assertTrue(get("/api/compare?metric=mle").body().contains("runs:"));
    }

    @Test
    void diagramParametersValidated() throws Exception {
        sendStatus("diagram-run", RunStatus.State.RUNNING, 0);
        await("/api/runs/diagram-run", body -> true);
        HttpResponse<String> epoch = get("/api/runs/diagram-run/epochs/abc/diagrams/samples");
        assertEquals(400, epoch.statusCode());
        assertTrue(epoch.body().contains("epoch:"), epoch.body());
        assertEquals(400, get("/api/runs/diagram-run/epochs/-2/diagrams/samples").statusCode());
        HttpResponse<String> cloud = get("/api/runs/diagram-run/epochs/0/diagrams/-bad");
        assertEquals(400, cloud.statusCode());
        assertTrue(cloud.body().contains("cloud:"), cloud.body());
        HttpResponse<String> noStorage = get("/api/runs/diagram-run/epochs/0/diagrams/samples");
        assertEquals(503, noStorage.statusCode());
        assertTrue(noStorage.body().contains("TOPOGAN_STORAGE_ACCESS_KEY"), noStorage.body());
        assertEquals(503, get("/api/runs/diagram-run/epochs/0/diagrams/samples.png")
                .statusCode());
        assertEquals(400, get("/api/runs/diagram-run/epochs/-1/grid.png").statusCode());
    }

    @Test
    void stopPublishesStoppedStatus() throws Exception {
        sendStatus("stop-run", RunStatus.State.RUNNING, 0);
        await("/api/runs/stop-run", body -> true);
        assertEquals(401, post("/api/runs/stop-run/stop", "", false).statusCode());
        HttpResponse<String> response = post("/api/runs/stop-run/stop", "", true);
        assertEquals(202, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"state\":\"STOPPED\""), response.body());
        assertTrue(response.body().contains("stop requested"), response.body());
        assertTrue(get("/api/runs/stop-run").body().contains("STOPPED"));
        assertEquals(409, post("/api/runs/stop-run/stop", "", true).statusCode());
        assertEquals(404, post("/api/runs/no-such-run/stop", "", true).statusCode());
    }

    @Test
    void eventStreamDeliversNewMetric() throws Exception {
        sendStatus("sse-run", RunStatus.State.RUNNING, 0);
        await("/api/runs/sse-run", body -> true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/runs/sse-run/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HTTP.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    response.body(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = reader.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith("data:") && line.contains("h0.entropy")) {
                        return seen.toString();
                    }
                }
                return seen.toString();
            } catch (Exception e) {
                return e.toString();
            }
        });
        // Events published before the subscription are not replayed; send after connecting.
        Thread.sleep(300);
        sendMetric("other-run", 0, "entropy", Map.of("h1.entropy", 0.5));
        sendMetric("sse-run", 0, "entropy", Map.of("h0.entropy", 0.75));
        String stream = received.get(20, TimeUnit.SECONDS);
        assertTrue(stream.contains("event:metric"), stream);
        assertTrue(stream.contains("\"runId\":\"sse-run\""), stream);
        assertFalse(stream.contains("other-run"), "events of other runs leak: " + stream);
    }

    @Test
    void openApiAndDashboardServed() throws Exception {
        HttpResponse<String> openapi = get("/q/openapi?format=json");
        assertEquals(200, openapi.statusCode());
        for (String path : new String[] {"/api/runs/{runId}/stop",
                "/api/runs/{runId}/epochs/{epoch}/diagrams/{cloud}", "/api/compare",
                "/api/events"}) {
            assertTrue(openapi.body().contains("\"" + path + "\""), path);
        }
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("chart.umd.js"));
        assertEquals(200, get("/dashboard.js").statusCode());
        HttpResponse<String> chartJs = get("/webjars/chart.js/dist/chart.umd.js");
        assertEquals(200, chartJs.statusCode());
        assertTrue(chartJs.body().length() > 100_000, "Chart.js bundle looks truncated");
        assertEquals(200, get("/q/swagger-ui/").statusCode());
    }
}
