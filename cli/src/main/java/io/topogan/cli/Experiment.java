package io.topogan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of training runs whose metrics are compared side by side, read from a JSON file:
 * <pre>
 * {"description": "...",
 *  "runs": [{"label": "dcgan", "note": "...", "config": {...}, "full": {...}}, ...]}
 * </pre>
 * Each run's {@code config} contains {@link RunConfig} fields over the demo's values, and
 * {@code full} contains the fields that change for the full-scale version (more images, epochs and samples).
 *
 * @param name the file name without {@code .json}
 * @param description what the experiment compares
 * @param runs the runs in the order they are started
 */
record Experiment(String name, String description, List<Run> runs) {

    /** Size of the runs. */
    enum Scale {
        /** The {@code config} of each run, sized for a CPU. */
        CPU,
        /** The {@code config} with the {@code full} fields over it, sized for a GPU. */
        FULL
    }

    /**
     * One run of an experiment.
     *
     * @param label short name that plots and tables show
     * @param note what the run is meant to show
     * @param config its settings at the chosen scale
     */
    record Run(String label, String note, RunConfig config) {
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");

    /**
     * Finds an experiment: {@code nameOrFile} is a JSON file, or the name of one in the project's
     * {@code experiments/} folder.
     */
    static Path locate(String nameOrFile, Path projectRoot) throws IOException {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path named = projectRoot.resolve("experiments").resolve(nameOrFile + ".json");
        if (Files.isRegularFile(named) && LABEL.matcher(nameOrFile).matches()) {
            return named;
        }
        throw new NoSuchFileException(nameOrFile, null, "no such experiment file, and no"
                + " experiments/" + nameOrFile + ".json; known: " + known(projectRoot));
    }

    /** Returns the names of the experiments in the project's {@code experiments/} folder. */
    static List<String> known(Path projectRoot) throws IOException {
        Path folder = projectRoot.resolve("experiments");
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                        .sorted().forEach(f -> names.add(f.substring(0, f.length() - 5)));
            }
        }
        return names;
    }

    /**
     * Reads an experiment file.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and the problem: malformed JSON, an
     *     unknown setting, a duplicate or invalid label, or settings that a trainer rejects
     */
    static Experiment read(Path file, Scale scale) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".json")
                ? fileName.substring(0, fileName.length() - 5) : fileName;
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": invalid JSON: "
                    + e.getOriginalMessage());
        }
        JsonNode runsNode = root == null ? null : root.get("runs");
        if (runsNode == null || !runsNode.isArray() || runsNode.isEmpty()) {
            throw new IllegalArgumentException(file + ": needs a non-empty \"runs\" list");
        }
        List<Run> runs = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < runsNode.size(); i++) {
            JsonNode run = runsNode.get(i);
            String where = file + ": runs[" + i + "]";
            String label = run.path("label").asText("");
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(where + ": label must be 1 to 31 lower-case"
                        + " letters, digits or '-', got '" + label + "'");
            }
            if (!labels.add(label)) {
                throw new IllegalArgumentException(where + ": label '" + label
                        + "' is used twice");
            }
            ObjectNode settings = EventJson.mapper().valueToTree(RunConfig.demo());
            overlay(settings, run.get("config"), where + ".config");
            if (scale == Scale.FULL) {
                overlay(settings, run.get("full"), where + ".full");
            }
            RunConfig config;
            try {
                config = EventJson.mapper().treeToValue(settings, RunConfig.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + " (" + label + "): "
                        + e.getOriginalMessage());
            }
            List<String> problems = config.problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(where + " (" + label + "): invalid settings: "
                        + String.join("; ", problems));
            }
            runs.add(new Run(label, run.path("note").asText(""), config));
        }
        return new Experiment(name, root.path("description").asText(""), List.copyOf(runs));
    }

    private static void overlay(ObjectNode settings, JsonNode fields, String where) {
        if (fields == null || fields.isNull()) {
            return;
        }
        if (!fields.isObject()) {
            throw new IllegalArgumentException(where + ": must be an object of run settings");
        }
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!settings.has(field)) {
                throw new IllegalArgumentException(where + ": unknown setting '" + field
                        + "'; known: " + iterable(settings.fieldNames()));
            }
            settings.set(field, fields.get(field));
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
