package io.topogan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.deploy.Repo.Channel;
import io.topogan.deploy.Repo.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks k8s/base and the overlays' own files, as written, against the model and the services. */
class KubernetesManifestsTest {

    private static final Path BASE = Repo.K8S.resolve("base");

    private static List<Document> base() {
        List<Document> documents = new ArrayList<>();
        for (Path file : Repo.yamlFiles(BASE)) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                documents.addAll(Repo.documents(file));
            }
        }
        return documents;
    }

    private static Document find(List<Document> documents, String kind, String name) {
        return documents.stream()
                .filter(document -> kind.equals(document.kind()) && name.equals(document.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in k8s/base"));
    }

    static Map<String, Object> container(Document deployment) {
        List<Object> containers = Yaml2.list(deployment.content(),
                "spec", "template", "spec", "containers");
        assertEquals(1, containers.size(), deployment.where() + ": expected one container");
        return Yaml2.map(containers.get(0));
    }

    static Map<String, String> plainEnvironment(Map<String, Object> container) {
        Map<String, String> environment = new TreeMap<>();
        for (Object entry : Yaml2.list(container, "env")) {
            Object value = Yaml2.get(entry, "value");
            if (value != null) {
                environment.put(Yaml2.string(entry, "name"), value.toString());
            }
        }
        return environment;
    }

    /** Validates every manifest; used for base, overlay files and built overlays. */
    static List<String> validate(List<Document> documents) {
        List<String> problems = new ArrayList<>();
        for (Document document : documents) {
            Map<String, Object> content = document.content();
            List<String> found;
            if (ObjectModel.isCore(content)) {
                found = ObjectModel.problems(content);
            } else if (CrdSchemas.isKnown(content)) {
                found = CrdSchemas.problems(content);
            } else {
                found = List.of("unexpected apiVersion/kind " + content.get("apiVersion") + " "
                        + content.get("kind") + ": add a check for it");
            }
            found.forEach(problem -> problems.add(document.where() + " " + document.kind() + " "
                    + document.name() + ": " + problem));
        }
        return problems;
    }

    @Test
    void everyManifestMatchesItsSchema() {
        List<Document> documents = new ArrayList<>(base());
        for (Path file : Repo.yamlFiles(Repo.K8S.resolve("overlays"))) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                documents.addAll(Repo.documents(file));
            }
        }
        assertTrue(documents.size() > 30, "expected the base's objects, found " + documents.size());
        List<String> problems = validate(documents);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void schemaCheckRejectsUnknownFields() {
        Path file = Path.of("inline.yaml");
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProb: {httpGet: {path: /q/health/ready, port: 8080}}
                """;
        String scaledObject = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: x}
                spec:
                  scaleTargetRef: {name: x}
                  triggers:
                    - type: kafka
                      metadata: {consumerGroup: g, topic: t, lagTreshold: "5"}
                """;
        String misspelledLabels = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x, lables: {a: b}}
                """;
        assertFalse(validate(Repo.documents(file, deployment)).isEmpty(), "misspelled probe");
        assertFalse(validate(Repo.documents(file, scaledObject)).isEmpty(), "misspelled lag key");
        assertFalse(validate(Repo.documents(file, misspelledLabels)).isEmpty(), "misspelled labels");
    }

    @Test
    void kustomizationsListExistingFiles() {
        for (Path kustomization : List.of(BASE.resolve("kustomization.yaml"),
                Repo.K8S.resolve("overlays/gpu/kustomization.yaml"),
                Repo.K8S.resolve("overlays/cpu-small/kustomization.yaml"),
                Repo.ROOT.resolve("deploy/grafana/kustomization.yaml"))) {
            Map<String, Object> content = Repo.yaml(kustomization);
            Path folder = kustomization.getParent();
            List<String> paths = new ArrayList<>();
            Yaml2.list(content, "resources").forEach(path -> paths.add(path.toString()));
            Yaml2.list(content, "patches").forEach(patch -> {
                String path = Yaml2.string(patch, "path");
                if (path != null) {
                    paths.add(path);
                }
            });
            Yaml2.list(content, "configMapGenerator").forEach(generator ->
                    Yaml2.list(generator, "files").forEach(path -> paths.add(path.toString())));
            for (String path : paths) {
                assertTrue(Files.exists(folder.resolve(path)),
                        kustomization + " refers to missing " + path);
            }
        }
        Set<String> listed = Yaml2.list(Repo.yaml(BASE.resolve("kustomization.yaml")), "resources")
                .stream().map(Object::toString).collect(Collectors.toSet());
        for (Path file : Repo.yamlFiles(BASE)) {
            String name = file.getFileName().toString();
            assertTrue(name.equals("kustomization.yaml") || listed.contains(name),
                    "k8s/base/" + name + " is not listed in k8s/base/kustomization.yaml");
        }
    }

    @Test
    void topicsMatchEventsModule() {
        Set<String> declared = Repo.declaredTopics();
        assertEquals(6, declared.size(), "topics in Topics.java: " + declared);
        assertTrue(declared.containsAll(Repo.channelTopics()),
                "channels use topics missing from Topics.java: " + Repo.channelTopics());
        Set<String> kafkaTopics = new TreeSet<>();
        for (Document document : base()) {
            if ("KafkaTopic".equals(document.kind())) {
                kafkaTopics.add(Yaml2.string(document.content(), "spec", "topicName"));
                assertEquals("topogan", Yaml2.string(document.content(),
                        "metadata", "labels", "strimzi.io/cluster"), document.where());
            }
        }
        assertEquals(declared, kafkaTopics);
    }

    @Test
    void workloadsMatchServiceConfiguration() {
        List<Document> documents = base();
        for (Map.Entry<String, String> workload : Repo.WORKLOAD_MODULES.entrySet()) {
            String name = workload.getKey();
            String module = workload.getValue();
            Document deployment = find(documents, "Deployment", name);
            Map<String, Object> container = container(deployment);
            int port = Repo.httpPort(module);

            String image = Yaml2.string(container, "image");
            String expectedImage = Repo.MODULE_IMAGES.get(module) + ":" + Repo.IMAGE_TAG
                    + (name.equals("trainer") ? "-gpu" : "");
            assertEquals(expectedImage, image, name + " image");

            Map<String, Object> httpPort = Yaml2.map(Yaml2.list(container, "ports").get(0));
            assertEquals("http", httpPort.get("name"), name + " port name");
            assertEquals(port, httpPort.get("containerPort"), name + " containerPort");
            assertEquals(Integer.toString(port),
                    plainEnvironment(container).get("QUARKUS_HTTP_PORT"), name + " QUARKUS_HTTP_PORT");

            assertEquals("/q/health/ready",
                    Yaml2.string(container, "readinessProbe", "httpGet", "path"), name);
            assertEquals("http", Yaml2.string(container, "readinessProbe", "httpGet", "port"), name);
            assertEquals("/q/health/live",
                    Yaml2.string(container, "livenessProbe", "httpGet", "path"), name);
            assertEquals("http", Yaml2.string(container, "livenessProbe", "httpGet", "port"), name);
            assertNotNull(Yaml2.map(container, "resources", "requests"), name + " requests");
            assertNotNull(Yaml2.map(container, "resources", "limits"), name + " limits");

            Document service = find(documents, "Service", name);
            Map<String, Object> servicePort = Yaml2.map(
                    Yaml2.list(service.content(), "spec", "ports").get(0));
            assertEquals(port, servicePort.get("port"), name + " Service port");
            assertEquals("http", servicePort.get("targetPort"), name + " Service targetPort");
            assertEquals(name, Yaml2.string(service.content(),
                    "spec", "selector", "app.kubernetes.io/name"), name + " Service selector");
        }
    }

    @Test
    void environmentNamesAreConfigKeys() {
        List<Document> documents = base();
        Set<String> sharedNames = Yaml2.map(find(documents, "ConfigMap", "topogan-config")
                .content(), "data").keySet();
        for (Map.Entry<String, String> workload : Repo.WORKLOAD_MODULES.entrySet()) {
            Set<String> known = Repo.configKeys(workload.getValue()).stream()
                    .map(Repo::environmentName).collect(Collectors.toSet());
            Map<String, Object> container = container(find(documents, "Deployment",
                    workload.getKey()));
            Set<String> names = new TreeSet<>();
            for (Object source : Yaml2.list(container, "envFrom")) {
                assertEquals("topogan-config", Yaml2.string(source, "configMapRef", "name"));
                names.addAll(sharedNames);
            }
            for (Object entry : Yaml2.list(container, "env")) {
                names.add(Yaml2.string(entry, "name"));
                Object reference = Yaml2.get(entry, "valueFrom", "configMapKeyRef");
                if (reference != null) {
                    assertTrue(sharedNames.contains(Yaml2.string(reference, "key")),
                            workload.getKey() + " refers to a missing key of topogan-config");
                }
            }
            assertTrue(names.contains("KAFKA_BOOTSTRAP_SERVERS"), workload.getKey());
            for (String name : names) {
                assertTrue(known.contains(name), workload.getKey() + " sets " + name
                        + ", which maps to no configuration key of " + workload.getValue());
            }
        }
    }

    @Test
    void analyzerSwitchesAndScalersMatchChannels() {
        List<Document> documents = base();
        Map<String, Integer> partitions = new TreeMap<>();
        for (Document document : documents) {
            if ("KafkaTopic".equals(document.kind())) {
                partitions.put(Yaml2.string(document.content(), "spec", "topicName"),
                        (Integer) Yaml2.get(document.content(), "spec", "partitions"));
            }
        }
        for (String analyzer : Repo.ANALYZERS) {
            String module = Repo.WORKLOAD_MODULES.get(analyzer);
            Map<String, Channel> channels = Repo.analyzerChannels(module);
            Channel channel = channels.get(analyzer);
            assertNotNull(channel, module + " has no channel switched by topogan.analyzers."
                    + analyzer + ".enabled");

            Document deployment = find(documents, "Deployment", analyzer);
            Map<String, String> environment = plainEnvironment(container(deployment));
            for (String other : channels.keySet()) {
                String variable = Repo.environmentName("topogan.analyzers." + other + ".enabled");
                assertEquals(Boolean.toString(other.equals(analyzer)), environment.get(variable),
                        analyzer + " must set " + variable);
            }
            assertNull(Yaml2.get(deployment.content(), "spec", "replicas"),
                    analyzer + ": KEDA owns the replicas, so the Deployment must not set them");

            Document scaler = find(documents, "ScaledObject", analyzer);
            assertEquals(analyzer, Yaml2.string(scaler.content(), "spec", "scaleTargetRef", "name"));
            List<Object> triggers = Yaml2.list(scaler.content(), "spec", "triggers");
            assertEquals(1, triggers.size(), analyzer + " triggers");
            Map<String, Object> metadata = Yaml2.map(triggers.get(0), "metadata");
            assertEquals("kafka", Yaml2.string(triggers.get(0), "type"));
            assertEquals(channel.group(), metadata.get("consumerGroup"), analyzer + " group");
            assertEquals(channel.topic(), metadata.get("topic"), analyzer + " topic");
            String bootstrap = (String) metadata.get("bootstrapServers");
            assertTrue(bootstrap.startsWith("topogan-kafka-bootstrap.topogan.svc"), bootstrap);
            int maxReplicas = (Integer) Yaml2.get(scaler.content(), "spec", "maxReplicaCount");
            assertTrue(maxReplicas <= partitions.get(channel.topic()), analyzer
                    + ": maxReplicaCount " + maxReplicas + " exceeds the partitions of "
                    + channel.topic());

            Document budget = find(documents, "PodDisruptionBudget", analyzer);
            assertEquals(analyzer, Yaml2.string(budget.content(),
                    "spec", "selector", "matchLabels", "app.kubernetes.io/name"));
        }
    }

    @Test
    void secretsAreReferencedNotStored() {
        List<Document> documents = base();
        for (Document document : documents) {
            assertFalse("Secret".equals(document.kind()),
                    document.where() + ": Secrets are created by hand, see docs/deploy.md");
        }
        String guide = Repo.read(Repo.ROOT.resolve("docs/deploy.md"));
        Map<String, Set<String>> references = new TreeMap<>();
        for (Path file : Repo.yamlFiles(BASE)) {
            collectSecretReferences(Repo.documents(file), references);
        }
        assertEquals(Set.of("minio-credentials", "topogan-gateway"), references.keySet());
        references.forEach((secret, keys) -> {
            assertTrue(guide.contains("create secret generic " + secret),
                    "docs/deploy.md does not show how to create " + secret);
            for (String key : keys) {
                assertTrue(guide.contains("--from-literal=" + key + "="),
                        "docs/deploy.md does not set key " + key + " of " + secret);
            }
        });
    }

    private static void collectSecretReferences(Object node, Map<String, Set<String>> references) {
        if (node instanceof Document document) {
            collectSecretReferences(document.content(), references);
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectSecretReferences(element, references));
        } else if (node instanceof Map<?, ?> map) {
            Object reference = map.get("secretKeyRef");
            if (reference != null) {
                references.computeIfAbsent(Yaml2.string(reference, "name"), k -> new TreeSet<>())
                        .add(Yaml2.string(reference, "key"));
            }
            map.values().forEach(value -> collectSecretReferences(value, references));
        }
    }

    @Test
    void trainerRequestsOneGpu() {
        Map<String, Object> trainer = container(find(base(), "Deployment", "trainer"));
        assertEquals(1, Yaml2.get(trainer, "resources", "limits", "nvidia.com/gpu"));
        assertEquals("/opt/topogan/data", plainEnvironment(trainer).get("TOPOGAN_DATA_DIR"));

        Map<String, Object> gpuPatch = Repo.yaml(Repo.K8S.resolve("overlays/gpu/trainer-gpu.yaml"));
        Map<String, Object> podSpec = Yaml2.map(gpuPatch, "spec", "template", "spec");
        assertNotNull(Yaml2.map(podSpec, "nodeSelector"), "gpu overlay nodeSelector");
        assertFalse(Yaml2.list(podSpec, "tolerations").isEmpty(), "gpu overlay tolerations");

        String cpuSmall = Repo.read(Repo.K8S.resolve("overlays/cpu-small/kustomization.yaml"));
        assertTrue(cpuSmall.contains("path: /spec/template/spec/containers/0/resources/limits/"
                + "nvidia.com~1gpu"), "cpu-small must remove the GPU limit");
    }
}
