package io.topogan.trainer;

import io.quarkus.logging.Log;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import io.topogan.events.RunRequested;
import io.topogan.events.RunStatus;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code RunRequested} events and trains each run on a single training thread, one run
 * after another. A request is acknowledged when it is queued, because training takes far longer
 * than Kafka lets a consumer hold a record.
 */
@ApplicationScoped
public class RunRequestConsumer {

    // NOTE: a run queued or training when this process dies is not restarted; the request's
    // offset is already committed.
    private final ExecutorService trainingThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "training");
        thread.setDaemon(true);
        return thread;
    });

    private final TrainingJob job;
    private final StatusPublisher status;

    public RunRequestConsumer(TrainingJob job, StatusPublisher status) {
        this.job = job;
        this.status = status;
    }

    @Incoming("run-requests")
    public void onRunRequested(String json) {
        RunRequested request;
        try {
            request = EventJson.read(json, RunRequested.class);
        } catch (InvalidEventException e) {
            Log.errorf("rejected a run request: %s", e.getMessage());
            return;
        }
        List<String> problems = request.config() == null
                ? List.of("config: missing") : request.config().problems();
        if (!problems.isEmpty()) {
            Log.errorf("rejected run %s: %s", request.runId(), problems);
            status.publish(request.runId(), RunStatus.State.FAILED, -1, request.config(), null,
                    "invalid run settings: " + String.join("; ", problems));
            return;
        }
        Log.infof("queued run=%s model=%s dataset=%s epochs=%d", request.runId(),
                request.config().model(), request.config().dataset(), request.config().epochs());
        trainingThread.submit(() -> job.run(request));
    }

    @PreDestroy
    void stop() {
        trainingThread.shutdownNow();
    }
}
