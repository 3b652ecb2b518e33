package io.topogan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topogan.cli.GatewayClient;
import io.topogan.cli.RunWatcher;
import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains through the whole stack on a folder of PNG and JPEG images with one sub-folder per
 * class, one corrupt file and one text file. The run completes on the chosen class, every
 * analyzer delivers, and the skipped file shows in the run's status and dataset summary.
 */
class ImageFolderIT {

    private static final int PER_CLASS = 40;

    private static LocalStack stack;
    private static BlobStore store;

    @BeforeAll
    static void startStack() throws Exception {
        Path data = Files.createTempDirectory("topogan-folder-data");
        writeShapes(data.resolve("shapes"));
        Path root = Path.of(System.getProperty("topogan.home", "..")).toAbsolutePath();
        stack = new LocalStack(root, Files.createTempDirectory("topogan-folder"),
                StackPorts.free()).withServiceEnvironment("TOPOGAN_DATA_DIR", data.toString());
        stack.up(StackTests::progress);
        store = StackTests.blobStore(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.down(StackTests::progress);
        }
    }

    @Test
    void folderRunCompletesAndCountsSkippedFiles() throws Exception {
        RunConfig config = new RunConfig("gan", "folder:shapes", List.of(1), 1, 0, 2, 16, 1, 32,
                4, 32, 20, 5L);
        String runId = new GatewayClient(stack.gatewayUrl(), stack.credentials().gatewayToken())
                .startRun(config);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunWatcher.Outcome outcome = new RunWatcher(stack.bootstrapServers(), runId,
                new PrintStream(log, true, StandardCharsets.UTF_8)).watch(Duration.ofMinutes(6));
        System.out.print(log.toString(StandardCharsets.UTF_8));

        assertTrue(outcome.complete(), "run incomplete: " + outcome.status() + ", missing "
                + outcome.missing() + "\n" + LocalStack.tail(stack.logFile("trainer")));
        assertTrue(outcome.statuses().stream().map(RunStatus::message).anyMatch(
                ("training on " + PER_CLASS + " images; 1 unreadable image files skipped")::equals),
                "no status with the skipped count");
        JsonNode summary = EventJson.mapper().readTree(
                store.getText(ObjectKeys.datasetSummary(runId)));
        assertEquals(PER_CLASS, summary.path("images").asInt(), summary.toString());
        assertEquals(1, summary.path("skippedFiles").asInt(), summary.toString());
        assertTrue(summary.path("skippedExamples").toString().contains("broken.png"),
                summary.toString());
        assertTrue(outcome.metrics().stream()
                .filter(metric -> metric.analyzer().equals("id"))
                .allMatch(metric -> metric.values().containsKey("mle")
                        || !metric.undefined().isEmpty()), "an ID result without value or reason");
        List<MetricComputed> fid = outcome.metrics().stream()
                .filter(metric -> metric.analyzer().equals("fid")).toList();
        assertEquals(2, fid.size(), "one FID result per checkpoint");
    }

    /** Class 0: filled circles; class 1: filled squares, at varying places and sizes. */
    private static void writeShapes(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("circle"));
        Files.createDirectories(folder.resolve("square"));
        for (int i = 0; i < PER_CLASS; i++) {
            ImageIO.write(shape(i, true), "png", folder.resolve("circle/" + i + ".png").toFile());
            ImageIO.write(shape(i, false), i % 2 == 0 ? "png" : "jpg",
                    folder.resolve("square/" + i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
        }
        Files.write(folder.resolve("square/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(folder.resolve("square/notes.txt"), "not an image");
    }

    private static BufferedImage shape(int index, boolean circle) {
        BufferedImage image = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 48, 40);
        g.setColor(new Color(255, 255 - 4 * index, 4 * index));
        int size = 10 + index % 15;
        int x = 4 + (index * 7) % 20;
        int y = 3 + (index * 5) % 12;
        if (circle) {
            g.fillOval(x, y, size, size);
        } else {
            g.fillRect(x, y, size, size);
        }
        g.dispose();
        return image;
    }
}
