package io.topogan.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DiagramTest {

    private static byte[] npy(double... rows) {
        return Npy.toBytes(NpyArray.ofFloat64(new int[] {rows.length / 3, 3}, rows));
    }

    @Test
    void barsGroupedByDimension() throws IOException {
        byte[] bytes = npy(
                0, 0.0, 0.5,
                0, 0.0, Double.POSITIVE_INFINITY,
                1, 0.75, 1.25,
                0, 0.0, 0.25);
        Diagram diagram = Diagram.fromNpy("run-a", 3, "samples", bytes);
        assertEquals(4, diagram.bars());
        assertEquals(List.of(0, 1), List.copyOf(diagram.dimensions().keySet()));
        List<Double[]> h0 = diagram.dimensions().get(0);
        assertEquals(3, h0.size());
        assertArrayEquals(new Double[] {0.0, 0.5}, h0.get(0));
        assertNull(h0.get(1)[1], "an infinite death is served as null");
        assertArrayEquals(new Double[] {0.75, 1.25}, diagram.dimensions().get(1).get(0));
        assertEquals(1.25, diagram.maxFiniteValue());
    }

    @Test
    void wrongShapeRejected() {
        byte[] bytes = Npy.toBytes(NpyArray.ofFloat64(new int[] {2, 2}, new double[4]));
        IOException error = assertThrows(IOException.class,
                () -> Diagram.fromNpy("run-a", 0, "samples", bytes));
        assertTrue(error.getMessage().contains("(bars, 3)"), error.getMessage());
    }

    @Test
    void plotIsPngWithPoints() throws IOException {
        Diagram diagram = Diagram.fromNpy("run-a", 0, "samples",
                npy(0, 0.0, 1.0, 0, 0.0, Double.POSITIVE_INFINITY, 1, 0.5, 0.9));
        byte[] png = DiagramPlot.png(diagram);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(DiagramPlot.SIZE, image.getWidth());
        assertEquals(DiagramPlot.SIZE, image.getHeight());
        int blueish = 0;
        int reddish = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (blue > 150 && red < 120 && green < 170) {
                    blueish++;
                }
                if (red > 170 && green < 120 && blue < 120) {
                    reddish++;
                }
            }
        }
        assertTrue(blueish > 40, "H0 points missing: " + blueish + " blue pixels");
        assertTrue(reddish > 20, "H1 point missing: " + reddish + " red pixels");
    }
}
