package io.topogan.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path home;

    @Test
    void credentialsGeneratedOnceAndPrivate() throws Exception {
        LocalStack stack = new LocalStack(home, home, StackPorts.defaults());
        LocalStack.Credentials first = stack.credentials();
        LocalStack.Credentials second = new LocalStack(home, home, StackPorts.defaults())
                .credentials();
        assertEquals(first, second);
        assertNotEquals(first.accessKey(), first.secretKey());
        assertEquals(40, first.secretKey().length());
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(
                home.resolve("conf/credentials.properties"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                permissions);
        assertFalse(first.toString().contains(first.secretKey()));
        assertFalse(first.toString().contains(first.gatewayToken()));
    }

    @Test
    void statusOfStoppedStack() {
        LocalStack stack = new LocalStack(home, home, StackPorts.defaults());
        assertEquals(6, stack.status().size());
        assertTrue(stack.status().stream().noneMatch(LocalStack.ComponentStatus::running));
    }

    @Test
    void upWithoutBuildNamesMissingFile() {
        LocalStack stack = new LocalStack(home, home, StackPorts.free());
        StackException error = assertThrows(StackException.class, () -> stack.up(line -> { }));
        assertTrue(error.getMessage().contains("build the project first"), error.getMessage());
    }

    @Test
    void invalidPortRejected() {
        Properties properties = new Properties();
        properties.setProperty("port.kafka", "70000");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StackPorts.from(properties));
        assertTrue(error.getMessage().contains("port.kafka"), error.getMessage());
    }
}
