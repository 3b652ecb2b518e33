package io.topogan.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Files of the repository as the tests see them. Maven runs the tests in the module folder, so
 * the repository root is its parent.
 */
final class Repo {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");

    /** Kubernetes workloads of the topogan services, each with the Maven module it runs. */
    static final Map<String, String> WORKLOAD_MODULES = Map.of(
            "gateway", "gateway",
            "trainer", "trainer-service",
            "homology", "homology-service",
            "entropy", "homology-service",
            "id", "metrics-service",
            "fid", "metrics-service");

    /** Image repository of each service module, without the tag. */
    static final Map<String, String> MODULE_IMAGES = Map.of(
            "gateway", "topogan/gateway",
            "trainer-service", "topogan/trainer",
            "homology-service", "topogan/homology",
            "metrics-service", "topogan/metrics");

    /** The analyzer workloads, which KEDA scales and compose may scale. */
    static final Set<String> ANALYZERS = Set.of("homology", "entropy", "id", "fid");

    /** The version of every topogan image. */
    static final String IMAGE_TAG = "0.1.0";

    private Repo() {
    }

    /** One YAML document of a file, with where it came from for error messages. */
    record Document(Path file, int index, Map<String, Object> content) {
        String where() {
            Path relative = file.isAbsolute() ? ROOT.relativize(file) : file;
            return relative + " (document " + (index + 1) + ")";
        }

        String kind() {
            return (String) content.get("kind");
        }

        String name() {
            Map<String, Object> metadata = Yaml2.map(content, "metadata");
            return metadata == null ? null : (String) metadata.get("name");
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses every non-empty YAML document of {@code file}. */
    static List<Document> documents(Path file) {
        return documents(file, read(file));
    }

    @SuppressWarnings("unchecked")
    static List<Document> documents(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(options);
        List<Document> result = new ArrayList<>();
        int index = 0;
        for (Object loaded : yaml.loadAll(text)) {
            if (loaded != null) {
                result.add(new Document(file, index, (Map<String, Object>) loaded));
            }
            index++;
        }
        return result;
    }

    /** Parses a single-document YAML file. */
    static Map<String, Object> yaml(Path file) {
        List<Document> documents = documents(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " has " + documents.size() + " documents, expected 1");
        }
        return documents.get(0).content();
    }

    /** Lists every YAML file under {@code folder}, sorted. */
    static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.toString().endsWith(".yaml")
                            || path.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Reads the application.properties of a service module. */
    static Properties applicationProperties(String module) {
        Path file = ROOT.resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    static int httpPort(String module) {
        return Integer.parseInt(applicationProperties(module).getProperty("quarkus.http.port"));
    }

    /**
     * Configuration keys that a module reads: those of its application.properties and the ones
     * read in code without a default there (the S3 credentials of the modules that store blobs,
     * and the gateway token).
     */
    static Set<String> configKeys(String module) {
        Set<String> keys = new TreeSet<>(applicationProperties(module).stringPropertyNames());
        if (keys.contains("topogan.storage.endpoint")) {
            keys.addAll(List.of("topogan.storage.access-key", "topogan.storage.secret-key"));
        }
        if (module.equals("gateway")) {
            keys.add("topogan.gateway.token");
        }
        return keys;
    }

    /**
     * Returns the environment variable that Quarkus maps to {@code key}: every character other than a
     * letter or digit becomes an underscore, and letters are upper case.
     */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Reads the topic names declared in io.topogan.events.Topics. */
    static Set<String> declaredTopics() {
        String source = read(ROOT.resolve("events/src/main/java/io/topogan/events/Topics.java"));
        Matcher matcher = Pattern.compile("String [A-Z_]+ = \"([^\"]+)\"").matcher(source);
        Set<String> topics = new TreeSet<>();
        while (matcher.find()) {
            topics.add(matcher.group(1));
        }
        return topics;
    }

    /**
     * Finds the incoming channels of a module that an analyzer switch turns on or off, by analyzer:
     * {@code mp.messaging.incoming.<channel>.enabled=${topogan.analyzers.<name>.enabled}}.
     */
    static Map<String, Channel> analyzerChannels(String module) {
        Properties properties = applicationProperties(module);
        Pattern enabled = Pattern.compile("\\$\\{topogan\\.analyzers\\.([a-z-]+)\\.enabled}");
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher keyMatcher = Pattern.compile("mp\\.messaging\\.incoming\\.([a-z-]+)\\.enabled")
                    .matcher(key);
            if (!keyMatcher.matches()) {
                continue;
            }
            Matcher valueMatcher = enabled.matcher(properties.getProperty(key));
            if (valueMatcher.matches()) {
                String prefix = "mp.messaging.incoming." + keyMatcher.group(1) + ".";
                channels.put(valueMatcher.group(1), new Channel(keyMatcher.group(1),
                        properties.getProperty(prefix + "topic"),
                        properties.getProperty(prefix + "group.id")));
            }
        }
        return channels;
    }

    /** An incoming Kafka channel: its name, topic and consumer group. */
    record Channel(String name, String topic, String group) {
    }

    /** Collects every topic named by a channel of the four services. */
    static Set<String> channelTopics() {
        Set<String> topics = new TreeSet<>();
        for (String module : MODULE_IMAGES.keySet()) {
            Properties properties = applicationProperties(module);
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                    topics.add(properties.getProperty(key));
                }
            }
        }
        return topics;
    }

    /** Reads a property of the root pom.xml. */
    static String rootPomProperty(String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
                .matcher(read(ROOT.resolve("pom.xml")));
        if (!matcher.find()) {
            throw new AssertionError("pom.xml has no property " + name);
        }
        return matcher.group(1).trim();
    }
}
