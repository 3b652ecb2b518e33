package io.topogan.gateway;

import io.quarkus.logging.Log;
import io.topogan.storage.BlobStore;
import io.topogan.storage.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The gateway's object-store client, built from {@code topogan.storage.*}. The gateway only reads
 * blobs, so it never creates the bucket. Without credentials it runs without storage: endpoints
 * that serve blobs return 503, and a run unknown in memory is not looked up.
 *
 * <p>Reads are interactive, so the retry policy is shorter than the services' default: 3
 * attempts with 200 ms to 1 s between them.
 */
@ApplicationScoped
public class RunStorage {

    private final Optional<BlobStore> store;

    public RunStorage(Config config) {
        Optional<String> accessKey = config.getOptionalValue("topogan.storage.access-key",
                String.class);
        Optional<String> secretKey = config.getOptionalValue("topogan.storage.secret-key",
                String.class);
        if (accessKey.isEmpty() || secretKey.isEmpty()) {
            Log.warn("object storage is not configured (set TOPOGAN_STORAGE_ACCESS_KEY and"
                    + " TOPOGAN_STORAGE_SECRET_KEY); diagrams and sample grids are unavailable");
            store = Optional.empty();
            return;
        }
        StorageSettings defaults = StorageSettings.fromProperties(
                name -> config.getOptionalValue(name, String.class));
        StorageSettings settings = new StorageSettings(defaults.endpoint(), defaults.accessKey(),
                defaults.secretKey(), defaults.bucket(), 3, Duration.ofMillis(200),
                Duration.ofSeconds(1));
        Log.infof("object storage %s", settings);
        store = Optional.of(new BlobStore(settings));
    }

    /** Returns the client, or empty when no credentials are configured. */
    public Optional<BlobStore> store() {
        return store;
    }

    /** Returns the client, or raises a 503 response that names the settings to configure. */
    public BlobStore require() {
        return store.orElseThrow(() -> new WebApplicationException(ApiErrors.response(503,
                "object storage is not configured on the gateway; set TOPOGAN_STORAGE_ACCESS_KEY"
                        + " and TOPOGAN_STORAGE_SECRET_KEY")));
    }
}
