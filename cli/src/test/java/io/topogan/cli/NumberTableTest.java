package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Checks that {@link NumberTable} returns what {@code Float.parseFloat} and
 * {@code Double.parseDouble} return, cell by cell and bit for bit. That is true whether a line goes
 * through the allocation-free scanner or the regex-based code. The error messages stay unchanged.
 */
class NumberTableTest {

    private static final Path FILE = Path.of("points.csv");

    /** Cells within the range of a float, including cells that need the regex-based code. */
    private static final String[] LISTED_CELLS = {
        "0", "-0", "+0", "-0.0", "0.000", "000", ".0", "0.", "-.0e5", "0e999999999",
        "-0e-999999999", "1", "-1", "+3", ".5", "5.", "-5.", "1e-05", "1E+10", "1e0", "1e22",
        "1e-22", "1e23", "1e-23", "123456789e-30", "0.1e-22", "1.5e+30", "-0.992156863",
        "0.0236432496", "1.23456789e-05", "-9.99999975e-06", "0.1", "0.2", "0.3",
        "0.12345678901234567", "12345678901234567", "1234567890123456789012345",
        "0.1234567890123456789012345", "0.50000000000000000", "1.5000000000000000000000000000",
        "100000000000000000000", "9007199254740991", "9007199254740992", "9007199254740993",
        "18014398509481985", "16777216", "16777217", "16777218", "16777219", "33554434",
        "16777217e5", "16777217000", "1.000000059604644775390625", "1.0000000596046448",
        "1.0000000596046447", "1.00000005960464477539062500000001",
        "0.100000001490116119384765625", "1.4e-45", "1.401298464324817e-45", "7e-46", "7.1e-46",
        "1e-50", "1e-400", "1.17549435e-38", "1.1754942e-38", "1.17549435082228750797e-38",
        "3.4028235e38", "3.40282347e+38", "3.4028235677973365e38",
        "340282346638528859811704183484516925440",
        "4.9e-324", "2.2250738585072014E-308", "-6.103515625e-05", "8.589973e9", "8.589974e9",
        "2.6843546e8", "-1.1920929e-7", "9.999999e-1", "0.99999999", "0.999999999999999999999",
    };

    @Test
    void listedCellsMatchJdkParsers() {
        for (String cell : LISTED_CELLS) {
            assertFastValueMatches(cell, true);
            assertFastValueMatches(cell, false);
            assertParsedValueMatches(cell, true);
            assertParsedValueMatches(cell, false);
        }
    }

    @Test
    void commonCellsTakeFastPath() {
        String[] cells = {"0", "-0", "-0.0", "1e-05", "1E+10", ".5", "5.", "+3", "-0.992156863",
            "0.0236432496", "1.23456789e-05", "1e22", "1e23", "0.50000000000000000"};
        for (String cell : cells) {
            assertFalse(Double.isNaN(fastValue(cell, true)), cell + " as float");
            assertFalse(Double.isNaN(fastValue(cell, false)), cell + " as double");
        }
        // Rounding first to double and then to float agrees with Float.parseFloat only when the
        // double is not halfway between two floats, so the scanner leaves these to the JDK.
        assertTrue(Double.isNaN(fastValue("16777217", true)));
        assertTrue(Double.isNaN(fastValue("1.000000059604644775390625", true)));
        assertEquals(16777217.0, fastValue("16777217", false));
        // The 19th significant digit is dropped. The float conversion still returns a value
        // because both ends of the remaining interval round to the same float.
        assertEquals((double) Float.parseFloat("1.234567890123456789e-01"),
                fastValue("1.234567890123456789e-01", true));
        assertTrue(Double.isNaN(fastValue("1.234567890123456789e-01", false)));
    }

    @Test
    void doubleRoundingCasesLeftToJdk() {
        // Each decimal lies within half a double ulp of the midpoint between two floats, so
        // (float) Double.parseDouble(cell) differs from Float.parseFloat(cell).
        String[] cells = {"0.06082567758858204", "3509967694748259e11", "2815886805503351e13",
            "2632185637523536e18", "7438688999115708e20"};
        for (String cell : cells) {
            assertFastValueMatches(cell, true);
            assertParsedValueMatches(cell, true);
            assertParsedValueMatches(cell, false);
            assertTrue(Double.isNaN(fastValue(cell, true)), cell);
        }
    }

