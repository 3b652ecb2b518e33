package io.topogan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.deploy.Repo.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Builds each overlay with {@code kubectl kustomize} and checks the result. Skipped when kubectl
 * is not on the PATH, because the build needs no cluster but does need kubectl's built-in
 * kustomize.
 */
class OverlayBuildTest {

    private static List<Document> build(String overlay) throws IOException, InterruptedException {
        Assumptions.assumeTrue(kubectlAvailable(), "kubectl is not on the PATH");
        Path folder = Repo.K8S.resolve("overlays").resolve(overlay);
        Process process = new ProcessBuilder("kubectl", "kustomize", folder.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize timed out");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + " failed:\n" + output);
        return Repo.documents(folder.resolve("(built)"), output);
    }

    private static boolean kubectlAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> trainer(List<Document> documents) {
        Document deployment = documents.stream()
                .filter(document -> "Deployment".equals(document.kind())
                        && "trainer".equals(document.name()))
                .findFirst().orElseThrow(() -> new AssertionError("no trainer Deployment"));
        return KubernetesManifestsTest.container(deployment);
    }

    private static void assertValidAndNamespaced(List<Document> documents) {
        List<String> problems = KubernetesManifestsTest.validate(documents);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        for (Document document : documents) {
            if (!"Namespace".equals(document.kind())) {
                assertEquals("topogan", Yaml2.string(document.content(), "metadata", "namespace"),
                        document.kind() + " " + document.name());
            }
        }
        assertTrue(documents.stream().anyMatch(document -> "ConfigMap".equals(document.kind())
                && "topogan-grafana-dashboards".equals(document.name())), "dashboards ConfigMap");
    }

    @Test
    void gpuOverlayBuilds() throws Exception {
        List<Document> documents = build("gpu");
        assertValidAndNamespaced(documents);
        Map<String, Object> trainer = trainer(documents);
        assertEquals("topogan/trainer:0.1.0-gpu", trainer.get("image"));
        assertEquals(1, Yaml2.get(trainer, "resources", "limits", "nvidia.com/gpu"));
        Document deployment = documents.stream()
                .filter(document -> "trainer".equals(document.name())
                        && "Deployment".equals(document.kind()))
                .findFirst().orElseThrow();
        assertNotNull(Yaml2.map(deployment.content(),
                "spec", "template", "spec", "nodeSelector"), "nodeSelector");
    }

    @Test
    void cpuSmallOverlayHasNoGpu() throws Exception {
        List<Document> documents = build("cpu-small");
        assertValidAndNamespaced(documents);
        Map<String, Object> trainer = trainer(documents);
        assertEquals("topogan/trainer:0.1.0", trainer.get("image"));
        assertFalse(Yaml2.map(trainer, "resources", "limits").containsKey("nvidia.com/gpu"),
                "cpu-small trainer still limits nvidia.com/gpu");
        assertNotNull(Yaml2.get(trainer, "resources", "limits", "memory"));
        for (Document document : documents) {
            if ("ScaledObject".equals(document.kind())) {
                assertEquals(2, Yaml2.get(document.content(), "spec", "maxReplicaCount"),
                        document.name());
            }
        }
    }
}
