package io.topogan.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads text files of decimal numbers, one row per line, cells separated by commas or whitespace.
 * Blank lines are skipped. Errors name the file, the 1-based line and column, and the cell.
 */
final class NumberTable {

    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** One non-blank line: its 1-based number in the file and its values. */
    record Row(int line, double[] values) {
    }

    private NumberTable() {
    }

    /** Reads the whole file as UTF-8 text, with messages for a missing or unreadable file. */
    static String readText(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IOException(file + " is not a UTF-8 text file; expected numbers as text"
                    + " (or a .npy file)", e);
        }
    }

    /**
     * Parses the rows of a file. Cells must be finite decimal numbers; NaN, infinities and any
     * other text are rejected with their position. With {@code allowInfinity} a cell "inf" (any
     * case, optionally "+inf" or "infinity") is read as positive infinity. With
     * {@code singlePrecision} each cell is rounded once from its decimal text to float, as C++
     * {@code stream >> float} does, instead of through double.
     */
    static List<Row> parse(Path file, String text, boolean allowInfinity,
            boolean singlePrecision) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = SEPARATOR.split(line, -1);
            double[] values = new double[cells.length];
            for (int column = 0; column < cells.length; column++) {
                values[column] = parseCell(file, cells[column], index + 1, column + 1,
                        allowInfinity, singlePrecision);
            }
            rows.add(new Row(index + 1, values));
        }
        return rows;
    }

    /** Checks that every row has as many values as the first one. */
    static void requireRectangular(Path file, List<Row> rows) {
        int width = rows.get(0).values().length;
        for (Row row : rows) {
            if (row.values().length != width) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: ragged rows: line %d has %d values but line %d has %d", file,
                        row.line(), row.values().length, rows.get(0).line(), width));
            }
        }
    }

    static double parseCell(Path file, String cell, int line, int column,
            boolean allowInfinity, boolean singlePrecision) {
        String where = String.format(Locale.ROOT, "%s: line %d, column %d", file, line, column);
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty cell");
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("+nan") || lower.equals("-nan")) {
            throw new IllegalArgumentException(where + ": value is NaN; only finite numbers are"
                    + " allowed");
        }
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1)
                : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            if (allowInfinity && !lower.startsWith("-")) {
                return Double.POSITIVE_INFINITY;
            }
            throw new IllegalArgumentException(where + ": value '" + cell + "' is infinite;"
                    + " only finite numbers are allowed here");
        }
        if (!DECIMAL.matcher(cell).matches()) {
            throw new IllegalArgumentException(where + ": '" + cell + "' is not a number"
                    + (line == 1 ? " (header lines are not supported; remove it)" : ""));
        }
        double value = singlePrecision ? Float.parseFloat(cell) : Double.parseDouble(cell);
        if (Double.isInfinite(value) || Float.isInfinite((float) value)) {
            throw new IllegalArgumentException(where + ": value " + cell
                    + " is outside the range of a 32-bit float");
        }
        return value;
    }
}
