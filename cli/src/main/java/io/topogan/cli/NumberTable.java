package io.topogan.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads text files of decimal numbers, one row per line, cells separated by commas or whitespace.
 * Blank lines are skipped. Errors name the file, the 1-based line and column, and the cell.
 *
 * <p>Most lines are read by {@link LineScanner}, which converts cells without allocating. The
 * regex-based code below reads every line that the scanner does not handle with certainty: an
 * error, a special value, a non-ASCII character or a cell with too many digits. So the accepted
 * input, the values and the messages are those of the regex-based code.
 */
final class NumberTable {

    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Maximum number of significant digits that {@link #parseDecimal} keeps, as 10^18 < 2^63. */
    private static final int MAX_DIGITS = 18;

    /** Explicit exponents from this value up are not converted by {@link #parseDecimal}. */
    private static final int MAX_EXPLICIT_EXPONENT = 100_000;

    /** 2^53: every integer up to it is exactly a double. */
    private static final long TWO_TO_53 = 1L << 53;

    /** Largest power of ten that is exactly a double: 5^22 < 2^53. */
    private static final int MAX_EXACT_POWER = 22;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /** One non-blank line: its 1-based number in the file and its values. */
    record Row(int line, double[] values) {
    }

    private NumberTable() {
    }

    /** Reads the whole file as UTF-8 text, with messages for a missing or unreadable file. */
    static String readText(Path file) throws IOException {
        return readText(file, "");
    }

    /**
     * Same as {@link #readText(Path)}, with {@code alternative} appended to the message for a
     * file that is not UTF-8 text, such as " (or a .npy file)" where the caller reads those.
     */
    static String readText(Path file, String alternative) throws IOException {
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
                    + alternative, e);
        }
    }

    /**
     * Parses the rows of a file. Cells must be finite decimal numbers; NaN, infinities and any
     * other text are rejected with their position. With {@code allowInfinity} a cell "inf" (any
     * case, optionally "+inf" or "infinity") is read as positive infinity. With
     * {@code singlePrecision} each cell is rounded once from its decimal text to float, as C++
     * {@code stream >> float} does, instead of through double.
     *
     * <p>Lines end at "\n" or "\r\n", as {@code text.split("\r?\n")} splits them.
     */
    static List<Row> parse(Path file, String text, boolean allowInfinity,
            boolean singlePrecision) {
        List<Row> rows = new ArrayList<>();
        LineScanner scanner = new LineScanner(text, singlePrecision);
        int lineNumber = 0;
        int start = 0;
        while (true) {
            lineNumber++;
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            if (newline > start && text.charAt(newline - 1) == '\r') {
                end--;
            }
            int count = scanner.scan(start, end);
            if (count > 0) {
                rows.add(new Row(lineNumber, scanner.values(count)));
            } else if (count == LineScanner.NOT_HANDLED) {
                double[] values = parseLine(file, text.substring(start, end), lineNumber,
                        allowInfinity, singlePrecision);
                if (values != null) {
                    rows.add(new Row(lineNumber, values));
                }
            }
            if (newline < 0) {
                return rows;
            }
            start = newline + 1;
        }
    }

    /** Parses one line with the regex-based code. Returns null for a blank line. */
    private static double[] parseLine(Path file, String rawLine, int lineNumber,
            boolean allowInfinity, boolean singlePrecision) {
        String line = rawLine.strip();
        if (line.isEmpty()) {
            return null;
        }
        String[] cells = SEPARATOR.split(line, -1);
        double[] values = new double[cells.length];
        for (int column = 0; column < cells.length; column++) {
            values[column] = parseCell(file, cells[column], lineNumber, column + 1,
                    allowInfinity, singlePrecision);
        }
        return values;
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
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(location(file, line, column) + ": empty cell");
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("+nan") || lower.equals("-nan")) {
            throw new IllegalArgumentException(location(file, line, column)
                    + ": value is NaN; only finite numbers are allowed");
        }
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1)
                : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            if (allowInfinity && !lower.startsWith("-")) {
                return Double.POSITIVE_INFINITY;
            }
            throw new IllegalArgumentException(location(file, line, column) + ": value '" + cell
                    + "' is infinite; only finite numbers are allowed here");
        }
        if (!DECIMAL.matcher(cell).matches()) {
            throw new IllegalArgumentException(location(file, line, column) + ": '" + cell
                    + "' is not a number"
                    + (line == 1 ? " (header lines are not supported; remove it)" : ""));
        }
        double value = singlePrecision ? Float.parseFloat(cell) : Double.parseDouble(cell);
        if (Double.isInfinite(value) || Float.isInfinite((float) value)) {
            throw new IllegalArgumentException(location(file, line, column) + ": value " + cell
                    + " is outside the range of a 32-bit float");
        }
        return value;
    }

    /** Formats the position of a cell for an error message. */
    private static String location(Path file, int line, int column) {
        return String.format(Locale.ROOT, "%s: line %d, column %d", file, line, column);
    }

    /**
     * Splits lines of printable ASCII into cells and converts each cell without allocating. It
     * splits like {@code SEPARATOR.split(line.strip(), -1)} and accepts only non-empty cells for
     * which {@link #parseDecimal} returns a value, so a line it reads yields the values that
     * {@link #parseLine} would return for it.
     */
    static final class LineScanner {

        /** Result of {@link #scan} for a line that the regex-based code must parse. */
        static final int NOT_HANDLED = -1;

        private final String text;
        private final boolean singlePrecision;
        private double[] buffer = new double[64];

        LineScanner(String text, boolean singlePrecision) {
            this.text = text;
            this.singlePrecision = singlePrecision;
        }

        /**
         * Scans the line {@code text[start, end)} without its line break. Returns the number of
         * cells, whose values {@link #values} then copies out, 0 for a blank line, or
         * {@link #NOT_HANDLED}.
         */
        int scan(int start, int end) {
            while (start < end && isSpace(text.charAt(start))) {
                start++;
            }
            while (end > start && isSpace(text.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                return 0;
            }
            int count = 0;
            int position = start;
            while (true) {
                int cellStart = position;
                while (position < end) {
                    char c = text.charAt(position);
                    if (c == ',' || isSpace(c)) {
                        break;
                    }
                    if (c < '!' || c > '~') {
                        return NOT_HANDLED;
                    }
                    position++;
                }
                if (position == cellStart) {
                    return NOT_HANDLED;
                }
                double value = parseDecimal(text, cellStart, position, singlePrecision);
                if (Double.isNaN(value)) {
                    return NOT_HANDLED;
                }
                if (count == buffer.length) {
                    buffer = Arrays.copyOf(buffer, 2 * count);
                }
                buffer[count++] = value;
                if (position == end) {
                    return count;
                }
                // A separator is whitespace with at most one comma in it, as the regex
                // \s*,\s*|\s+ matches it. A second comma starts an empty cell. The trimmed
                // line ends in a cell, so the first loop stops before end.
                while (isSpace(text.charAt(position))) {
                    position++;
                }
                if (text.charAt(position) == ',') {
                    position++;
                    while (position < end && isSpace(text.charAt(position))) {
                        position++;
                    }
                }
            }
        }

        /** Copies the values of the last scanned line. */
        double[] values(int count) {
            return Arrays.copyOf(buffer, count);
        }

        /**
         * Returns true for the characters that both {@link String#strip()} and the regex
         * {@code \s} treat as whitespace, except the line break "\n".
         */
        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\u000B' || c == '\f';
        }
    }

    /**
     * Converts the cell {@code text[start, end)} to the value that {@code Float.parseFloat}
     * (with {@code singlePrecision}) or {@code Double.parseDouble} returns for it, bit for bit,
     * or returns NaN when this method cannot do so with certainty. It accepts only cells that
     * {@code DECIMAL} matches, and returns NaN for a value outside the range of a float.
     */
    static double parseDecimal(String text, int start, int end, boolean singlePrecision) {
        int position = start;
        boolean negative = false;
        if (position < end && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
            negative = text.charAt(position) == '-';
            position++;
        }

        // The cell's value lies in [significand, significand + 1) * 10^exponent, and equals
        // the lower end unless a non-zero digit after the first MAX_DIGITS was dropped.
        long significand = 0;
        int keptDigits = 0;
        int exponent = 0;
        boolean truncated = false;
        int digits = 0;
        boolean point = false;
        for (; position < end; position++) {
            char c = text.charAt(position);
            if (c >= '0' && c <= '9') {
                digits++;
                if (keptDigits < MAX_DIGITS) {
                    if (significand != 0 || c != '0') {
                        significand = 10 * significand + (c - '0');
                        keptDigits++;
                    }
                    if (point) {
                        exponent--;
                    }
                } else {
                    truncated |= c != '0';
                    if (!point) {
                        exponent++;
                    }
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }

        if (position < end && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
            position++;
            boolean negativeExponent = false;
            if (position < end
                    && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                negativeExponent = text.charAt(position) == '-';
                position++;
            }
            int exponentStart = position;
            int explicitExponent = 0;
            for (; position < end; position++) {
                char c = text.charAt(position);
                if (c < '0' || c > '9') {
                    break;
                }
                // Stops growing at 100000 so that the int cannot overflow.
                if (explicitExponent < MAX_EXPLICIT_EXPONENT) {
                    explicitExponent = 10 * explicitExponent + (c - '0');
                }
            }
            // A capped exponent is no longer exact, and a cell with about as many digits could
            // cancel it into the convertible range, so such cells take the regex-based code.
            if (position == exponentStart || explicitExponent >= MAX_EXPLICIT_EXPONENT) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -explicitExponent : explicitExponent;
        }
        if (position != end) {
            return Double.NaN;
        }

        if (significand == 0) {
            return negative ? -0.0 : 0.0;
        }
        double magnitude = singlePrecision ? floatMagnitude(significand, exponent, truncated)
                : doubleMagnitude(significand, exponent, truncated);
        return negative ? -magnitude : magnitude;
    }

    /** Rounds significand * 10^exponent to double, or returns NaN. */
    private static double doubleMagnitude(long significand, int exponent, boolean truncated) {
        if (truncated) {
            return Double.NaN;
        }
        while (significand >= TWO_TO_53 && significand % 10 == 0) {
            significand /= 10;
            exponent++;
        }
        while (exponent > MAX_EXACT_POWER && significand <= (TWO_TO_53 - 1) / 10) {
            significand *= 10;
            exponent--;
        }
        if (significand >= TWO_TO_53 || Math.abs(exponent) > MAX_EXACT_POWER) {
            return Double.NaN;
        }
        double value = exactProduct(significand, exponent);
        // The regex-based code rejects such a value with its message.
        return Float.isInfinite((float) value) ? Double.NaN : value;
    }

    /**
     * Rounds a value in [significand, significand + 1) * 10^exponent to float, or returns NaN.
     * A truncated value is converted only when both ends of the interval round to the same
     * float, because rounding is monotonic.
     */
    private static double floatMagnitude(long significand, int exponent, boolean truncated) {
        while (significand >= TWO_TO_53) {
            truncated |= significand % 10 != 0;
            significand /= 10;
            exponent++;
        }
        while (!truncated && exponent > MAX_EXACT_POWER
                && significand <= (TWO_TO_53 - 1) / 10) {
            significand *= 10;
            exponent--;
        }
        if (Math.abs(exponent) > MAX_EXACT_POWER) {
            return Double.NaN;
        }
        double low = roundToFloat(exactProduct(significand, exponent));
        if (!truncated) {
            return low;
        }
        double high = roundToFloat(exactProduct(significand + 1, exponent));
        return low == high ? low : Double.NaN;
    }

    /**
     * Returns significand * 10^exponent rounded once to double (Clinger's fast path): both
     * factors are exact doubles when significand <= 2^53 and |exponent| <= 22, and IEEE
     * multiplication and division round the exact result correctly.
     */
    private static double exactProduct(long significand, int exponent) {
        double value = significand;
        return exponent >= 0 ? value * POWERS_OF_TEN[exponent]
                : value / POWERS_OF_TEN[-exponent];
    }

    /**
     * Rounds a correctly rounded positive double to float, or returns NaN where that could
     * differ from rounding the decimal value directly. That happens only when the double lies
     * exactly halfway between two floats, so its low 29 significand bits are 1 followed by 28
     * zeros. The test holds only in the range of normal floats, so other values return NaN.
     */
    private static double roundToFloat(double value) {
        if (value < Float.MIN_NORMAL || value > Float.MAX_VALUE) {
            return Double.NaN;
        }
        if ((Double.doubleToRawLongBits(value) & 0x1FFF_FFFFL) == 0x1000_0000L) {
            return Double.NaN;
        }
        return (float) value;
    }
}
