package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void committedExperimentsAreValidAtBothScales() throws IOException {
        List<String> names = Experiment.known(PROJECT);
        assertTrue(names.contains("fashion-dress"), names.toString());
        for (String name : names) {
            Path file = Experiment.locate(name, PROJECT);
            for (Experiment.Scale scale : Experiment.Scale.values()) {
                Experiment experiment = Experiment.read(file, scale);
                assertTrue(experiment.runs().size() >= 2, name + " compares fewer than 2 runs");
                for (Experiment.Run run : experiment.runs()) {
                    assertEquals(List.of(), run.config().problems(), name + "/" + run.label());
                }
            }
        }
    }

    @Test
    void fullScaleOverridesOnlyItsFields() throws IOException {
        Path file = write("{\"runs\": [{\"label\": \"a\", \"config\": {\"model\": \"gan\","
                + " \"epochs\": 4}, \"full\": {\"epochs\": 40, \"trainingImages\": 0}}]}");

        RunConfig cpu = Experiment.read(file, Experiment.Scale.CPU).runs().get(0).config();
        RunConfig full = Experiment.read(file, Experiment.Scale.FULL).runs().get(0).config();

        assertEquals("gan", cpu.model());
        assertEquals(4, cpu.epochs());
        assertEquals(RunConfig.demo().trainingImages(), cpu.trainingImages());
        assertEquals("gan", full.model());
        assertEquals(40, full.epochs());
        assertEquals(0, full.trainingImages());
    }

    @Test
    void badFilesNamedWithTheirProblem() throws IOException {
        assertProblem("{\"runs\": [", "invalid JSON");
        assertProblem("{\"runs\": []}", "non-empty \"runs\"");
        assertProblem("{\"runs\": [{\"label\": \"Big Label\"}]}", "label must be");
        assertProblem("{\"runs\": [{\"label\": \"a\"}, {\"label\": \"a\"}]}", "used twice");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"config\": {\"epoch\": 3}}]}",
                "unknown setting 'epoch'");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"config\": {\"epochs\": 0}}]}",
                "epochs: must be in");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"config\": {\"epochs\": \"ten\"}}]}",
                "invalid value of 'epochs'");
        assertProblem("{\"runs\": [{\"label\": \"a\"}]} trailing", "invalid JSON");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"config\": {\"epochs\": 3,"
                + " \"epochs\": 4}}]}", "invalid JSON");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"config\": {\"epochs\": 3.7}}]}",
                "invalid value of 'epochs'");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"config\": {\"classes\": [null]}}]}",
                "must not be null");
        assertProblem("{\"descripton\": \"x\", \"runs\": [{\"label\": \"a\"}]}",
                "unknown field 'descripton'");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"conifg\": {}}]}",
                "unknown field 'conifg'");
        assertProblem("{\"runs\": [{\"label\": \"a\", \"full\": {\"epochs\": -1}}]}",
                "at full scale: invalid settings: epochs");
    }

    @Test
    void fileNameMustSuitAReportFolder() throws IOException {
        Path file = temp.resolve("...json");
        Files.writeString(file, "{\"runs\": [{\"label\": \"a\"}]}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Experiment.read(file, Experiment.Scale.CPU));

        assertTrue(error.getMessage().contains("experiment name '..'"), error.getMessage());
    }

    @Test
    void replotRejectsLabelsThatAreNotFileNames() throws IOException {
        Path folder = temp.resolve("escape");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("runs.json"), "{\"name\": \"x\", \"runs\": ["
                + "{\"label\": \"../../out\", \"runId\": \"run-a\", \"config\": "
                + EventJson.mapper().writeValueAsString(RunConfig.demo()) + "}]}");
        Files.writeString(folder.resolve("metrics.jsonl"), "");

        CommandRunner.Result result = CommandRunner.run("experiment", "--replot",
                folder.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("label must be unique"), result.err());
        assertFalse(Files.exists(temp.resolve("out.png")));
    }

    @Test
    void unknownExperimentListsTheKnownOnes() {
        CommandRunner.Result result = CommandRunner.run("experiment", "no-such-experiment",
                "--report", temp.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("no experiment of that name"), result.err());
    }

    @Test
    void reportComparesRunsAndReplotsFromItsFiles() throws IOException {
        List<MetricComputed> metrics = new ArrayList<>();
        for (String run : List.of("run-a", "run-b")) {
            double spread = run.equals("run-a") ? 1.0 : 0.2;
            metrics.add(metric(run, -1, "entropy", "real", Map.of("h0.entropy", 0.99)));
            metrics.add(metric(run, -1, "id", "real", Map.of("mle", 9.0)));
            for (int epoch = 0; epoch < 3; epoch++) {
                metrics.add(metric(run, epoch, "entropy", "samples",
                        Map.of("h0.entropy", 0.9 * spread, "h1.entropy", 0.8 * spread)));
                metrics.add(metric(run, epoch, "entropy", "00-linear",
                        Map.of("h0.entropy", 0.5 + epoch, "h1.entropy", 0.4)));
                metrics.add(metric(run, epoch, "homology", "samples",
                        Map.of("h0.wasserstein_real", 100.0 / (epoch + 1), "h1.bars", 50.0)));
                metrics.add(metric(run, epoch, "fid", "samples", Map.of("fd_lenet", 40.0 - epoch)));
                metrics.add(metric(run, epoch, "id", "samples",
                        Map.of("mle", 8.0 * spread, "duplicates_removed", epoch * 10.0,
                                "distinct_points", 500.0 - epoch * 10.0)));
            }
        }
        Path folder = temp.resolve("exp");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("runs.json"), "{\"name\": \"exp\", \"runs\": ["
                + "{\"label\": \"a\", \"runId\": \"run-a\", \"note\": \"\", \"state\":"
                + " \"COMPLETED\", \"config\": " + EventJson.mapper().writeValueAsString(
                        RunConfig.demo()) + "},"
                + "{\"label\": \"b\", \"runId\": \"run-b\", \"note\": \"\", \"state\":"
                + " \"COMPLETED\", \"config\": " + EventJson.mapper().writeValueAsString(
                        RunConfig.demo()) + "}]}");
        StringBuilder lines = new StringBuilder();
        for (MetricComputed metric : metrics) {
            lines.append(EventJson.write(metric)).append('\n');
        }
        Files.writeString(folder.resolve("metrics.jsonl"), lines);

        CommandRunner.Result result = CommandRunner.run("experiment", "--replot",
                folder.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> series = Files.readAllLines(folder.resolve("series.csv"));
        assertEquals("label,run,epoch,h0_entropy,h1_entropy,h0_wasserstein_real,"
                + "h1_wasserstein_real,fd_lenet,id_mle,h1_bars,distinct_samples,"
                + "h0_wasserstein_previous,id_inv_mle,duplicates_removed", series.get(0));
        assertEquals(7, series.size());
        assertEquals("b,run-b,2,0.180000,0.160000,33.3333,,38.0000,1.60000,50.0000,480.000,,,"
                + "20.0000", series.get(6));
        for (String plot : List.of("overview.png", "layers-a.png", "layers-b.png")) {
            BufferedImage image = ImageIO.read(folder.resolve("plots").resolve(plot).toFile());
            assertNotNull(image, plot);
            assertTrue(image.getWidth() > 500, plot);
        }
        String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("| real | 0.9900 | - | - | - | - | 9.000 | - |"), summary);
    }

    @Test
    void replotOfAnOrdinaryFolderFailsClearly() {
        CommandRunner.Result result = CommandRunner.run("experiment", "--replot",
                temp.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("not an experiment report folder"), result.err());
    }

    private void assertProblem(String json, String expected) throws IOException {
        Path file = write(json);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Experiment.read(file, Experiment.Scale.CPU));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(temp, "experiment", ".json");
        Files.writeString(file, json);
        return file;
    }

    private static MetricComputed metric(String run, int epoch, String analyzer, String layer,
            Map<String, Double> values) {
        Instant now = Instant.parse("2026-12-04T10:15:00Z");
        return new MetricComputed(1, run, epoch, analyzer, layer, values, Map.of(), 5, now, now);
    }
}
