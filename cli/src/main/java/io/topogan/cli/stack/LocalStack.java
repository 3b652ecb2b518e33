package io.topogan.cli.stack;

import io.topogan.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The local stack: a single-node Kafka broker in KRaft mode, an S3-compatible object store
 * (S3Proxy on a filesystem folder) and the four services, each its own Java process started from
 * the built project. Everything lives under one home folder: {@code conf/} (generated settings
 * and credentials), {@code data/} (broker log and object store), {@code logs/} (one log per
 * process) and {@code run/} (pid files). Processes outlive the JVM that started them; {@link #down}
 * stops them by pid.
 */
public final class LocalStack {

    /** Kafka partitions per topic: enough for a few analyzer replicas per consumer group. */
    public static final int PARTITIONS = 4;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String HOME_MARKER = "-Dtopogan.stack.home=";

    private final Path root;
    private final Path home;
    private final StackPorts ports;
    private final Map<String, String> serviceOverrides = new LinkedHashMap<>();

    /**
     * @param root the project's root folder, which contains the built services and {@code data/}
     * @param home folder of the stack's settings, data, logs and pid files
     * @param ports ports to use when the home folder has none stored yet
     */
    public LocalStack(Path root, Path home, StackPorts ports) {
        this.root = root.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.ports = storedPorts().orElse(ports);
    }

    /** Sets an environment variable for every service process started after this call. */
    public LocalStack withServiceEnvironment(String name, String value) {
        serviceOverrides.put(name, value);
        return this;
    }

    public Path home() {
        return home;
    }

    public StackPorts ports() {
        return ports;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + ports.kafka();
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + ports.s3();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gateway();
    }

    /** Returns the bucket that contains every run. */
    public String bucket() {
        return "topogan";
    }

    /** Returns the stack's secrets, generating any that are missing. */
    public Credentials credentials() {
        Path file = home.resolve("conf/credentials.properties");
        try {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
            }
            boolean changed = false;
            for (var secret : Map.of("access-key", 20, "secret-key", 40, "gateway-token", 32)
                    .entrySet()) {
                if (properties.getProperty(secret.getKey(), "").isBlank()) {
                    properties.setProperty(secret.getKey(), randomToken(secret.getValue()));
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                try (OutputStream out = Files.newOutputStream(file)) {
                    properties.store(out, "secrets of the local stack");
                }
            }
            return new Credentials(properties.getProperty("access-key"),
                    properties.getProperty("secret-key"), properties.getProperty("gateway-token"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * Secrets of the local stack: the object store's access key and secret key, and the bearer
     * token of the gateway's endpoints that change state. {@link #toString()} hides the secrets.
     */
    public record Credentials(String accessKey, String secretKey, String gatewayToken) {
        @Override
        public String toString() {
            return "Credentials[accessKey=" + accessKey + "]";
        }
    }

    /** Returns the stack's processes in start order. */
    public List<Component> components() {
        return List.of(
                new Component("kafka", "Kafka broker (KRaft)", null, ports.kafka()),
                new Component("s3", "S3 object store (S3Proxy)", null, ports.s3()),
                service("trainer", "trainer-service", ports.trainer()),
                service("homology", "homology-service", ports.homology()),
                service("metrics", "metrics-service", ports.metrics()),
                service("gateway", "gateway", ports.gateway()));
    }

    private static Component service(String name, String module, int port) {
        return new Component(name, module, "http://127.0.0.1:" + port + "/q/health/ready", port);
    }

    /**
     * Starts every process that is not running yet and waits until each is ready: Kafka with its
     * topics, the object store with its bucket, and each service's readiness check.
     *
     * @param progress receives one line per step
     * @throws StackException if a process exits or is not ready within three minutes; the message
     *     ends with the last lines of its log
     */
    public void up(Consumer<String> progress) {
        try {
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("run"));
            Files.createDirectories(home.resolve("conf"));
            storePorts();
            requireBuilt();
            Credentials credentials = credentials();

            startIfStopped("kafka", progress, this::startKafka);
            startIfStopped("s3", progress, () -> startS3(credentials));
            awaitPort("kafka", ports.kafka());
            createTopics(progress);
            awaitPort("s3", ports.s3());

            for (Component component : components().subList(2, components().size())) {
                startIfStopped(component.name(), progress,
                        () -> startService(component, credentials));
            }
            for (Component component : components().subList(2, components().size())) {
                awaitHealthy(component);
                progress.accept("ready: " + component.description() + " on port "
                        + component.port());
            }
        } catch (IOException e) {
            throw new StackException("cannot start the local stack in " + home + ": " + e, e);
        }
    }

    /** Stops every process of the stack, services first, waiting up to 20 s for each to exit. */
    public void down(Consumer<String> progress) {
        List<Component> reversed = new ArrayList<>(components());
        java.util.Collections.reverse(reversed);
        for (Component component : reversed) {
            Optional<ProcessHandle> process = runningProcess(component.name());
            if (process.isEmpty()) {
                deletePidFile(component.name());
                continue;
            }
            ProcessHandle handle = process.get();
            handle.destroy();
            try {
                handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                progress.accept(component.name() + " did not stop within 20 s, killing it");
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // onExit does not complete exceptionally; nothing to do.
            }
            deletePidFile(component.name());
            progress.accept("stopped: " + component.description());
        }
    }

    /**
     * Kills process {@code name} at once with SIGKILL, as a crash would, for fault tests; a later
     * {@link #up} starts it again.
     *
     * @return whether a running process was killed
     */
    public boolean kill(String name) {
        Optional<ProcessHandle> process = runningProcess(name);
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroyForcibly();
        process.get().onExit().join();
        deletePidFile(name);
        return true;
    }

    /** Status of one process: whether it runs, with which pid, and whether it is ready. */
    public record ComponentStatus(Component component, long pid, boolean running, boolean ready) {
    }

    /** Returns the status of every process of the stack. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> result = new ArrayList<>();
        for (Component component : components()) {
            Optional<ProcessHandle> process = runningProcess(component.name());
            boolean ready = process.isPresent() && isReady(component);
            result.add(new ComponentStatus(component, process.map(ProcessHandle::pid).orElse(-1L),
                    process.isPresent(), ready));
        }
        return result;
    }

    /**
     * Returns the folder of datasets that the trainer reads, one sub-folder per dataset:
     * {@code $TOPOGAN_DATA_DIR} when set, else the project's bundled {@code data/}.
     */
    public Path dataDir() {
        String configured = System.getenv("TOPOGAN_DATA_DIR");
        return configured == null || configured.isBlank() ? root.resolve("data")
                : Path.of(configured).toAbsolutePath();
    }

    /** Returns the log file of process {@code name}. */
    public Path logFile(String name) {
        return home.resolve("logs/" + name + ".log");
    }

    private void startIfStopped(String name, Consumer<String> progress, ProcessStarter starter)
            throws IOException {
        if (runningProcess(name).isPresent()) {
            progress.accept("already running: " + name);
            return;
        }
        progress.accept("starting " + name + " (log: " + logFile(name) + ")");
        Process process = starter.start();
        Files.writeString(pidFile(name), Long.toString(process.pid()));
    }

    @FunctionalInterface
    private interface ProcessStarter {
        Process start() throws IOException;
    }

    private Process startKafka() throws IOException {
        Path dataDir = home.resolve("data/kafka");
        Path config = home.resolve("conf/kafka.properties");
        Path logConfig = home.resolve("conf/kafka-log4j2.properties");
        Files.createDirectories(dataDir);
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + ports.controller(),
                "listeners=PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:"
                        + ports.controller(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports.kafka(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.retention.hours=-1",
                "") );
        Files.writeString(logConfig, String.join("\n",
                "appender.console.type=Console",
                "appender.console.name=STDOUT",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "logger.server.name=kafka.server.KafkaRaftServer",
                "logger.server.level=INFO",
                ""));
        String classpath = classpath("stack/kafka-broker");
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            List<String> format = javaCommand("kafka", "256m", classpath);
            format.add("-Dlog4j2.configurationFile=" + logConfig);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()));
            runToCompletion(format, logFile("kafka-format"));
        }
        List<String> command = javaCommand("kafka", "512m", classpath);
        command.add("-Dlog4j2.configurationFile=" + logConfig);
        command.add("-Dkafka.logs.dir=" + home.resolve("logs"));
        command.addAll(List.of("kafka.Kafka", config.toString()));
        return launch(command, "kafka", Map.of());
    }

    private Process startS3(Credentials credentials) throws IOException {
        Path dataDir = home.resolve("data/s3");
        Files.createDirectories(dataDir);
        Path config = home.resolve("conf/s3proxy.properties");
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", s3Endpoint());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", credentials.accessKey());
        properties.setProperty("s3proxy.credential", credentials.secretKey());
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        properties.setProperty("jclouds.identity", credentials.accessKey());
        properties.setProperty("jclouds.credential", credentials.secretKey());
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "S3Proxy settings of the local stack");
        }
        Path logConfig = home.resolve("conf/s3proxy-logback.xml");
        Files.writeString(logConfig, String.join("\n",
                "<configuration>",
                "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%d{ISO8601} %-5level [%logger{0}] %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"WARN\"><appender-ref ref=\"STDOUT\"/></root>",
                "</configuration>",
                ""));
        List<String> command = javaCommand("s3", "256m", classpath("stack/s3-server"));
        command.add("-Dlogback.configurationFile=" + logConfig);
        command.addAll(List.of("org.gaul.s3proxy.Main", "--properties", config.toString()));
        return launch(command, "s3", Map.of());
    }

    private Process startService(Component component, Credentials credentials)
            throws IOException {
        Path app = root.resolve(component.description()).resolve("target/quarkus-app/quarkus-run.jar");
        String heap = component.name().equals("trainer") ? "1g" : "512m";
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                HOME_MARKER + home, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-jar", app.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(component.port()));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        environment.put("TOPOGAN_STORAGE_ENDPOINT", s3Endpoint());
        environment.put("TOPOGAN_STORAGE_BUCKET", bucket());
        environment.put("TOPOGAN_STORAGE_ACCESS_KEY", credentials.accessKey());
        environment.put("TOPOGAN_STORAGE_SECRET_KEY", credentials.secretKey());
        environment.put("TOPOGAN_DATA_DIR", dataDir().toString());
        if (component.name().equals("gateway")) {
            environment.put("TOPOGAN_GATEWAY_TOKEN", credentials.gatewayToken());
        }
        environment.putAll(serviceOverrides);
        return launch(command, component.name(), environment);
    }

    private List<String> javaCommand(String name, String heap, String classpath) {
        return new ArrayList<>(List.of(javaExecutable(), HOME_MARKER + home, "-Xmx" + heap,
                "-XX:+UseSerialGC", "-cp", classpath));
    }

    private Process launch(List<String> command, String name, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void runToCompletion(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new StackException("command failed with exit code " + exit + ": "
                        + String.join(" ", command) + "\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new StackException("interrupted while running " + command.get(0), e);
        }
    }

    private void createTopics(Consumer<String> progress) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(properties)) {
            for (String topic : Topics.ALL) {
                while (true) {
                    try {
                        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                                .all().get();
                        progress.accept("created topic " + topic);
                        break;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof TopicExistsException) {
                            break;
                        }
                        requireAlive("kafka");
                        if (System.nanoTime() > deadline) {
                            throw new StackException("cannot create topic " + topic + ": "
                                    + e.getCause() + "\n" + tail(logFile("kafka")), e);
                        }
                        sleep(500);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating topics", e);
        }
    }

    private void awaitPort(String name, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                requireAlive(name);
                if (System.nanoTime() > deadline) {
                    throw new StackException(name + " is not listening on port " + port
                            + " after " + START_TIMEOUT.toSeconds() + " s\n" + tail(logFile(name)));
                }
                sleep(300);
            }
        }
    }

    private void awaitHealthy(Component component) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!isReady(component)) {
            requireAlive(component.name());
            if (System.nanoTime() > deadline) {
                throw new StackException(component.description() + " is not ready at "
                        + component.healthUrl() + " after " + START_TIMEOUT.toSeconds() + " s\n"
                        + tail(logFile(component.name())));
            }
            sleep(500);
        }
    }

    private boolean isReady(Component component) {
        if (component.healthUrl() == null) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", component.port()), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(component.healthUrl())
                    .toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            int code = connection.getResponseCode();
            connection.disconnect();
            return code == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private void requireAlive(String name) {
        if (runningProcess(name).isEmpty()) {
            throw new StackException(name + " exited during start-up\n" + tail(logFile(name)));
        }
    }

    /** Returns the process of {@code name} if its pid file names a live process of this stack. */
    private Optional<ProcessHandle> runningProcess(String name) {
        Path file = pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine()
                            .map(line -> line.contains(HOME_MARKER + home))
                            .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile(String name) {
        return home.resolve("run/" + name + ".pid");
    }

    private void deletePidFile(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String classpath(String module) throws IOException {
        Path file = root.resolve(module).resolve("target/classpath.txt");
        if (!Files.exists(file)) {
            throw new StackException(file + " is missing: build the project first with"
                    + " 'mvn -DskipTests install'");
        }
        return Files.readString(file).trim();
    }

    private void requireBuilt() {
        for (Component component : components().subList(2, components().size())) {
            Path app = root.resolve(component.description())
                    .resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(app)) {
                throw new StackException(app + " is missing: build the project first with"
                        + " 'mvn -DskipTests install'");
            }
        }
    }

    private Optional<StackPorts> storedPorts() {
        Path file = home.resolve("conf/ports.properties");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(StackPorts.from(properties));
    }

    private void storePorts() throws IOException {
        Properties properties = new Properties();
        ports.store(properties);
        try (OutputStream out = Files.newOutputStream(home.resolve("conf/ports.properties"))) {
            properties.store(out, "ports of the local stack; edit while it is down");
        }
    }

    /** Returns the last 30 lines of {@code log}, for error messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - 30);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(from,
                    lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String randomToken(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting", e);
        }
    }
}