    @Test
    void otherCellsLeftToRegexCode() {
        String[] cells = {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1..2", "--1", "+-1",
            "1f", "1d", "0x10", "1_0", "nan", "NaN", "inf", "-Infinity", "1 2", "1,2",
            "1e39", "-3.5e38", "1e-23", "1e-400", "\u0661"};
        for (String cell : cells) {
            assertTrue(Double.isNaN(fastValue(cell, true)), "'" + cell + "' as float");
        }
        assertTrue(Double.isNaN(fastValue("9007199254740993", false)));
        assertTrue(Double.isNaN(fastValue("1234567890123456789012345", false)));
    }

    /**
     * Cells whose exponent exceeds the range the fast path tracks, while their digits shift it
     * back by about as much: the fast path must leave them to the JDK, whose values differ from
     * what a capped exponent would give.
     */
    @Test
    void longCellsWithHugeExponentsMatch() {
        String zeros = "0".repeat(99_999);
        String[] cells = {"0." + zeros + "1e1000000", "1" + zeros + "000000000000000000e-1000000",
            "0." + zeros + "1e100000", "1" + zeros + "e-99999"};
        for (String cell : cells) {
            for (boolean singlePrecision : new boolean[] {true, false}) {
                String label = cell.length() + "-character cell ending "
                        + cell.substring(cell.length() - 12) + ", float " + singlePrecision;
                double fast = fastValue(cell, singlePrecision);
                if (!Double.isNaN(fast)) {
                    assertEquals(Double.doubleToRawLongBits(jdkValue(cell, singlePrecision)),
                            Double.doubleToRawLongBits(fast), label);
                }
            }
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NumberTable.parse(FILE, "0,0\n" + cells[0] + ",0\n", false, true));
        assertTrue(error.getMessage().endsWith("is outside the range of a 32-bit float"),
                error.getMessage());
    }

    @Test
    void scannerReadsCellInsideLine() {
        String line = "12.5, -0.25e1";
        assertEquals(12.5, NumberTable.parseDecimal(line, 0, 4, true));
        assertEquals(-2.5, NumberTable.parseDecimal(line, 6, line.length(), false));
        assertTrue(Double.isNaN(NumberTable.parseDecimal(line, 0, 5, false)));
    }

    @Test
    void randomFloatCellsMatch() {
        Random random = new Random(20240611L);
        List<Supplier<String>> generators = List.of(
                () -> String.format(Locale.ROOT, "%.9g", 2 * random.nextFloat() - 1),
                () -> String.format(Locale.ROOT, "%.9g", randomFiniteFloat(random)),
                () -> Float.toString(randomFiniteFloat(random)),
                () -> String.format(Locale.ROOT, "%.18e", (double) randomFiniteFloat(random)),
                () -> String.format(Locale.ROOT, "%.17g", randomDoubleInFloatRange(random)),
                () -> randomDecimal(random));
        for (Supplier<String> generator : generators) {
            assertLinesMatch(generator, true);
        }
    }

    @Test
    void randomDoubleCellsMatch() {
        Random random = new Random(20240612L);
        List<Supplier<String>> generators = List.of(
                () -> String.format(Locale.ROOT, "%.9g", 2 * random.nextFloat() - 1),
                () -> String.format(Locale.ROOT, "%.17g", randomDoubleInFloatRange(random)),
                () -> Double.toString(randomDoubleInFloatRange(random)),
                () -> Double.toString(random.nextInt(1_000_000) / 1000.0),
                () -> randomDecimal(random));
        for (Supplier<String> generator : generators) {
            assertLinesMatch(generator, false);
        }
    }

