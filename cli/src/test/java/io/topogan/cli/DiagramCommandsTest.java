package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code distance} and {@code entropy} against the values of the topology module's
 * distance/cases.txt, which its make_distance_fixtures.py computed with persim, GUDHI and
 * giotto-tda.
 */
class DiagramCommandsTest {

    private static final Path CASES = Path.of("../topology/src/test/resources/distance/cases.txt");

    @TempDir
    Path temp;

    /** One block of cases.txt: the two diagrams as CSV text and the expected values. */
    record Case(String name, String a, String b, Map<String, Double> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String block : Files.readString(CASES).split("\n\n")) {
            String name = null;
            String a = "";
            String b = "";
            Map<String, Double> expected = new HashMap<>();
            for (String line : block.strip().split("\n")) {
                String[] parts = line.split(" ", 2);
                String rest = parts.length > 1 ? parts[1].trim() : "";
                switch (parts[0]) {
                    case "case" -> name = "case " + rest;
                    case "a" -> a = toCsv(rest);
                    case "b" -> b = toCsv(rest);
                    default -> expected.put(parts[0], rest.equals("inf")
                            ? Double.POSITIVE_INFINITY : Double.parseDouble(rest));
                }
            }
            cases.add(new Case(name, a, b, expected));
        }
        return cases.stream();
    }

    private static String toCsv(String pairs) {
        if (pairs.isBlank()) {
            return "";
        }
        String[] fields = pairs.split("\\s+");
        StringBuilder csv = new StringBuilder("birth,death\n");
        for (int i = 0; i < fields.length; i += 2) {
            csv.append(fields[i]).append(',').append(fields[i + 1]).append('\n');
        }
        return csv.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void distancesMatchOracles(Case testCase) throws IOException {
        Path a = temp.resolve("a.csv");
        Path b = temp.resolve("b.csv");
        Files.writeString(a, testCase.a());
        Files.writeString(b, testCase.b());
        String[][] runs = {
            {"bottleneck", "--metric", "bottleneck"},
            {"bottleneck_match", "--metric", "bottleneck", "--infinite", "match"},
            {"wasserstein1", "--metric", "wasserstein"},
            {"wasserstein1_match", "--metric", "wasserstein", "--infinite", "match"},
            {"wasserstein2", "--metric", "wasserstein", "--p", "2"},
            {"wasserstein2_match", "--metric", "wasserstein", "--p", "2", "--infinite",
                "match"},
        };
        for (String[] run : runs) {
            List<String> args = new ArrayList<>(List.of("distance", a.toString(), b.toString()));
            args.addAll(List.of(run).subList(1, run.length));
            CommandRunner.Result result = CommandRunner.run(args.toArray(String[]::new));

            assertEquals(0, result.exitCode(), run[0] + ": " + result.err());
            assertClose(testCase.expected().get(run[0]), result.out(), testCase + " " + run[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void entropiesMatchOracles(Case testCase) throws IOException {
        Map<String, String> diagrams = Map.of("a", testCase.a(), "b", testCase.b());
        for (Map.Entry<String, String> diagram : diagrams.entrySet()) {
            Path file = temp.resolve(diagram.getKey() + ".csv");
            Files.writeString(file, diagram.getValue());
            for (String mode : List.of("points", "none", "giotto")) {
                String key = "entropy_" + mode + "_" + diagram.getKey();
                CommandRunner.Result result = CommandRunner.run("entropy", file.toString(),
                        "--normalize", mode);

                assertEquals(0, result.exitCode(), key + ": " + result.err());
                assertClose(testCase.expected().get(key), result.out(), testCase + " " + key);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ignoredInfinitePointsReported(Case testCase) throws IOException {
        Path a = temp.resolve("a.csv");
        Path b = temp.resolve("b.csv");
        Files.writeString(a, testCase.a());
        Files.writeString(b, testCase.b());
        long infinite = Stream.of(testCase.a(), testCase.b())
                .flatMap(String::lines).filter(line -> line.endsWith(",inf")).count();

        CommandRunner.Result result = CommandRunner.run("distance", a.toString(), b.toString(),
                "--metric", "bottleneck");

        assertEquals(0, result.exitCode(), result.err());
        if (infinite == 0) {
            assertEquals("", result.err());
        } else {
            assertTrue(result.err().contains("ignored " + infinite + " points with infinite"),
                    result.err());
        }
    }

    private static void assertClose(Double expected, String printed, String label) {
        double actual = Double.parseDouble(printed.trim().replace("inf", "Infinity"));
        if (expected.isInfinite() || expected == 0) {
            assertEquals(expected, actual, 1e-12, label);
        } else {
            assertEquals(expected, actual, 1e-9 * Math.abs(expected), label);
        }
    }
}
