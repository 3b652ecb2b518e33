package io.topogan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based tests of {@link ObjectKeys#requireUnderRun}: every key it accepts starts with
 * the run's prefix, has no empty, '.' or '..' segment and uses only {@code [A-Za-z0-9._/-]}.
 * It rejects everything else with an {@link IllegalArgumentException}.
 */
class ObjectKeysFuzzTest {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/-]+");

    @Property(tries = 1000)
    void arbitraryStringsAcceptedOnlyWhenSafe(@ForAll String key) {
        assertAcceptedOnlyWhenSafe("r1", key);
        assertAcceptedOnlyWhenSafe("r1", "runs/r1/" + key);
    }

    @Property(tries = 1000)
    void pathTricksAcceptedOnlyWhenSafe(@ForAll("trickyKeys") String key,
            @ForAll("runIds") String runId) {
        assertAcceptedOnlyWhenSafe(runId, key);
    }

    @Property(tries = 500)
    void keysOfSafeSegmentsAccepted(@ForAll("safeSegments") List<String> segments) {
        String key = "runs/r1/" + String.join("/", segments);
        assertEquals(key, ObjectKeys.requireUnderRun("r1", key));
    }

    @Example
    void rejectionMessageEscapesAndShortensKey() {
        String key = "runs/r1/a\nforged log line\u0000" + "x".repeat(5000);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ObjectKeys.requireUnderRun("r1", key));
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
        assertFalse(error.getMessage().contains("\u0000"), error.getMessage());
        assertTrue(error.getMessage().length() < 500, "message of "
                + error.getMessage().length() + " characters");
        assertTrue(error.getMessage().contains("\\n"), error.getMessage());
    }

    @Provide
    Arbitrary<String> runIds() {
        return Arbitraries.of("r1", "r10", "run-1", "r", "R1", "r1/..", "", "r1\u0000");
    }

    /** Keys assembled from segments that try to leave the prefix or hide a separator. */
    @Provide
    Arbitrary<String> trickyKeys() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("", ".", "..", "...", "%2e%2e", "%2E%2e", "%2f", "..%2f",
                        "\u2024\u2024", "\uff0e\uff0e", "\u002e\u0301", "\\", "..\\..", "a\\b",
                        "\u0000", "a\u0000b", "\u200b", "\ufeff", "~", "runs", "r1", "r10", "r2",
                        "epoch-0", "samples.npy", ".hidden", "a..b", "x".repeat(1100), " ",
                        "\u212a", "\u0130", "\ud800", "a/", "/"),
                Arbitraries.strings().withChars("./\\%2ea-").ofMaxLength(6));
        Arbitrary<String> tail = segment.list().ofMaxSize(6).map(list -> String.join("/", list));
        return Arbitraries.oneOf(
                tail.map(t -> "runs/r1/" + t),
                tail.map(t -> "runs/r1/" + t + "/"),
                tail.map(t -> "/runs/r1/" + t),
                tail.map(t -> "runs/r1" + t),
                tail);
    }

    @Provide
    Arbitrary<List<String>> safeSegments() {
        Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z')
                .withCharRange('A', 'Z').withCharRange('0', '9').withChars("._-")
                .ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return segment.list().ofMinSize(1).ofMaxSize(5);
    }

    /**
     * Calls requireUnderRun; if it accepts {@code key}, checks the invariants, and if it rejects,
     * checks that the rejection is an IllegalArgumentException with a message.
     */
    private static void assertAcceptedOnlyWhenSafe(String runId, String key) {
        String accepted;
        try {
            accepted = ObjectKeys.requireUnderRun(runId, key);
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank());
            return;
        }
        assertEquals(key, accepted);
        assertTrue(key.startsWith("runs/" + runId + "/"), key);
        assertTrue(SAFE.matcher(key).matches(), key);
        assertTrue(key.length() <= 1024, "key of " + key.length() + " characters");
        for (String segment : key.split("/", -1)) {
            assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."),
                    "segment '" + segment + "' in " + key);
        }
    }
}
