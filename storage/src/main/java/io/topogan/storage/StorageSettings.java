package io.topogan.storage;

import java.time.Duration;

/**
 * Connection settings of the object store.
 *
 * @param endpoint URL of the S3 API, such as {@code http://127.0.0.1:9000}
 * @param accessKey access key id
 * @param secretKey secret key; never logged
 * @param bucket bucket that contains every run
 * @param maxAttempts attempts of each operation before it fails, at least 1
 * @param firstBackoff wait after the first failed attempt; it doubles after each failure
 * @param maxBackoff longest wait between two attempts
 */
public record StorageSettings(
        String endpoint,
        String accessKey,
        String secretKey,
        String bucket,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff) {

    public StorageSettings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("storage endpoint is missing");
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("storage credentials are missing: set the access"
                    + " key and secret key (TOPOGAN_STORAGE_ACCESS_KEY, TOPOGAN_STORAGE_SECRET_KEY)");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("storage bucket is missing");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Settings with the default retry policy: 8 attempts, backoff from 0.5 s doubling to 15 s. */
    public static StorageSettings of(String endpoint, String accessKey, String secretKey,
            String bucket) {
        return new StorageSettings(endpoint, accessKey, secretKey, bucket, 8,
                Duration.ofMillis(500), Duration.ofSeconds(15));
    }

    /**
     * Reads the settings from configuration properties {@code topogan.storage.endpoint},
     * {@code .bucket}, {@code .access-key} and {@code .secret-key}, and the optional retry
     * settings {@code .max-attempts}, {@code .first-backoff-ms} and {@code .max-backoff-ms},
     * looked up through {@code property} (for example MicroProfile Config, which also maps the
     * environment variables {@code TOPOGAN_STORAGE_ACCESS_KEY} and so on).
     *
     * @throws IllegalArgumentException if a setting is missing or a number is invalid
     */
    public static StorageSettings fromProperties(
            java.util.function.Function<String, java.util.Optional<String>> property) {
        StorageSettings defaults = of(
                property.apply("topogan.storage.endpoint").orElse(null),
                property.apply("topogan.storage.access-key").orElse(null),
                property.apply("topogan.storage.secret-key").orElse(null),
                property.apply("topogan.storage.bucket").orElse("topogan"));
        return new StorageSettings(defaults.endpoint(), defaults.accessKey(),
                defaults.secretKey(), defaults.bucket(),
                (int) number(property, "topogan.storage.max-attempts", defaults.maxAttempts()),
                Duration.ofMillis(number(property, "topogan.storage.first-backoff-ms",
                        defaults.firstBackoff().toMillis())),
                Duration.ofMillis(number(property, "topogan.storage.max-backoff-ms",
                        defaults.maxBackoff().toMillis())));
    }

    private static long number(
            java.util.function.Function<String, java.util.Optional<String>> property,
            String name, long fallback) {
        String value = property.apply(name).orElse(null);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer, got '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        return "StorageSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", maxAttempts="
                + maxAttempts + "]";
    }
}