    @Test
    void nineDigitFloatsTakeFastPath() {
        Random random = new Random(7L);
        for (int i = 0; i < 100_000; i++) {
            String cell = String.format(Locale.ROOT, "%.9g", 2 * random.nextFloat() - 1);
            double expected = Float.parseFloat(cell);
            double fast = fastValue(cell, true);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(fast),
                    cell);
        }
    }

    @Test
    void separatorsSplitCells() {
        assertRows("1, 2 ,3 , 4\n", new int[] {1}, new double[][] {{1, 2, 3, 4}});
        assertRows("1\t2\t\t3", new int[] {1}, new double[][] {{1, 2, 3}});
        assertRows("1   2  3\n", new int[] {1}, new double[][] {{1, 2, 3}});
        assertRows("1\t,\t2\n", new int[] {1}, new double[][] {{1, 2}});
        assertRows("  1,2 \t\n", new int[] {1}, new double[][] {{1, 2}});
        assertRows("1\r2\f3\u000B4\n", new int[] {1}, new double[][] {{1, 2, 3, 4}});
        assertRows("\u2003 1, 2\u2003\n", new int[] {1}, new double[][] {{1, 2}});
        assertRows("1 , 2\n3,4", new int[] {1, 2}, new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void lineEndsAndBlankLinesKeepNumbers() {
        assertRows("1,2\r\n3,4\r\n", new int[] {1, 2}, new double[][] {{1, 2}, {3, 4}});
        assertRows("\n  \n1 2\n\t\n\r\n3 4\n\n", new int[] {3, 6},
                new double[][] {{1, 2}, {3, 4}});
        assertRows("1\r\r\n2\r", new int[] {1, 2}, new double[][] {{1}, {2}});
        assertRows("", new int[0], new double[0][]);
        assertRows("\n\r\n \n", new int[0], new double[0][]);
    }

    @Test
    void infinityReadWhenAllowed() {
        List<NumberTable.Row> rows = NumberTable.parse(FILE, "0.5,inf\n1,+Infinity\n", true,
                false);
        assertArrayEquals(new double[] {0.5, Double.POSITIVE_INFINITY}, rows.get(0).values());
        assertArrayEquals(new double[] {1, Double.POSITIVE_INFINITY}, rows.get(1).values());
    }

    @Test
    void errorMessagesUnchanged() {
        String[][] cases = {
            {"1,,2\n", "points.csv: line 1, column 2: empty cell"},
            {"1,2,\n", "points.csv: line 1, column 3: empty cell"},
            {",1\n", "points.csv: line 1, column 1: empty cell"},
            {"1, ,2\n", "points.csv: line 1, column 2: empty cell"},
            {"1,2\n3,,4\n", "points.csv: line 2, column 2: empty cell"},
            {"1,2\nnan,4\n",
                "points.csv: line 2, column 1: value is NaN; only finite numbers are allowed"},
            {"1,-NaN\n",
                "points.csv: line 1, column 2: value is NaN; only finite numbers are allowed"},
            {"1,inf\n3,4\n", "points.csv: line 1, column 2: value 'inf' is infinite; only finite"
                + " numbers are allowed here"},
            {"1 2\n3 abc\n", "points.csv: line 2, column 2: 'abc' is not a number"},
            {"x,y\n1,2\n", "points.csv: line 1, column 1: 'x' is not a number (header lines are"
                + " not supported; remove it)"},
            {"1.2.3\n", "points.csv: line 1, column 1: '1.2.3' is not a number (header lines"
                + " are not supported; remove it)"},
            {"1\u00A02\n", "points.csv: line 1, column 1: '1\u00A02' is not a number (header"
                + " lines are not supported; remove it)"},
            {"1\r\n2\r\n\r\n4,x\r\n", "points.csv: line 4, column 2: 'x' is not a number"},
            {"1e39,1\n",
                "points.csv: line 1, column 1: value 1e39 is outside the range of a 32-bit float"},
            {"0\n-3.5e38\n", "points.csv: line 2, column 1: value -3.5e38 is outside the range"
                + " of a 32-bit float"},
        };
        for (String[] testCase : cases) {
            for (boolean singlePrecision : new boolean[] {true, false}) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> NumberTable.parse(FILE, testCase[0], false, singlePrecision),
                        testCase[0]);
                assertEquals(testCase[1], error.getMessage());
            }
        }
        IllegalArgumentException negativeInfinity = assertThrows(IllegalArgumentException.class,
                () -> NumberTable.parse(FILE, "-inf\n", true, false));
        assertEquals("points.csv: line 1, column 1: value '-inf' is infinite; only finite"
                + " numbers are allowed here", negativeInfinity.getMessage());
    }

    @Test
    void raggedRowsMessageUnchanged() {
        List<NumberTable.Row> rows = NumberTable.parse(FILE, "1,2\n3,4\n5\n", false, true);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NumberTable.requireRectangular(FILE, rows));
        assertEquals("points.csv: ragged rows: line 3 has 1 values but line 1 has 2",
                error.getMessage());
    }

    private static double fastValue(String cell, boolean singlePrecision) {
        return NumberTable.parseDecimal(cell, 0, cell.length(), singlePrecision);
    }

    private static double jdkValue(String cell, boolean singlePrecision) {
        return singlePrecision ? Float.parseFloat(cell) : Double.parseDouble(cell);
    }

    /** Checks that the scanner returns the JDK's value, or NaN to leave the cell to other code. */
    private static void assertFastValueMatches(String cell, boolean singlePrecision) {
        double fast = fastValue(cell, singlePrecision);
        if (!Double.isNaN(fast)) {
            assertEquals(Double.doubleToRawLongBits(jdkValue(cell, singlePrecision)),
                    Double.doubleToRawLongBits(fast), cell + (singlePrecision ? " as float" : ""));
        }
    }

    private static void assertParsedValueMatches(String cell, boolean singlePrecision) {
        double expected = jdkValue(cell, singlePrecision);
        String label = cell + (singlePrecision ? " as float" : "");
        if (Float.isInfinite((float) expected)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> NumberTable.parse(FILE, cell, false, singlePrecision), label);
            assertTrue(error.getMessage().endsWith(" is outside the range of a 32-bit float"),
                    error.getMessage());
            return;
        }
        double parsed = NumberTable.parse(FILE, cell, false, singlePrecision).get(0).values()[0];
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parsed),
                label);
    }

    /**
     * Parses 500 lines of 100 generated cells and compares every value with the JDK's, through
     * both the whole table and the scanner's cell conversion.
     */
    private static void assertLinesMatch(Supplier<String> generator, boolean singlePrecision) {
        String[] separators = {",", ", ", " ", "\t", " , "};
        List<String[]> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 500; line++) {
            String[] cells = new String[100];
            for (int column = 0; column < cells.length; column++) {
                cells[column] = generator.get();
                if (column > 0) {
                    text.append(separators[(line + column) % separators.length]);
                }
                text.append(cells[column]);
                assertFastValueMatches(cells[column], singlePrecision);
            }
            text.append(line % 3 == 0 ? "\r\n" : "\n");
            lines.add(cells);
        }
        List<NumberTable.Row> rows = NumberTable.parse(FILE, text.toString(), false,
                singlePrecision);
        assertEquals(lines.size(), rows.size());
        for (int line = 0; line < lines.size(); line++) {
            String[] cells = lines.get(line);
            double[] values = rows.get(line).values();
            assertEquals(line + 1, rows.get(line).line());
            assertEquals(cells.length, values.length);
            for (int column = 0; column < cells.length; column++) {
                assertEquals(Double.doubleToRawLongBits(jdkValue(cells[column], singlePrecision)),
                        Double.doubleToRawLongBits(values[column]), cells[column]);
            }
        }
    }

    private static void assertRows(String text, int[] lineNumbers, double[][] values) {
        for (boolean singlePrecision : new boolean[] {true, false}) {
            List<NumberTable.Row> rows = NumberTable.parse(FILE, text, false, singlePrecision);
            assertEquals(lineNumbers.length, rows.size(), text);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(lineNumbers[i], rows.get(i).line(), text);
                assertArrayEquals(values[i], rows.get(i).values(), text);
            }
        }
    }

    private static float randomFiniteFloat(Random random) {
        while (true) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                return value;
            }
        }
    }

    /** Returns a uniform double in (-1, 1) times a random power of ten from 1e-45 to 1e38. */
    private static double randomDoubleInFloatRange(Random random) {
        return (2 * random.nextDouble() - 1) * Math.pow(10, random.nextInt(84) - 45);
    }

    /**
     * Returns a decimal that DECIMAL accepts: an optional sign, 1 to 25 integer digits or none,
     * an optional fraction of up to 25 digits and an optional exponent, within the float range.
     */
    private static String randomDecimal(Random random) {
        StringBuilder cell = new StringBuilder();
        if (random.nextBoolean()) {
            cell.append(random.nextBoolean() ? '-' : '+');
        }
        int integerDigits = random.nextInt(26);
        appendDigits(random, cell, integerDigits);
        if (integerDigits == 0 || random.nextBoolean()) {
            cell.append('.');
            appendDigits(random, cell, integerDigits == 0 ? 1 + random.nextInt(25)
                    : random.nextInt(26));
        }
        if (random.nextInt(3) == 0) {
            cell.append(random.nextBoolean() ? 'e' : 'E');
            int exponent = random.nextInt(31) - 25;
            cell.append(exponent < 0 ? "-" : random.nextBoolean() ? "+" : "");
            if (random.nextBoolean()) {
                cell.append('0');
            }
            cell.append(Math.abs(exponent));
        }
        return cell.toString();
    }

    private static void appendDigits(Random random, StringBuilder cell, int count) {
        for (int i = 0; i < count; i++) {
            cell.append((char) ('0' + random.nextInt(10)));
        }
    }
}
