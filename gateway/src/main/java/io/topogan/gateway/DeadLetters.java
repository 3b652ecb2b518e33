package io.topogan.gateway;

import io.quarkus.logging.Log;
import io.topogan.events.DeadLetter;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The newest records that analyzers could not process, read from {@code topogan.dead-letter}
 * (replayed from the beginning on start), so users see failed analyses beside their runs.
 */
@ApplicationScoped
public class DeadLetters {

    /** Dead letters kept in memory; older ones stay on the topic. */
    static final int CAPACITY = 1000;

    private final Deque<DeadLetter> newest = new ArrayDeque<>();

    @Incoming("dead-letters")
    public void onDeadLetter(String json) {
        try {
            record(EventJson.read(json, DeadLetter.class));
        } catch (InvalidEventException e) {
            Log.warnf("skipped an invalid DeadLetter event: %s", e.getMessage());
        }
    }

    synchronized void record(DeadLetter letter) {
        newest.addFirst(letter);
        if (newest.size() > CAPACITY) {
            newest.removeLast();
        }
    }

    /** Returns the newest dead letters first, of one run when {@code runId} is not null. */
    synchronized List<DeadLetter> list(String runId) {
        List<DeadLetter> result = new ArrayList<>();
        for (DeadLetter letter : newest) {
            if (runId == null || runId.equals(letter.runId())) {
                result.add(letter);
            }
        }
        return result;
    }
}
