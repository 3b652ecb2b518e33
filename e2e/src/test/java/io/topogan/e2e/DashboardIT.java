package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gateway's web dashboard in headless Chromium against the real local stack (Kafka, S3Proxy
 * and the four services, like {@link PipelineIT}, but a stack of its own). Starts a tiny DCGAN
 * run through the page's form, then checks that the run is listed, that the charts draw and grow
 * as metric events arrive over server-sent events, and that the checkpoint endpoints serve the
 * stored diagrams and grids. Screenshots go to {@code target/screenshots/}. Skipped when
 * Chromium or chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static WebDriver browser;
    private static Path browserProfile;
    private static String runId;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver is not installed at "
                + CHROMEDRIVER);
        Path root = Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath();
        stack = new LocalStack(root, Files.createTempDirectory("topogan-dashboard"),
                StackPorts.free());
        stack.up(line -> System.out.println("[stack] " + line));
        browser = startBrowser();
        Files.createDirectories(SCREENSHOTS);
    }

    private static WebDriver startBrowser() throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        browserProfile = Files.createTempDirectory("topogan-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1440,3000",
                // Every host name other than the loopback address fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--user-data-dir=" + browserProfile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.down(line -> System.out.println("[stack] " + line));
        }
    }

    @Test
    @Order(1)
    void formStartsRun() throws Exception {
        browser.get(stack.gatewayUrl() + "/");
        waitFor(Duration.ofSeconds(30), "the live event stream to connect",
                () -> browser.findElement(By.id("live")).getText().equals("live"));
        assertTrue(browser.findElement(By.id("runs-empty")).isDisplayed(),
                "a fresh stack shows the empty run list");

        browser.findElement(By.id("token")).sendKeys(stack.credentials().gatewayToken());
        WebElement form = browser.findElement(By.id("start-form"));
        new Select(form.findElement(By.name("model"))).selectByValue("dcgan");
        new Select(form.findElement(By.name("dataset"))).selectByValue("fashion-mnist");
        form.findElement(By.cssSelector("#advanced summary")).click();
        fill(form, "classes", "3");
        fill(form, "epochs", "2");
        fill(form, "batchSize", "32");
        fill(form, "samplesPerCheckpoint", "64");
        fill(form, "nPerm", "40");
        fill(form, "seed", "7");
        fill(form, "trainingImages", "64");
        fill(form, "layerSamples", "8");
        fill(form, "realSamples", "64");
        form.findElement(By.id("start")).click();

        waitFor(Duration.ofSeconds(30), "the form to report the started run",
                () -> browser.findElement(By.id("form-message")).getText().startsWith("Started "));
        runId = browser.findElement(By.id("form-message")).getText().substring("Started ".length());
        assertTrue(RunConfig.isValidRunId(runId), "run id " + runId);
        waitFor(Duration.ofSeconds(10), "the run to appear in the list",
                () -> !browser.findElements(By.cssSelector("#runs li[data-run-id='" + runId
                        + "']")).isEmpty());
        assertEquals(runId, browser.findElement(By.id("run-title")).getText());

        JsonNode config = getJson("/api/runs/" + runId + "/config");
        assertEquals(64, config.get("trainingImages").asInt());
        assertEquals(8, config.get("layerSamples").asInt());
        assertEquals(40, config.get("nPerm").asInt());
        assertEquals(List.of(3), List.of(config.get("classes").get(0).asInt()));
    }

    @Test
    @Order(2)
    void chartsUpdateLive() throws Exception {
        Duration runTime = Duration.ofMinutes(6);
        waitFor(runTime, "the first entropy point", () -> points("entropy") >= 1);
        int first = points("entropy");
        screenshot("dashboard-first-checkpoint");
        // The page is not reloaded, so a growing chart shows that a metric event arrived live.
        waitFor(runTime, "the entropy chart to grow from " + first + " points",
                () -> points("entropy") > first);
        waitFor(runTime, "a COMPLETED status in the run list", () -> browser.findElement(
                By.cssSelector("#runs li[data-run-id='" + runId + "'] .state")).getText()
                .equals("COMPLETED"));
        waitFor(runTime, "every analyzer's samples results of both checkpoints",
                () -> points("entropy") >= 4 && points("id") >= 4 && points("wasserstein") >= 4);
        waitFor(Duration.ofSeconds(30), "the losses of both epochs", () -> points("losses") >= 4);
        waitFor(Duration.ofSeconds(60), "the Frechet distance of both checkpoints",
                () -> points("fid") >= 2);

        waitFor(Duration.ofSeconds(30), "the persistence diagram of the last checkpoint",
                () -> points("diagram") >= 40 && points("barcode") > 0);
        waitFor(Duration.ofSeconds(30), "the layer-by-layer chart",
                () -> ((Number) js("return window.topogan.charts.layers.data.labels.length;"))
                        .intValue() > 0);
        waitFor(Duration.ofSeconds(30), "the sample grid image", () -> ((Number) js(
                "return document.getElementById('grid').naturalWidth;")).intValue() > 0);
        for (String chart : List.of("entropy", "wasserstein", "bottleneck", "id", "losses",
                "fid", "diagram", "barcode", "layers", "compare")) {
            assertTrue(paintedPixels(chart) > 500, chart + " canvas is blank");
        }
        assertTrue(browser.findElement(By.id("epoch-label")).getText().equals("epoch 1"),
                "the slider follows the newest checkpoint");
        screenshot("dashboard-run");

        ((JavascriptExecutor) browser).executeScript(
                "const s = document.getElementById('epoch-slider'); s.value = 0;"
                        + " s.dispatchEvent(new Event('input'));");
        waitFor(Duration.ofSeconds(10), "the slider to show epoch 0",
                () -> browser.findElement(By.id("epoch-label")).getText().equals("epoch 0"));
        waitFor(Duration.ofSeconds(10), "the epoch-0 diagram", () -> points("diagram") >= 40);
    }

    @Test
    @Order(3)
    void checkpointEndpointsServeStoredBlobs() throws Exception {
        JsonNode epochs = getJson("/api/runs/" + runId + "/epochs");
        assertEquals(3, epochs.size(), "epochs -1, 0 and 1: " + epochs);
        JsonNode last = epochs.get(2);
        assertEquals(1, last.get("epoch").asInt());
        assertTrue(last.get("grid").asBoolean());
        assertTrue(last.get("clouds").toString().contains("\"samples\""), last.toString());
        assertTrue(last.get("clouds").size() > 1, "no generator layer clouds: " + last);

        JsonNode diagram = getJson("/api/runs/" + runId + "/epochs/1/diagrams/samples");
        assertEquals(40, diagram.get("dimensions").get("0").size(), "40 points give 40 H0 bars");
        assertTrue(diagram.get("dimensions").get("0").toString().contains("null"),
                "the infinite H0 bar is served with a null death");

        HttpResponse<byte[]> png = getBytes("/api/runs/" + runId + "/epochs/1/diagrams/samples.png");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertEquals((byte) 0x89, png.body()[0]);
        HttpResponse<byte[]> npy = getBytes("/api/runs/" + runId + "/epochs/-1/diagrams/real.npy");
        assertEquals(200, npy.statusCode());
        assertEquals((byte) 0x93, npy.body()[0], "not an .npy file");
        HttpResponse<byte[]> grid = getBytes("/api/runs/" + runId + "/epochs/0/grid.png");
        assertEquals(200, grid.statusCode());
        assertEquals((byte) 0x89, grid.body()[0]);

        assertEquals(404, getBytes("/api/runs/" + runId + "/epochs/7/diagrams/samples")
                .statusCode());
        assertEquals(404, getBytes("/api/runs/" + runId + "/epochs/1/diagrams/nothing")
                .statusCode());
        assertEquals(404, getBytes("/api/runs/" + runId + "/epochs/7/grid.png").statusCode());

        JsonNode comparison = getJson("/api/compare?runs=" + runId + "&metric=h0.entropy");
        assertEquals(2, comparison.get("series").get(0).get("points").size());
    }

    @Test
    @Order(4)
    void unknownRunReadFromStorage() throws Exception {
        LocalStack.Credentials credentials = stack.credentials();
        BlobStore store = new BlobStore(StorageSettings.of(stack.s3Endpoint(),
                credentials.accessKey(), credentials.secretKey(), stack.bucket()));
        String archived = "archived-run-1";
        RunConfig config = new RunConfig("gan", "mnist", List.of(1), 1, 128, 3, 16, 1, 32, 4, 32,
                20, 99L);
        store.putText(ObjectKeys.config(archived), EventJson.mapper().writeValueAsString(config),
                "application/json");
        JsonNode run = getJson("/api/runs/" + archived);
        assertEquals("gan", run.get("config").get("model").asText());
        assertEquals(128, run.get("config").get("trainingImages").asInt());
        assertEquals(404, getBytes("/api/runs/never-stored-run").statusCode());
    }

    // ---- helpers ----

    private static void fill(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Returns the number of data points in all datasets of a dashboard chart. */
    private static int points(String chart) {
        Object count = js("const c = window.topogan.charts['" + chart + "'];"
                + " return c.data.datasets.reduce((n, d) => n + d.data.filter(v => v !== null)"
                + ".length, 0);");
        return ((Number) count).intValue();
    }

    /** Returns the number of non-transparent pixels of a chart's canvas. */
    private static int paintedPixels(String chart) {
        Object count = js("const c = window.topogan.charts['" + chart + "'].canvas;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }"
                + " return n;");
        return ((Number) count).intValue();
    }

    private static void waitFor(Duration timeout, String what, Supplier<Boolean> condition) {
        try {
            new WebDriverWait(browser, timeout, Duration.ofMillis(500))
                    .withMessage("timed out waiting for " + what)
                    // The page re-renders the run list on every status event.
                    .ignoring(StaleElementReferenceException.class)
                    .until(driver -> condition.get());
        } catch (RuntimeException e) {
            screenshot("failure");
            System.out.println(LocalStack.tail(stack.logFile("gateway")));
            throw e;
        }
    }

    private static void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.out.println("screenshot " + name + " failed: " + e);
        }
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return EventJson.mapper().readTree(response.body());
    }

    private static HttpResponse<byte[]> getBytes(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
