package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every invalid input or option ends with a one-line message and a non-zero exit code. */
class InvalidInputTest {

    @TempDir
    Path temp;

    private Path file(String name, String content) throws IOException {
        Path path = temp.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    /** Runs the command and checks exit code, the message and the absence of a stack trace. */
    private void assertRejected(int exitCode, String message, String... args) {
        CommandRunner.Result result = CommandRunner.run(args);

        String label = String.join(" ", args) + "\nstderr: " + result.err();
        assertEquals(exitCode, result.exitCode(), label);
        assertTrue(result.err().contains(message), "expected '" + message + "' in " + label);
        assertFalse(result.err().contains("\tat "), "stack trace in " + label);
        assertFalse(result.err().contains("Exception"), "exception name in " + label);
    }

    @Test
    void pointCloudFilesRejected() throws IOException {
        String command = "homology";
        assertRejected(1, "file not found", command, temp.resolve("missing.csv").toString());
        assertRejected(1, "is a directory", command, temp.toString());
        assertRejected(1, "empty input", command, file("empty.csv", "\n\n").toString());
        assertRejected(1, "ragged rows: line 3 has 1 values but line 1 has 2", command,
                file("ragged.csv", "1,2\n3,4\n5\n").toString());
        assertRejected(1, "line 2, column 1: value is NaN", command,
                file("nan.csv", "1,2\nnan,4\n").toString());
        assertRejected(1, "line 1, column 2: value 'inf' is infinite", command,
                file("inf.csv", "1,inf\n3,4\n").toString());
        assertRejected(1, "line 2, column 2: 'abc' is not a number", command,
                file("text.csv", "1 2\n3 abc\n").toString());
        assertRejected(1, "header lines are not supported", command,
                file("header.csv", "x,y\n1,2\n").toString());
        assertRejected(1, "line 1, column 2: empty cell", command,
                file("gap.csv", "1,,2\n").toString());
        assertRejected(1, "outside the range of a 32-bit float", command,
                file("huge.csv", "1e39,1\n0,0\n").toString());
    }

    @Test
    void npyFilesRejected() throws IOException {
        Path nan = temp.resolve("nan.npy");
        Npy.write(nan, NpyArray.ofFloat64(new int[] {2, 2}, new double[] {0, 1, Double.NaN, 2}));
        Path empty = temp.resolve("empty.npy");
        Npy.write(empty, NpyArray.ofFloat32(new int[] {0, 3}, new float[0]));
        Path broken = file("broken.npy", "not an npy file");

        assertRejected(1, "point 1, coordinate 0 is NaN", "homology", nan.toString());
        assertRejected(1, "empty input", "homology", empty.toString());
        assertRejected(1, "invalid .npy file", "homology", broken.toString());
    }

    @Test
    void integerNpyReadLikeFloats() throws IOException {
        int[] grid = {0, 0, 0, 1, 1, 0, 1, 1, 3, 3, 5, 2};
        double[] asDoubles = Arrays.stream(grid).asDoubleStream().toArray();
        long[] asLongs = Arrays.stream(grid).asLongStream().toArray();
        Path ints = temp.resolve("ints.npy");
        Npy.write(ints, NpyArray.ofInt32(new int[] {6, 2}, grid));
        Path longs = temp.resolve("longs.npy");
        Npy.write(longs, NpyArray.ofInt64(new int[] {6, 2}, asLongs));
        Path doubles = temp.resolve("doubles.npy");
        Npy.write(doubles, NpyArray.ofFloat64(new int[] {6, 2}, asDoubles));

        CommandRunner.Result expected = CommandRunner.run("homology", doubles.toString());
        CommandRunner.Result fromInts = CommandRunner.run("homology", ints.toString());
        CommandRunner.Result fromLongs = CommandRunner.run("homology", longs.toString());

        assertEquals(0, expected.exitCode(), expected.err());
        assertEquals(expected.out(), fromInts.out(), fromInts.err());
        assertEquals(expected.out(), fromLongs.out(), fromLongs.err());
    }

    @Test
    void distanceInputsRejected() throws IOException {
        assertRejected(1, "line 2, column 2: negative distance -1.0", "homology", "--input",
                "lower-distance", file("negative.txt", "1\n2,-1\n").toString());
        assertRejected(1, "4 distances do not form a lower triangle", "homology", "--input",
                "lower-distance", file("count.txt", "1\n2,3\n4\n").toString());
        assertRejected(1, "empty input", "homology", "--input", "lower-distance",
                file("none.txt", "").toString());
        assertRejected(1, "asymmetric distance matrix: entry (2, 1) is 1.0 but (1, 2) is 2.0",
                "homology", "--input", "distance",
                file("asymmetric.txt", "0 2 3\n1 0 4\n3 4 0\n").toString());
        assertRejected(1, "must be square", "homology", "--input", "distance",
                file("wide.txt", "0 1 2\n1 0 3\n").toString());
        assertRejected(1, "diagonal entry (2, 2) is 5.0", "homology", "--input", "distance",
                file("diagonal.txt", "0 1\n1 5\n").toString());
        assertRejected(1, "negative distance", "homology", "--input", "distance",
                file("negative_full.txt", "0 -1\n-1 0\n").toString());
    }

    @Test
    void impossibleOptionsRejected() throws IOException {
        String cloud = file("cloud.csv", "0,0\n1,0\n0,1\n").toString();
        Path diagram = file("diagram.csv", "0,1\n");
        List<String[]> usageErrors = new ArrayList<>();
        usageErrors.add(new String[] {"'--maxdim'", "homology", "--maxdim", "-1", cloud});
        usageErrors.add(new String[] {"'--maxdim'", "homology", "--maxdim", "4", cloud});
        usageErrors.add(new String[] {"'--n-perm'", "homology", "--n-perm", "0", cloud});
        usageErrors.add(new String[] {"unknown metric 'manhattan'", "homology", "--metric",
            "manhattan", cloud});
        usageErrors.add(new String[] {"'--threshold'", "homology", "--threshold", "-1", cloud});
        usageErrors.add(new String[] {"'--input'", "homology", "--input", "sparse", cloud});
        usageErrors.add(new String[] {"'--format'", "homology", "--format", "xml", cloud});
        usageErrors.add(new String[] {"--n-perm applies to point clouds only", "homology",
            "--input", "distance", "--n-perm", "5", cloud});
        usageErrors.add(new String[] {"'--p'", "distance", diagram.toString(),
            diagram.toString(), "--metric", "wasserstein", "--p", "0.5"});
        usageErrors.add(new String[] {"'--metric'", "distance", diagram.toString(),
            diagram.toString(), "--metric", "euclid"});
        usageErrors.add(new String[] {"'--infinite'", "distance", diagram.toString(),
            diagram.toString(), "--metric", "bottleneck", "--infinite", "keep"});
        usageErrors.add(new String[] {"'--normalize'", "entropy", diagram.toString(),
            "--normalize", "max"});
        usageErrors.add(new String[] {"'--maxdim'", "entropy-ablation", cloud, "--maxdim", "9"});
        usageErrors.add(new String[] {"'--step'", "entropy-ablation", cloud, "--step", "0"});
        usageErrors.add(new String[] {"--to 500 exceeds the 3 points", "entropy-ablation",
            cloud, "--from", "1"});
        for (String[] error : usageErrors) {
            String[] args = List.of(error).subList(1, error.length).toArray(String[]::new);
            assertRejected(2, error[0], args);
        }
    }

    @Test
    void diagramFilesRejected() throws IOException {
        Path good = file("good.csv", "0,1\n");
        Path backwards = file("backwards.csv", "0,1\n3,2\n");
        Path infiniteBirth = file("infinite_birth.csv", "inf,inf\n");
        Path threeColumns = file("three.csv", "0,0,1\n");
        Path json = file("result.json", "{\"diagrams\": [{\"dimension\": 0, \"bars\": [[0, null]]},"
                + " {\"dimension\": 1, \"bars\": [[1, 2]]}]}");
        Path brokenJson = file("broken.json", "{\"diagrams\": [");

        assertRejected(1, "line 2: death 2.0 is before birth 3.0", "entropy",
                backwards.toString());
        assertRejected(1, "line 1: birth must be finite", "entropy", infiniteBirth.toString());
        assertRejected(1, "needs the header line dimension,birth,death", "entropy",
                threeColumns.toString());
        assertRejected(1, "contains the dimensions [0, 1]; choose one with --dim", "distance",
                json.toString(), good.toString(), "--metric", "bottleneck");
        assertRejected(1, "no diagram of dimension 2", "entropy", json.toString(), "--dim",
                "2");
        assertRejected(1, "invalid JSON", "entropy", brokenJson.toString());
        assertRejected(1, "file not found", "entropy", temp.resolve("none.csv").toString());
    }

    @Test
    void emptyDiagramFilesAccepted() throws IOException {
        Path empty = file("empty.csv", "");
        Path one = file("one.csv", "birth,death\n0,2\n");

        CommandRunner.Result distance = CommandRunner.run("distance", empty.toString(),
                one.toString(), "--metric", "bottleneck");
        CommandRunner.Result entropy = CommandRunner.run("entropy", empty.toString());

        assertEquals(0, distance.exitCode(), distance.err());
        assertEquals(1.0, Double.parseDouble(distance.out().trim()), 1e-12);
        assertEquals(0, entropy.exitCode(), entropy.err());
        assertEquals(0.0, Double.parseDouble(entropy.out().trim()));
    }
}
