package io.topogan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {

    private static final Map<String, String> BASE = Map.of(
            "topogan.storage.endpoint", "http://127.0.0.1:9000",
            "topogan.storage.access-key", "access",
            "topogan.storage.secret-key", "very-secret");

    private static StorageSettings read(Map<String, String> properties) {
        return StorageSettings.fromProperties(name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void defaultsWhenRetrySettingsAbsent() {
        StorageSettings settings = read(BASE);
        assertEquals("topogan", settings.bucket());
        assertEquals(8, settings.maxAttempts());
        assertEquals(Duration.ofMillis(500), settings.firstBackoff());
    }

    @Test
    void retrySettingsRead() {
        var properties = new java.util.HashMap<>(BASE);
        properties.put("topogan.storage.max-attempts", "40");
        properties.put("topogan.storage.max-backoff-ms", "2000");
        StorageSettings settings = read(properties);
        assertEquals(40, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(2), settings.maxBackoff());
    }

    @Test
    void invalidRetrySettingRejected() {
        var properties = new java.util.HashMap<>(BASE);
        properties.put("topogan.storage.max-attempts", "many");
        var error = assertThrows(IllegalArgumentException.class, () -> read(properties));
        assertTrue(error.getMessage().contains("topogan.storage.max-attempts"));
    }

    @Test
    void missingCredentialsRejected() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("topogan.storage.endpoint", "http://127.0.0.1:9000")));
        assertTrue(error.getMessage().contains("TOPOGAN_STORAGE_ACCESS_KEY"));
    }

    @Test
    void secretNotInToString() {
        assertFalse(read(BASE).toString().contains("very-secret"));
    }
}
