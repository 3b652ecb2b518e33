package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntropyAblationCommandTest {

    @TempDir
    Path temp;

    @Test
    void gradientLikeNumpy() {
        // numpy.gradient([1, 2, 4, 7, 11], 10) = [0.1, 0.15, 0.25, 0.35, 0.4]
        double[] gradient = EntropyAblationCommand.absoluteGradient(
                new double[] {1, 2, 4, 7, 11}, 10);

        assertArrayEquals(new double[] {0.1, 0.15, 0.25, 0.35, 0.4}, gradient, 1e-12);
    }

    @Test
    void gradientIsAbsolute() {
        double[] gradient = EntropyAblationCommand.absoluteGradient(new double[] {3, 1}, 2);

        assertArrayEquals(new double[] {1, 1}, gradient, 1e-12);
    }

    @Test
    void writesCsvPlotAndOptima() throws IOException {
        Path cloud = HomologyCommandTest.FIXTURES.resolve("circle_noisy.csv");
        Path out = temp.resolve("ablation");

        CommandRunner.Result result = CommandRunner.run("entropy-ablation", cloud.toString(),
                "--from", "10", "--to", "40", "--step", "10", "--maxdim", "1", "--epsilon",
                "0.01", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> csv = Files.readAllLines(out.resolve("entropy_ablation.csv"));
        assertEquals("n_perm,seconds,entropy_h0,entropy_h1,abs_derivative_h0,abs_derivative_h1",
                csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith("10,"), csv.get(1));
        assertTrue(csv.get(4).startsWith("40,"), csv.get(4));
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",");
            assertEquals(6, cells.length, line);
            double entropyH0 = Double.parseDouble(cells[2]);
            assertTrue(entropyH0 > 0, "normalised entropy " + line);
            assertTrue(entropyH0 <= 1, "normalised entropy " + line);
        }
        double e10 = Double.parseDouble(csv.get(1).split(",")[2]);
        double e20 = Double.parseDouble(csv.get(2).split(",")[2]);
        assertEquals(Math.abs(e20 - e10) / 10, Double.parseDouble(csv.get(1).split(",")[4]),
                1e-12);

        BufferedImage image = ImageIO.read(out.resolve("entropy_ablation.png").toFile());
        assertNotNull(image);
        assertEquals(900, image.getWidth());
        assertTrue(result.out().contains("H0 optimal n_perm: "), result.out());
        assertTrue(result.out().contains("H1 optimal n_perm: "), result.out());
        assertTrue(result.err().contains("n_perm 40 (4/4)"), result.err());
        assertTrue(result.err().contains("ETA"), result.err());
    }

    @Test
    void etaExtrapolatesPowerLaw() {
        // Time doubles from n=10 to n=20, so exponent 1: n=30 and n=40 take 3 s and 4 s.
        double remaining = EntropyAblationCommand.remainingSeconds(new int[] {10, 20, 30, 40},
                new double[] {1, 2, 0, 0}, 1);

        assertEquals(7, remaining, 1e-9);
    }
}
