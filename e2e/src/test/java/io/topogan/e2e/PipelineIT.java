package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topogan.cli.GatewayClient;
import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import io.topogan.events.CheckpointReady;
import io.topogan.events.EventJson;
import io.topogan.events.LayerBlob;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the real local stack: a KRaft Kafka broker, S3Proxy and the four packaged services, each
 * its own process on free ports. Trains a tiny DCGAN on the bundled Fashion-MNIST images through
 * it, and checks that every analyzer's results for both checkpoints arrive on Kafka, are stored in
 * the object store, and are served by the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final RunConfig TINY = new RunConfig("dcgan", "fashion-mnist", List.of(3), 1,
            64, 2, 32, 1, 64, 16, 64, 40, 7L);

    private static LocalStack stack;
    private static BlobStore store;
    private static String runId;
    private static RunWatcher.Outcome outcome;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() throws Exception {
        Path root = Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath();
        Path home = Files.createTempDirectory("topogan-e2e");
        stack = new LocalStack(root, home, StackPorts.free());
        stack.up(line -> System.out.println("[stack] " + line));
        LocalStack.Credentials credentials = stack.credentials();
        store = new BlobStore(StorageSettings.of(stack.s3Endpoint(), credentials.accessKey(),
                credentials.secretKey(), stack.bucket()));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.down(line -> System.out.println("[stack] " + line));
        }
    }

    @Test
    @Order(1)
    void runDeliversAllResults() throws Exception {
        runId = new GatewayClient(stack.gatewayUrl(), stack.credentials().gatewayToken())
                .startRun(TINY);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        outcome = new RunWatcher(stack.bootstrapServers(), runId,
                new PrintStream(log, true, StandardCharsets.UTF_8)).watch(Duration.ofMinutes(8));
        System.out.print(log.toString(StandardCharsets.UTF_8));

        assertTrue(outcome.complete(), "run incomplete: status " + outcome.status()
                + ", missing " + outcome.missing() + "\n" + LocalStack.tail(stack.logFile("trainer")));
        assertEquals(2, outcome.checkpoints().size());
    }

    @Test
    @Order(2)
    void resultsStoredInObjectStore() throws Exception {
        for (CheckpointReady checkpoint : outcome.checkpoints()) {
            int epoch = checkpoint.epoch();
            NpyArray samples = store.getNpy(checkpoint.samples().key());
            assertEquals(List.of(64, 1, 32, 32), checkpoint.samples().shape());
            assertEquals(64, samples.rows());
            for (float value : samples.toFloatArray()) {
                assertTrue(value >= -1, "sample value below -1: " + value);
                assertTrue(value <= 1, "sample value above 1: " + value);
            }
            assertFalse(checkpoint.layers().isEmpty(), "no generator layers captured");
            for (LayerBlob layer : checkpoint.layers()) {
                assertEquals(16, store.getNpy(layer.blob().key()).rows(), layer.layerId());
            }
            byte[] grid = store.get(checkpoint.grid().key());
            assertEquals((byte) 0x89, grid[0], "grid is not a PNG");
            assertTrue(store.exists(checkpoint.generatorWeights().key()));
            for (String analyzer : List.of("homology", "entropy", "id", "fid")) {
                String key = ObjectKeys.result(runId, epoch, analyzer, "samples");
                MetricComputed stored = EventJson.read(store.getText(key), MetricComputed.class);
                assertEquals(epoch, stored.epoch(), key);
                assertFalse(stored.values().isEmpty(), key);
            }
            NpyArray diagrams = Npy.read(store.get(ObjectKeys.diagrams(runId, epoch, "samples")));
            assertEquals(3, diagrams.shape()[1]);
            assertTrue(diagrams.rows() >= 40, "H0 of 40 points has 40 bars, got "
                    + diagrams.rows() + " bars in all");
        }
    }

    @Test
    @Order(3)
    void homologyMetricsConsistent() {
        MetricComputed last = find("homology", 1, "samples");
        assertEquals(40.0, last.values().get("n_perm"));
        assertEquals(40.0, last.values().get("h0.bars"),
                "40 points give 40 H0 bars, one of them infinite");
        assertTrue(last.values().containsKey("h1.wasserstein_previous"));
        assertTrue(last.values().get("h0.wasserstein_real") > 0);
        MetricComputed entropy = find("entropy", 1, "samples");
        double h0 = entropy.values().get("h0.entropy");
        assertTrue(h0 > 0, "normalised H0 entropy not positive: " + h0);
        assertTrue(h0 <= 1, "normalised H0 entropy above 1: " + h0);
        MetricComputed id = find("id", -1, "real");
        assertTrue(id.values().get("mle") > 1, "intrinsic dimension of real images: " + id);
        MetricComputed fid = find("fid", 1, "samples");
        assertTrue(fid.values().get("fd_lenet") > 0, "fallback Frechet distance: " + fid);
        assertTrue(fid.undefined().containsKey("fid"),
                "without the Inception model no value may be labelled fid: " + fid);
    }

    @Test
    @Order(4)
    void gatewayServesHistory() throws Exception {
        HttpResponse<String> response = get("/api/runs/" + runId + "/metrics");
        assertEquals(200, response.statusCode());
        JsonNode metrics = EventJson.mapper().readTree(response.body());
        assertEquals(outcome.metrics().size(), metrics.size());

        HttpResponse<String> csv = get("/api/runs/" + runId + "/metrics.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("run,epoch,analyzer,layer,compute_ms,"));

        HttpResponse<String> runs = get("/api/runs");
        assertTrue(runs.body().contains(runId));
        assertEquals(404, get("/api/runs/no-such-run").statusCode());
    }

    @Test
    @Order(5)
    void gatewayExposesPrometheusGauges() throws Exception {
        HttpResponse<String> metrics = get("/q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("topogan_metric_value{"), "no metric gauges");
        assertTrue(metrics.body().contains("run=\"" + runId + "\""), "no gauge of the run");
        assertEquals(200, get("/q/health").statusCode());
    }

    @Test
    @Order(6)
    void gatewayRejectsBadRequests() throws Exception {
        HttpRequest noToken = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        assertEquals(401, HTTP.send(noToken, HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpRequest badEpochs = HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/runs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.credentials().gatewayToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"epochs\": 0, \"model\": \"vae\"}"))
                .build();
        HttpResponse<String> response = HTTP.send(badEpochs, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("epochs:"), response.body());
        assertTrue(response.body().contains("model:"), response.body());
    }

    private static MetricComputed find(String analyzer, int epoch, String layer) {
        return outcome.metrics().stream()
                .filter(m -> m.analyzer().equals(analyzer) && m.epoch() == epoch
                        && m.layer().equals(layer))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + analyzer + " result for epoch "
                        + epoch + " " + layer));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
