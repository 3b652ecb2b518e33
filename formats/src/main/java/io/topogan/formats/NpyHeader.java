package io.topogan.formats;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a {@code .npy} file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, parsed without evaluating
 * Python: string keys and values, {@code True}/{@code False} and tuples of non-negative integers.
 */
record NpyHeader(NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, long[] shape) {

    /** Parses the header text; every failure is an {@link NpyFormatException} quoting it. */
    static NpyHeader parse(String text) throws NpyFormatException {
        Map<String, Object> entries = new Parser(text).parseDictionary();
        for (String key : entries.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw new NpyFormatException("unexpected key '" + key + "' in .npy header "
                        + quote(text));
            }
        }
        Object descr = require(entries, "descr", text);
        Object fortranOrder = require(entries, "fortran_order", text);
        Object shape = require(entries, "shape", text);

        if (!(descr instanceof String descrText)) {
            throw new NpyFormatException("unsupported dtype " + descr
                    + ": structured dtypes are not supported, only <f4, <f8, |u1, <i4, <i8"
                    + " and their big-endian forms");
        }
        if (!(fortranOrder instanceof Boolean fortran)) {
            throw new NpyFormatException("'fortran_order' must be True or False in .npy header "
                    + quote(text));
        }
        if (!(shape instanceof long[] dimensions)) {
            throw new NpyFormatException("'shape' must be a tuple of integers in .npy header "
                    + quote(text));
        }
        ByteOrder order = parseByteOrder(descrText);
        NpyDtype dtype = NpyDtype.fromTypeCode(descrText.substring(1));
        if (dtype == null) {
            throw new NpyFormatException("unsupported dtype '" + descrText
                    + "'; supported are float32, float64, uint8, int32 and int64");
        }
        return new NpyHeader(dtype, order, fortran, dimensions);
    }

    private static ByteOrder parseByteOrder(String descr) throws NpyFormatException {
        if (descr.length() < 2) {
            throw new NpyFormatException("invalid dtype descr '" + descr + "'");
        }
        return switch (descr.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new NpyFormatException("dtype descr '" + descr
                    + "' must start with '<', '>' or '|'");
        };
    }

    private static Object require(Map<String, Object> entries, String key, String text)
            throws NpyFormatException {
        Object value = entries.get(key);
        if (value == null) {
            throw new NpyFormatException("missing key '" + key + "' in .npy header " + quote(text));
        }
        return value;
    }

    static String quote(String text) {
        String trimmed = text.strip();
        return "\"" + (trimmed.length() > 200 ? trimmed.substring(0, 200) + "..." : trimmed) + "\"";
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype + ", " + byteOrder + ", fortranOrder=" + fortranOrder
                + ", shape=" + Arrays.toString(shape) + "]";
    }

    /** Recursive-descent parser of the Python literal subset that NumPy writes. */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> parseDictionary() throws NpyFormatException {
            Map<String, Object> entries = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = parseString();
                expect(':');
                Object value = parseValue();
                if (entries.put(key, value) != null) {
                    throw error("duplicate key '" + key + "'");
                }
                if (peek() == ',') {
                    position++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            position++;
            if (peek() != 0) {
                throw error("unexpected text after the dictionary");
            }
            return entries;
        }

        private Object parseValue() throws NpyFormatException {
            char next = peek();
            if (next == '\'' || next == '"') {
                return parseString();
            }
            if (next == '(') {
                return parseTuple();
            }
            if (next == '[') {
                // Structured dtypes are written as a list of (name, type) tuples.
                int depth = 0;
                do {
                    char c = text.charAt(position++);
                    if (c == '[') {
                        depth++;
                    } else if (c == ']') {
                        depth--;
                    }
                } while (depth > 0 && position < text.length());
                return List.of();
            }
            if (text.startsWith("True", position)) {
                position += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", position)) {
                position += 5;
                return Boolean.FALSE;
            }
            throw error("expected a string, tuple, True or False");
        }

        private long[] parseTuple() throws NpyFormatException {
            expect('(');
            List<Long> values = new ArrayList<>();
            while (peek() != ')') {
                values.add(parseDimension());
                if (peek() == ',') {
                    position++;
                } else if (peek() != ')') {
                    throw error("expected ',' or ')' in shape");
                }
            }
            position++;
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        private long parseDimension() throws NpyFormatException {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '-') {
                throw error("negative dimension in shape");
            }
            int start = position;
            long value = 0;
            // ASCII digits only: Character.isDigit also accepts digits of other scripts, whose
            // value is not c - '0'.
            while (position < text.length() && isAsciiDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position) - '0');
                if (value > Integer.MAX_VALUE) {
                    throw error("dimension larger than " + Integer.MAX_VALUE + " in shape");
                }
                position++;
            }
            if (position == start) {
                throw error("expected a non-negative integer in shape");
            }
            if (position < text.length() && text.charAt(position) == 'L') {
                position++; // Python 2 long suffix, written by old NumPy versions.
            }
            return value;
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private String parseString() throws NpyFormatException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string");
            }
            int end = text.indexOf(quote, position + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(position + 1, end);
            position = end + 1;
            return value;
        }

        private void expect(char expected) throws NpyFormatException {
            if (peek() != expected) {
                throw error("expected '" + expected + "'");
            }
            position++;
        }

        /** Skips white space and returns the next character, or 0 at the end. */
        private char peek() {
            skipSpaces();
            return position < text.length() ? text.charAt(position) : 0;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private NpyFormatException error(String problem) {
            return new NpyFormatException("malformed .npy header: " + problem + " at offset "
                    + position + " of " + quote(text));
        }
    }
}
