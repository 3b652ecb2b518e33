package io.topogan.trainer;

import io.quarkus.logging.Log;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import io.topogan.events.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stop requests for runs, read from {@code topogan.runs}: the gateway publishes a STOPPED status
 * with the message {@value #STOP_REQUESTED} when a user requests a stop. Every trainer instance
 * reads them in a consumer group of its own, so the instance training the run receives it.
 */
@ApplicationScoped
public class StopRequests {

    /** Message of the STOPPED status that requests a trainer to stop a run. */
    public static final String STOP_REQUESTED = "stop requested";

    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    @Incoming("run-status-in")
    public void onRunStatus(String json) {
        try {
            RunStatus status = EventJson.read(json, RunStatus.class);
            if (status.state() == RunStatus.State.STOPPED
                    && STOP_REQUESTED.equals(status.message())) {
                Log.infof("stop requested for run=%s", status.runId());
                requested.add(status.runId());
            }
        } catch (InvalidEventException e) {
            Log.warnf("skipped an invalid RunStatus event: %s", e.getMessage());
        }
    }

    /** Returns whether a user asked to stop the run since this trainer started. */
    public boolean isRequested(String runId) {
        return requested.contains(runId);
    }

    /**
     * Ends training at the next batch because this trainer is shutting down. Unlike a user's
     * stop, the run keeps its active mark, so the next trainer resumes it.
     */
    void shutDown() {
        shuttingDown = true;
    }

    /** Returns whether this trainer is shutting down. */
    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Forgets the request once the run has stopped. */
    void clear(String runId) {
        requested.remove(runId);
    }

    /** Thrown on the training thread to leave a run when the trainer shuts down. */
    static final class TrainerShutdown extends RuntimeException {
        TrainerShutdown(String runId) {
            super("run " + runId + " left because the trainer is shutting down", null, false,
                    false);
        }
    }

    /** Thrown on the training thread to end a run whose stop was requested. */
    static final class RunStopped extends RuntimeException {
        RunStopped(String runId) {
            super("run " + runId + " stopped on request", null, false, false);
        }
    }
}
