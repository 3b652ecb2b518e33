package io.topogan.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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
 * {@code full} contains the fields that change for the full-scale version (more images, epochs
 * and samples).
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

    /** Pattern of run labels and of experiment names, which become file and folder names. */
    static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");

    private static final Set<String> TOP_FIELDS = Set.of("description", "runs");
    private static final Set<String> RUN_FIELDS = Set.of("label", "note", "config", "full");

    /** Strict reader: no trailing text, no duplicate keys, no numbers rounded to integers. */
    private static final ObjectMapper STRICT = EventJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Finds an experiment: {@code nameOrFile} is the name of one in the project's
     * {@code experiments/} folder, or else a JSON file.
     */
    static Path locate(String nameOrFile, Path projectRoot) throws IOException {
        if (LABEL.matcher(nameOrFile).matches()) {
            Path named = projectRoot.resolve("experiments").resolve(nameOrFile + ".json");
            if (Files.isRegularFile(named)) {
                return named;
            }
        }
        Path file = Path.of(nameOrFile);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; give an experiment name or"
                    + " a JSON file");
        }
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw new NoSuchFileException(nameOrFile, null, "no experiment of that name and no such"
                + " file; known experiments: " + known(projectRoot));
    }

    /** Returns the names of the experiments in the project's {@code experiments/} folder. */
    static List<String> known(Path projectRoot) throws IOException {
        Path folder = projectRoot.resolve("experiments");
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".json"))
                        .map(f -> f.substring(0, f.length() - 5))
                        .filter(name -> LABEL.matcher(name).matches())
                        .sorted().forEach(names::add);
            }
        }
        return names;
    }

    /**
     * Reads an experiment file and checks the runs at both scales, so that a mistake in the
     * full-size settings shows before anyone needs them.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and the problem: invalid JSON or UTF-8, an
     *     unknown field, a duplicate or invalid label or name, or settings that a trainer rejects
     */
    static Experiment read(Path file, Scale scale) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".json")
                ? fileName.substring(0, fileName.length() - 5) : fileName;
        if (!LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException(file + ": the experiment name '" + name + "' must"
                    + " be 1 to 31 lower-case letters, digits or '-', because it names the report"
                    + " folder; rename the file");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(Files.readString(file));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not a UTF-8 text file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": invalid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": must be a JSON object with a \"runs\""
                    + " list");
        }
        requireKnownFields(root, TOP_FIELDS, file.toString());
        JsonNode runsNode = root.get("runs");
        if (runsNode == null || !runsNode.isArray() || runsNode.isEmpty()) {
            throw new IllegalArgumentException(file + ": needs a non-empty \"runs\" list");
        }
        List<Run> runs = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < runsNode.size(); i++) {
            JsonNode run = runsNode.get(i);
            String where = file + ": runs[" + i + "]";
            if (!run.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            requireKnownFields(run, RUN_FIELDS, where);
            String label = run.path("label").asText("");
            if (!run.path("label").isTextual() || !LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(where + ": label must be 1 to 31 lower-case"
                        + " letters, digits or '-', got " + run.get("label"));
            }
            if (!labels.add(label)) {
                throw new IllegalArgumentException(where + ": label '" + label
                        + "' is used twice");
            }
            where += " (" + label + ")";
            RunConfig cpu = config(run, false, where);
            RunConfig full = config(run, true, where);
            runs.add(new Run(label, run.path("note").asText(""),
                    scale == Scale.FULL ? full : cpu));
        }
        return new Experiment(name, root.path("description").asText(""), List.copyOf(runs));
    }

    /** Returns a run's settings: the demo's, then its config, then (at full scale) its full. */
    private static RunConfig config(JsonNode run, boolean fullScale, String where) {
        ObjectNode settings = EventJson.mapper().valueToTree(RunConfig.demo());
        overlay(settings, run.get("config"), where + ".config");
        if (fullScale) {
            overlay(settings, run.get("full"), where + ".full");
        }
        String scaleName = fullScale ? " at full scale" : "";
        RunConfig config;
        try {
            config = STRICT.treeToValue(settings, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + scaleName + ": invalid value of "
                    + fieldPath(e) + ": " + firstLine(e.getOriginalMessage()));
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(where + scaleName + ": invalid settings: "
                    + String.join("; ", problems));
        }
        return config;
    }

    private static void overlay(ObjectNode settings, JsonNode fields, String where) {
        if (fields == null) {
            return;
        }
        if (!fields.isObject()) {
            throw new IllegalArgumentException(where + ": must be an object of run settings");
        }
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!settings.has(field)) {
                throw new IllegalArgumentException(where + ": unknown setting '" + field
                        + "'; known: " + list(settings.fieldNames()));
            }
            JsonNode value = fields.get(field);
            if (value.isNull() || value.isArray() && hasNull(value)) {
                throw new IllegalArgumentException(where + "." + field + ": must not be null");
            }
            settings.set(field, value);
        }
    }

    private static boolean hasNull(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static void requireKnownFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field '" + field
                        + "'; known: " + known.stream().sorted().toList());
            }
        }
    }

    /** Returns the JSON path of the value that failed to bind, such as {@code classes[0]}. */
    private static String fieldPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "a setting";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return "'" + path + "'";
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static List<String> list(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
