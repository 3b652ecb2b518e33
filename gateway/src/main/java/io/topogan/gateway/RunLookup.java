package io.topogan.gateway;

import io.quarkus.logging.Log;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds a run by id: first in the {@link RunHistory} replayed from Kafka, then, for a run unknown
 * in memory, from its {@code runs/{id}/config.json} in object storage (a run whose events have
 * expired from the topics, for example). Raises the API's 400 and 404 responses.
 */
@ApplicationScoped
public class RunLookup {

    private final RunHistory history;
    private final RunStorage storage;

    public RunLookup(RunHistory history, RunStorage storage) {
        this.history = history;
        this.storage = storage;
    }

    /** Returns the run, or raises 400 for an invalid id and 404 for an unknown run. */
    public RunHistory.RunView require(String runId) {
        if (!RunConfig.isValidRunId(runId)) {
            throw ApiErrors.invalid("runId", "use 1 to 63 lower-case letters, digits or '-', got "
                    + runId);
        }
        return history.find(runId)
                .or(() -> fromStorage(runId))
                .orElseThrow(() -> ApiErrors.notFound("run " + runId + " not found"));
    }

    private Optional<RunHistory.RunView> fromStorage(String runId) {
        Optional<BlobStore> store = storage.store();
        if (store.isEmpty()) {
            return Optional.empty();
        }
        String key = ObjectKeys.config(runId);
        try {
            RunConfig config = EventJson.mapper().readValue(store.get().getText(key),
                    RunConfig.class);
            return Optional.of(new RunHistory.RunView(runId, config, null, List.of()));
        } catch (StorageException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            Log.warnf("unreadable run configuration %s: %s", key, e.getMessage());
            return Optional.empty();
        }
    }
}
