package io.topogan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topogan.topology.PersistenceDiagram;
import io.topogan.topology.PersistenceResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads and writes persistence diagrams. Written forms: the JSON of {@code homology --format
 * json}, where an infinite death is {@code null}, and CSV with the header
 * {@code dimension,birth,death}, where it is {@code inf}. Read forms: that JSON and that CSV, and
 * CSV with the two columns birth,death (header line {@code birth,death} optional).
 */
final class DiagramFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    private DiagramFiles() {
    }

    /** Settings of a homology run, stored next to the diagrams in the JSON output. */
    record RunInfo(String input, String inputKind, String metric, int points, Integer nPerm,
            double coveringRadius, int maxDim) {
    }

    static String toJson(PersistenceResult result, RunInfo info) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("input", info.input());
        root.put("input_format", info.inputKind());
        if (info.metric() == null) {
            root.putNull("metric");
        } else {
            root.put("metric", info.metric());
        }
        root.put("points", info.points());
        if (info.nPerm() == null) {
            root.putNull("n_perm");
        } else {
            root.put("n_perm", info.nPerm());
        }
        root.put("covering_radius", info.coveringRadius());
        root.put("maxdim", info.maxDim());
        root.put("threshold", (float) result.threshold());
        ArrayNode diagrams = root.putArray("diagrams");
        for (PersistenceDiagram diagram : result.diagrams()) {
            ObjectNode entry = diagrams.addObject();
            entry.put("dimension", diagram.dimension());
            ArrayNode bars = entry.putArray("bars");
            for (int i = 0; i < diagram.size(); i++) {
                ArrayNode bar = bars.addArray();
                addNumber(bar, diagram.birth(i));
                if (Double.isInfinite(diagram.death(i))) {
                    bar.addNull();
                } else {
                    addNumber(bar, diagram.death(i));
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Adds a value as float when that is exact, which keeps the float distances short. */
    private static void addNumber(ArrayNode array, double value) {
        if ((double) (float) value == value) {
            array.add((float) value);
        } else {
            array.add(value);
        }
    }

    static String toCsv(PersistenceResult result) {
        StringBuilder text = new StringBuilder("dimension,birth,death\n");
        for (PersistenceDiagram diagram : result.diagrams()) {
            for (int i = 0; i < diagram.size(); i++) {
                text.append(diagram.dimension()).append(',')
                        .append(formatNumber(diagram.birth(i))).append(',')
                        .append(formatNumber(diagram.death(i))).append('\n');
            }
        }
        return text.toString();
    }

    /** Shortest text that reads back to the same value; "inf" and "nan" for those values. */
    static String formatNumber(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if ((double) (float) value == value) {
            return Float.toString((float) value);
        }
        return Double.toString(value);
    }

    /**
     * Reads one diagram from a JSON or CSV file. {@code dimension} selects the diagram of a file
     * with several dimensions and may be null when the file has only one.
     */
    static PersistenceDiagram read(Path file, Integer dimension) throws IOException {
        String text = NumberTable.readText(file);
        String start = text.stripLeading();
        if (start.startsWith("{")) {
            return readJson(file, text, dimension);
        }
        return readCsv(file, text, dimension);
    }

    private static PersistenceDiagram readJson(Path file, String text, Integer dimension)
            throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode diagrams = root.get("diagrams");
        if (diagrams == null || !diagrams.isArray()) {
            throw new IllegalArgumentException(file + ": JSON has no \"diagrams\" array; expected"
                    + " the output of 'topogan homology --format json'");
        }
        TreeSet<Integer> available = new TreeSet<>();
        for (JsonNode entry : diagrams) {
            available.add(entry.path("dimension").asInt(-1));
        }
        if (dimension == null) {
            if (available.size() != 1) {
                throw new IllegalArgumentException(file + ": contains the dimensions "
                        + available + "; choose one with --dim");
            }
            dimension = available.first();
        }
        for (JsonNode entry : diagrams) {
            if (entry.path("dimension").asInt(-1) == dimension) {
                return jsonBars(file, entry.path("bars"), dimension);
            }
        }
        throw new IllegalArgumentException(file + ": no diagram of dimension " + dimension
                + "; the file contains the dimensions " + available);
    }

    private static PersistenceDiagram jsonBars(Path file, JsonNode bars, int dimension) {
        List<double[]> pairs = new ArrayList<>();
        for (JsonNode bar : bars) {
            String where = file + ": dimension " + dimension + ", bar " + pairs.size();
            if (!bar.isArray() || bar.size() != 2 || !bar.get(0).isNumber()
                    || !(bar.get(1).isNumber() || bar.get(1).isNull())) {
                throw new IllegalArgumentException(where + ": expected [birth, death] with"
                        + " death a number or null, got " + bar);
            }
            double birth = bar.get(0).asDouble();
            double death = bar.get(1).isNull() ? Double.POSITIVE_INFINITY : bar.get(1).asDouble();
            pairs.add(checkedBar(where, birth, death));
        }
        return diagram(dimension, pairs);
    }

    private static PersistenceDiagram readCsv(Path file, String text, Integer dimension) {
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        int columns = 2;
        if (first < lines.length) {
            String header = lines[first].replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            if (header.equals("dimension,birth,death")) {
                columns = 3;
                lines[first] = "";
            } else if (header.equals("birth,death")) {
                lines[first] = "";
            }
        }
        List<NumberTable.Row> rows = NumberTable.parse(file, String.join("\n", lines), true, false);
        if (columns == 2 && !rows.isEmpty() && rows.get(0).values().length == 3) {
            throw new IllegalArgumentException(file + ": line " + rows.get(0).line()
                    + " has 3 values; a three-column diagram needs the header line"
                    + " dimension,birth,death");
        }
        TreeSet<Integer> available = new TreeSet<>();
        for (NumberTable.Row row : rows) {
            if (row.values().length != columns) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: line %d has %d values; expected %d (%s)", file, row.line(),
                        row.values().length, columns,
                        columns == 2 ? "birth,death" : "dimension,birth,death"));
            }
            if (columns == 3) {
                available.add(dimensionOf(file, row));
            }
        }
        if (columns == 3 && dimension == null) {
            if (available.size() > 1) {
                throw new IllegalArgumentException(file + ": contains the dimensions "
                        + available + "; choose one with --dim");
            }
            dimension = available.isEmpty() ? 0 : available.first();
        }
        List<double[]> pairs = new ArrayList<>();
        for (NumberTable.Row row : rows) {
            double[] values = row.values();
            if (columns == 3 && dimensionOf(file, row) != dimension) {
                continue;
            }
            String where = file + ": line " + row.line();
            pairs.add(checkedBar(where, values[columns - 2], values[columns - 1]));
        }
        return diagram(dimension == null ? 0 : dimension, pairs);
    }

    private static int dimensionOf(Path file, NumberTable.Row row) {
        double value = row.values()[0];
        if (value < 0 || value != Math.rint(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(file + ": line " + row.line()
                    + ": dimension must be a non-negative integer, got " + value);
        }
        return (int) value;
    }

    private static double[] checkedBar(String where, double birth, double death) {
        if (!Double.isFinite(birth)) {
            throw new IllegalArgumentException(where + ": birth must be finite, got " + birth);
        }
        if (Double.isNaN(death)) {
            throw new IllegalArgumentException(where + ": death is NaN");
        }
        if (death < birth) {
            throw new IllegalArgumentException(where + ": death " + death + " is before birth "
                    + birth);
        }
        return new double[] {birth, death};
    }

    private static PersistenceDiagram diagram(int dimension, List<double[]> pairs) {
        double[] births = new double[pairs.size()];
        double[] deaths = new double[pairs.size()];
        for (int i = 0; i < births.length; i++) {
            births[i] = pairs.get(i)[0];
            deaths[i] = pairs.get(i)[1];
        }
        return new PersistenceDiagram(dimension, births, deaths);
    }
}
