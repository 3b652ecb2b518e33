package io.topogan.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the required fields that an event read from JSON lacks. JSON binding leaves a missing or
 * null field null, and a consumer that dereferences it later fails far from the input. Fields
 * documented as optional (losses, messages, {@link RunStatus#config()}, {@link
 * RunRequested#config()}, {@link DeadLetter#payload()}, the {@code checkpointCreatedAt} of
 * results) may stay null.
 */
final class RequiredFields {

    private RequiredFields() {
    }

    /** Returns the paths of the missing fields, such as {@code samples.key}; empty if none. */
    static List<String> missing(Event event) {
        List<String> missing = new ArrayList<>();
        if (event instanceof RunRequested request) {
            require(missing, "requestedAt", request.requestedAt());
        } else if (event instanceof CheckpointReady checkpoint) {
            requireCheckpoint(missing, checkpoint);
        } else if (event instanceof DiagramsReady diagrams) {
            require(missing, "layer", diagrams.layer());
            requireBlob(missing, "diagrams", diagrams.diagrams());
            require(missing, "createdAt", diagrams.createdAt());
        } else if (event instanceof MetricComputed metric) {
            require(missing, "analyzer", metric.analyzer());
            require(missing, "layer", metric.layer());
            for (Map.Entry<String, String> entry : metric.undefined().entrySet()) {
                require(missing, "undefined." + entry.getKey(), entry.getValue());
            }
            require(missing, "createdAt", metric.createdAt());
        } else if (event instanceof RunStatus status) {
            require(missing, "state", status.state());
            require(missing, "createdAt", status.createdAt());
        } else if (event instanceof DeadLetter letter) {
            require(missing, "service", letter.service());
            require(missing, "topic", letter.topic());
            require(missing, "reason", letter.reason());
            require(missing, "createdAt", letter.createdAt());
        }
        return missing;
    }

    private static void requireCheckpoint(List<String> missing, CheckpointReady checkpoint) {
        require(missing, "model", checkpoint.model());
        require(missing, "dataset", checkpoint.dataset());
        requireBlob(missing, "samples", checkpoint.samples());
        requireBlob(missing, "noise", checkpoint.noise());
        List<LayerBlob> layers = checkpoint.layers();
        for (int i = 0; i < layers.size(); i++) {
            String path = "layers[" + i + "]";
            require(missing, path + ".name", layers.get(i).name());
            requireBlob(missing, path + ".blob", layers.get(i).blob());
        }
        requireBlob(missing, "real", checkpoint.real());
        requireBlob(missing, "grid", checkpoint.grid());
        requireBlob(missing, "generatorWeights", checkpoint.generatorWeights());
        requireBlob(missing, "discriminatorWeights", checkpoint.discriminatorWeights());
        require(missing, "createdAt", checkpoint.createdAt());
    }

    private static void requireBlob(List<String> missing, String path, BlobRef blob) {
        if (blob == null) {
            missing.add(path);
            return;
        }
        require(missing, path + ".key", blob.key());
        require(missing, path + ".dtype", blob.dtype());
    }

    private static void require(List<String> missing, String path, Object value) {
        if (value == null) {
            missing.add(path);
        }
    }
}
