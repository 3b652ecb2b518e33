package io.topogan.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * TCP ports of the local stack, all on 127.0.0.1.
 *
 * @param kafka Kafka client listener
 * @param controller Kafka KRaft controller listener
 * @param s3 S3 API of the object store
 * @param gateway gateway HTTP port (API, dashboard, health, metrics)
 * @param trainer trainer-service HTTP port (health, metrics)
 * @param homology homology-service HTTP port
 * @param metrics metrics-service HTTP port
 */
public record StackPorts(int kafka, int controller, int s3, int gateway, int trainer, int homology,
        int metrics) {

    /** Default ports, chosen away from the usual 9092, 9000 and 8080 to avoid clashes. */
    public static StackPorts defaults() {
        return new StackPorts(19092, 19093, 19000, 18080, 18081, 18082, 18083);
    }

    /** Ports that were free when this method ran, for tests that run beside other stacks. */
    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), freePort());
    }

    /** Returns the defaults overridden by {@code port.NAME} entries of {@code properties}. */
    public static StackPorts from(Properties properties) {
        StackPorts d = defaults();
        return new StackPorts(
                port(properties, "kafka", d.kafka),
                port(properties, "controller", d.controller),
                port(properties, "s3", d.s3),
                port(properties, "gateway", d.gateway),
                port(properties, "trainer", d.trainer),
                port(properties, "homology", d.homology),
                port(properties, "metrics", d.metrics));
    }

    /** Writes these ports as {@code port.NAME} entries. */
    public void store(Properties properties) {
        properties.setProperty("port.kafka", Integer.toString(kafka));
        properties.setProperty("port.controller", Integer.toString(controller));
        properties.setProperty("port.s3", Integer.toString(s3));
        properties.setProperty("port.gateway", Integer.toString(gateway));
        properties.setProperty("port.trainer", Integer.toString(trainer));
        properties.setProperty("port.homology", Integer.toString(homology));
        properties.setProperty("port.metrics", Integer.toString(metrics));
    }

    private static int port(Properties properties, String name, int fallback) {
        String value = properties.getProperty("port." + name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port." + name + " must be a port number in"
                    + " 1..65535, got '" + value + "'");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
