package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image input of {@code topogan fid}, with a TorchScript model of Inception's signature that
 * returns channel means ({@code src/test/python/make_fid_test_model.py}).
 */
class FidCommandTest {

    private static final int COUNT = 8;

    @Test
    void folderGivesSameFidAsNpy(@TempDir Path temp) throws Exception {
        Path model = Path.of(FidCommandTest.class.getResource("/fid/channel-means.pt").toURI());
        byte[] realPixels = randomImages(new Random(1));
        byte[] fakePixels = randomImages(new Random(2));
        Path realFolder = writePngs(temp.resolve("real"), realPixels);
        Path fakeFolder = writePngs(temp.resolve("fake"), fakePixels);
        Path realNpy = temp.resolve("real.npy");
        Path fakeNpy = temp.resolve("fake.npy");
        Npy.write(realNpy, NpyArray.ofUint8(new int[] {COUNT, 3, 32, 32}, realPixels));
        Npy.write(fakeNpy, NpyArray.ofUint8(new int[] {COUNT, 3, 32, 32}, fakePixels));
        Files.writeString(realFolder.resolve("z_broken.png"), "not a png");
        Files.writeString(realFolder.resolve("notes.txt"), "ignored");

        CommandRunner.Result folders = CommandRunner.run("fid", "--real", realFolder.toString(),
                "--fake", fakeFolder.toString(), "--model", model.toString());
        CommandRunner.Result arrays = CommandRunner.run("fid", "--real", realNpy.toString(),
                "--fake", fakeNpy.toString(), "--model", model.toString());

        assertEquals(0, folders.exitCode(), folders.err());
        assertEquals(0, arrays.exitCode(), arrays.err());
        double folderFid = fid(folders.out());
        double arrayFid = fid(arrays.out());
        assertTrue(folderFid > 0, folders.out());
        assertEquals(arrayFid, folderFid, 1e-12 * arrayFid);
        assertTrue(folders.err().contains(COUNT + " images, classes 0 (real) " + COUNT
                + "; 1 unreadable file skipped, e.g. z_broken.png"), folders.err());
        assertTrue(folders.err().contains("skipped z_broken.png: not a PNG or JPEG image"),
                folders.err());
    }

    @Test
    void folderWithoutImagesIsNamed(@TempDir Path temp) throws Exception {
        Path model = Path.of(FidCommandTest.class.getResource("/fid/channel-means.pt").toURI());
        Path empty = Files.createDirectory(temp.resolve("empty"));

        CommandRunner.Result result = CommandRunner.run("fid", "--real", empty.toString(),
                "--fake", empty.toString(), "--model", model.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("image folder " + empty + " contains no PNG or JPEG"),
                result.err());
        assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    private static double fid(String out) {
        assertTrue(out.startsWith("fid "), out);
        return Double.parseDouble(out.trim().substring(4));
    }

    private static byte[] randomImages(Random random) {
        byte[] pixels = new byte[COUNT * 3 * 32 * 32];
        random.nextBytes(pixels);
        return pixels;
    }

    /** Writes each CHW image of {@code pixels} as an RGB PNG, named in index order. */
    private static Path writePngs(Path folder, byte[] pixels) throws Exception {
        Files.createDirectories(folder);
        int plane = 32 * 32;
        for (int i = 0; i < COUNT; i++) {
            BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
            for (int p = 0; p < plane; p++) {
                int offset = i * 3 * plane + p;
                int rgb = (pixels[offset] & 0xFF) << 16 | (pixels[offset + plane] & 0xFF) << 8
                        | (pixels[offset + 2 * plane] & 0xFF);
                image.setRGB(p % 32, p / 32, rgb);
            }
            ImageIO.write(image, "png", folder.resolve("img" + i + ".png").toFile());
        }
        return folder;
    }
}
