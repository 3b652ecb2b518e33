package io.topogan.trainer;

import io.quarkus.logging.Log;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import io.topogan.events.RunRequested;
import io.topogan.events.RunStatus;
import io.quarkus.runtime.StartupEvent;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code RunRequested} events and trains each run on a single training thread, one run
 * after another. Training takes far longer than Kafka lets a consumer hold a record, so a request
 * is acknowledged once it is marked active in object storage ({@code trainer/active/{run}.json});
 * on start, the trainer resumes every run still marked active, each after its last stored epoch.
 */
@ApplicationScoped
public class RunRequestConsumer {

    // NOTE: the active marks are not leases. Two trainer replicas that start together both resume
    // the same runs; run one trainer per bucket until runs are claimed with a lease.
    private static final long SHUTDOWN_WAIT_SECONDS = 20;

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor trainingThread = new ThreadPoolExecutor(1, 1, 0,
            TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "training");
                thread.setDaemon(true);
                return thread;
            });

    private final TrainingJob job;
    private final StatusPublisher status;
    private final BlobStore store;
    private final StopRequests stops;

    public RunRequestConsumer(TrainingJob job, StatusPublisher status, BlobStore store,
            StopRequests stops) {
        this.job = job;
        this.status = status;
        this.store = store;
        this.stops = stops;
    }

    /** Resumes the runs that a previous trainer process accepted and did not finish. */
    void resumeActiveRuns(@Observes StartupEvent startup) {
        for (String key : store.list(ObjectKeys.ACTIVE_RUNS)) {
            try {
                RunRequested request = EventJson.read(store.getText(key), RunRequested.class);
                Log.infof("resuming run=%s accepted before this trainer started",
                        request.runId());
                queue(request);
            } catch (InvalidEventException | StorageException e) {
                Log.errorf("cannot resume the run marked by %s: %s", key, e.getMessage());
            }
        }
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
        store.putText(ObjectKeys.activeRun(request.runId()), json, "application/json");
        queue(request);
    }

    private void queue(RunRequested request) {
        if (!queued.add(request.runId())) {
            Log.infof("run %s is already queued or training; ignoring the repeated request",
                    request.runId());
            return;
        }
        Log.infof("queued run=%s model=%s dataset=%s epochs=%d", request.runId(),
                request.config().model(), request.config().dataset(), request.config().epochs());
        trainingThread.submit(() -> {
            try {
                job.run(request);
            } finally {
                queued.remove(request.runId());
            }
        });
    }

    /**
     * Lets the training thread leave its run at the next batch and waits for it. The JVM must
     * not exit while that thread is inside libtorch: libtorch's own teardown at exit would pull
     * the memory from under it and the process would crash instead of stopping.
     */
    @PreDestroy
    void stop() {
        stops.shutDown();
        // Queued runs keep their active marks and resume at the next start. No interrupt: it
        // would fail a run that is writing to storage.
        trainingThread.getQueue().clear();
        trainingThread.shutdown();
        try {
            if (!trainingThread.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                Log.warnf("the training thread did not stop within %d s", SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
