package io.topogan.storage;

import java.util.regex.Pattern;

/**
 * Object keys of a run's blobs. Everything of run {@code r} lives under {@code runs/r/}: the run's
 * configuration and real-data reference cloud under {@code runs/r/real/}, and each checkpoint under
 * {@code runs/r/epoch-{e}/}. Epoch -1 names the run-level folder {@code runs/r/real/}, which contains
 * the results of the clouds that do not change between checkpoints (real data, input noise).
 */
public final class ObjectKeys {

    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._/-]{1,1024}");

    private ObjectKeys() {
    }

    /** Returns the prefix of every key of {@code runId}, ending in '/'. */
    public static String run(String runId) {
        requireRunId(runId);
        return "runs/" + runId + "/";
    }

    /** Returns the key of the run's configuration JSON. */
    public static String config(String runId) {
        return run(runId) + "config.json";
    }

    /**
     * Returns the key of the run's dataset summary JSON: images loaded per class and the image
     * files skipped because they could not be read.
     */
    public static String datasetSummary(String runId) {
        return run(runId) + "dataset.json";
    }

    /** Returns the key of the run's real-data reference cloud. */
    public static String realSamples(String runId) {
        return run(runId) + "real/samples.npy";
    }

    /** Returns the key of the run's fixed latent vectors, drawn once and used at every checkpoint. */
    public static String latent(String runId) {
        return run(runId) + "latent.npy";
    }

    /** Returns the key of the run's latest training state, from which a trainer resumes. */
    public static String trainingState(String runId) {
        return run(runId) + "resume/state.bin";
    }

    /** Returns the key of the run's training progress: epochs completed and state. */
    public static String trainingProgress(String runId) {
        return run(runId) + "resume/progress.json";
    }

    /** Prefix of the trainer's marks of runs it has accepted and not yet finished. */
    public static final String ACTIVE_RUNS = "trainer/active/";

    /** Returns the key of the mark that run {@code runId} is accepted and not yet finished. */
    public static String activeRun(String runId) {
        return ACTIVE_RUNS + requireRunId(runId) + ".json";
    }

    /** Returns the folder of a checkpoint epoch, or the run-level folder for epoch -1. */
    public static String epoch(String runId, int epoch) {
        if (epoch < -1) {
            throw new IllegalArgumentException("epoch must be -1 or more, got " + epoch);
        }
        return epoch == -1 ? run(runId) + "real/" : run(runId) + "epoch-" + epoch + "/";
    }

    public static String samples(String runId, int epoch) {
        return epoch(runId, epoch) + "samples.npy";
    }

    public static String noise(String runId, int epoch) {
        return epoch(runId, epoch) + "noise.npy";
    }

    public static String grid(String runId, int epoch) {
        return epoch(runId, epoch) + "grid.png";
    }

    /** Returns the key of a generator layer's output, such as {@code layers/03-leakyrelu.npy}. */
    public static String layer(String runId, int epoch, String layerId) {
        return epoch(runId, epoch) + "layers/" + requireName(layerId) + ".npy";
    }

    /** Returns the key of a network's parameters, such as {@code weights/generator.params}. */
    public static String weights(String runId, int epoch, String network) {
        return epoch(runId, epoch) + "weights/" + requireName(network) + ".params";
    }

    /** Returns the key of the persistence diagrams of one cloud. */
    public static String diagrams(String runId, int epoch, String cloud) {
        return epoch(runId, epoch) + "diagrams/" + requireName(cloud) + ".npy";
    }

    /** Returns the key of one analyzer's result for one cloud. */
    public static String result(String runId, int epoch, String analyzer, String cloud) {
        return epoch(runId, epoch) + "results/" + requireName(analyzer) + "/" + requireName(cloud)
                + ".json";
    }

    /**
     * Checks that {@code key}, taken from an event, names an object of {@code runId}: it starts
     * with the run's prefix and has no empty, '.' or '..' segment.
     *
     * @return {@code key}
     * @throws IllegalArgumentException if the key would leave the run's prefix or has characters
     *     outside {@code [A-Za-z0-9._/-]}
     */
    public static String requireUnderRun(String runId, String key) {
        String prefix = run(runId);
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid object key " + quote(key) + " for run "
                    + runId + ": use 1 to 1024 characters of [A-Za-z0-9._/-]");
        }
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("object key " + quote(key) + " is outside the"
                    + " prefix '" + prefix + "' of run " + runId);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key " + quote(key)
                        + " has an empty, '.' or '..' segment");
            }
        }
        return key;
    }

    /**
     * Returns {@code key} in quotes for an error message, with characters outside printable ASCII
     * written as Java escapes and the key cut after 200 characters, so that a key taken from an
     * event cannot forge log lines or flood the log.
     */
    private static String quote(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(key.length(), 200);
        for (int i = 0; i < end; i++) {
            char c = key.charAt(i);
            if (c == '\n') {
                quoted.append("\\n");
            } else if (c < 0x20 || c > 0x7e) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('\'');
        if (key.length() > end) {
            quoted.append("... (").append(key.length()).append(" characters)");
        }
        return quoted.toString();
    }

    /** Checks a run id: 1 to 63 lower-case letters, digits or '-', starting with a letter or digit. */
    public static String requireRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("invalid run id " + quote(runId)
                    + ": use 1 to 63 lower-case letters, digits or '-'");
        }
        return runId;
    }

    private static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("invalid object name '" + name
                    + "': use letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
