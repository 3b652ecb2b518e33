package io.topogan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks docker-compose.yml, its CPU override, .env.example and the Dockerfiles. */
class ComposeAndImagesTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(secret|password|token|access_key|root_user).*");

    private static Map<String, Object> compose() {
        return Repo.yaml(Repo.ROOT.resolve("docker-compose.yml"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = Yaml2.map(compose(), "services", name);
        assertNotNull(service, "docker-compose.yml has no service " + name);
        return service;
    }

    private static Map<String, Object> environment(String service) {
        Map<String, Object> environment = Yaml2.map(service(service), "environment");
        assertNotNull(environment, service + " has no environment map");
        return environment;
    }

    @Test
    void servicesMatchKubernetesWorkloads() {
        for (Map.Entry<String, String> workload : Repo.WORKLOAD_MODULES.entrySet()) {
            String name = workload.getKey();
            String module = workload.getValue();
            Map<String, Object> service = service(name);
            String image = Repo.MODULE_IMAGES.get(module) + ":" + Repo.IMAGE_TAG
                    + (name.equals("trainer") ? "-gpu" : "");
            assertEquals(image, service.get("image"), name + " image");
            assertEquals(module, Path.of(Yaml2.string(service, "build", "context")).normalize()
                    .toString(), name + " build context");
            Path dockerfile = Repo.ROOT.resolve(module)
                    .resolve(Yaml2.string(service, "build", "dockerfile"));
            assertTrue(Files.exists(dockerfile), name + ": missing " + dockerfile);
            assertEquals(Integer.toString(Repo.httpPort(module)),
                    String.valueOf(environment(name).get("QUARKUS_HTTP_PORT")), name + " port");

            Set<String> known = Repo.configKeys(module).stream()
                    .map(Repo::environmentName).collect(Collectors.toSet());
            for (String variable : environment(name).keySet()) {
                assertTrue(known.contains(variable), name + " sets " + variable
                        + ", which maps to no configuration key of " + module);
            }
        }
    }

    @Test
    void analyzerSwitchesMatchChannels() {
        for (String analyzer : Repo.ANALYZERS) {
            Set<String> switches = Repo.analyzerChannels(Repo.WORKLOAD_MODULES.get(analyzer))
                    .keySet();
            for (String other : switches) {
                String variable = Repo.environmentName("topogan.analyzers." + other + ".enabled");
                assertEquals(Boolean.toString(other.equals(analyzer)),
                        String.valueOf(environment(analyzer).get(variable)),
                        analyzer + " must set " + variable);
            }
        }
    }

    @Test
    void scalableServicesHaveNoFixedNames() {
        for (String analyzer : Repo.ANALYZERS) {
            Map<String, Object> service = service(analyzer);
            assertNull(service.get("container_name"), analyzer + " has a container_name");
            assertNull(service.get("ports"), analyzer + " publishes host ports");
        }
        assertNull(service("trainer").get("container_name"), "trainer has a container_name");
    }

    @Test
    void credentialsComeFromEnvFile() {
        Map<String, Object> services = Yaml2.map(compose(), "services");
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> environment = Yaml2.map(service.getValue(), "environment");
            if (environment == null) {
                continue;
            }
            environment.forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches()) {
                    assertTrue(String.valueOf(value).matches("\\$\\{[A-Z0-9_]+(:\\?[^}]*)?}"),
                            service.getKey() + "." + name + " must be ${VARIABLE} from .env, not "
                                    + value);
                }
            });
        }
        Set<String> defined = new TreeSet<>();
        for (String line : Repo.read(Repo.ROOT.resolve(".env.example")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                defined.add(pair[0].trim());
                if (SECRET_NAME.matcher(pair[0]).matches() && !pair[0].endsWith("_USER")) {
                    assertTrue(pair[1].startsWith("change-me"),
                            ".env.example must hold a placeholder for " + pair[0]);
                }
            }
        }
        Set<String> used = new TreeSet<>();
        for (String file : List.of("docker-compose.yml", "docker-compose.cpu.yml")) {
            Matcher matcher = VARIABLE.matcher(Repo.read(Repo.ROOT.resolve(file)));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        assertFalse(used.isEmpty());
        assertTrue(defined.containsAll(used), ".env.example lacks " + difference(used, defined));
    }

    @Test
    void kafkaCreatesEveryTopic() {
        assertEquals("apache/kafka:" + Repo.rootPomProperty("kafka.broker.version"),
                service("kafka").get("image"), "broker version of the local stack");
        assertEquals("broker,controller",
                String.valueOf(environment("kafka").get("KAFKA_PROCESS_ROLES")), "KRaft mode");
        String command = String.valueOf(service("kafka-init").get("command"));
        for (String topic : Repo.declaredTopics()) {
            assertTrue(command.contains(topic), "kafka-init does not create " + topic);
        }
        String bucketCommand = String.valueOf(service("minio-init").get("command"));
        assertTrue(bucketCommand.contains("mc mb --ignore-existing topogan/topogan"), bucketCommand);
    }

    @Test
    void trainerReservesGpuUnlessCpuOverride() {
        List<Object> devices = Yaml2.list(service("trainer"),
                "deploy", "resources", "reservations", "devices");
        assertEquals(1, devices.size(), "trainer GPU reservation");
        assertEquals("nvidia", Yaml2.string(devices.get(0), "driver"));
        String override = Repo.read(Repo.ROOT.resolve("docker-compose.cpu.yml"));
        assertTrue(override.contains("deploy: !reset {}"), "CPU override must drop the reservation");
        assertTrue(override.contains("dockerfile: src/main/docker/Dockerfile.jvm"), override);
        assertTrue(override.contains("image: topogan/trainer:" + Repo.IMAGE_TAG + "\n"), override);
    }

    @Test
    void dockerfilesRunAsNonRootWithHealthcheck() {
        List<Path> dockerfiles = new ArrayList<>();
        for (String module : Repo.MODULE_IMAGES.keySet()) {
            dockerfiles.add(Repo.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
        }
        dockerfiles.add(Repo.ROOT.resolve("trainer-service/src/main/docker/Dockerfile.gpu"));
        for (Path dockerfile : dockerfiles) {
            String text = Repo.read(dockerfile);
            String module = Repo.ROOT.relativize(dockerfile).getName(0).toString();
            int port = Repo.httpPort(module);
            Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
            assertTrue(user.find(), dockerfile + " has no USER");
            assertFalse(Set.of("0", "root").contains(user.group(1)), dockerfile + " runs as root");
            assertTrue(text.contains("HEALTHCHECK"), dockerfile + " has no HEALTHCHECK");
            assertTrue(text.contains("/q/health/ready"), dockerfile + " checks no health endpoint");
            assertTrue(text.contains("EXPOSE " + port + "\n"), dockerfile + " must expose " + port);
            assertTrue(text.contains("QUARKUS_HTTP_PORT=" + port), dockerfile + " port " + port);
            assertTrue(text.contains("target/quarkus-app/"), dockerfile + " copies no fast-jar");
        }
        String gpu = Repo.read(dockerfiles.get(dockerfiles.size() - 1));
        assertTrue(gpu.contains("PYTORCH_VERSION=" + Repo.rootPomProperty("pytorch.version")),
                "Dockerfile.gpu must name the PyTorch version of the root pom");
        assertTrue(gpu.contains("PYTORCH_FLAVOR=cu128"), "flavor of the pytorch-jni JNI library");
        assertTrue(gpu.contains("-Dai.djl.offline=true"), "DJL must not download at run time");
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }
}
