package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layouts, class filter, limit, skipped files and errors of {@link ImageFolders}. */
class ImageFoldersTest {

    private static final String PNG = "a_rgb_landscape.png";
    private static final String GREY_PNG = "c_grey_square.png";
    private static final String JPEG = "b_rgb_celeba_size.jpg";

    @Test
    void singleFolderLoadsEveryFileInOrder(@TempDir Path temp) throws Exception {
        Path faces = Files.createDirectory(temp.resolve("faces"));
        List<Path> fixtures = ImageFoldersPilTest.imageFiles();
        for (Path file : fixtures) {
            Files.copy(file, faces.resolve(file.getFileName()));
        }
        Files.writeString(faces.resolve("list_attr.txt"), "not an image");
        Files.writeString(faces.resolve(".hidden.png"), "not an image either");

        LoadedDataset loaded = ImageFolders.load(request(faces, Set.of(), 0, 3));

        ImageSet set = loaded.images();
        assertEquals(fixtures.size(), set.size());
        assertEquals(3, set.channels());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertTrue(Arrays.stream(set.labels()).allMatch(label -> label == 0));
        for (int i = 0; i < fixtures.size(); i++) {
            float[] expected = ImageFolders.toTrainingImage(DecodedImage.read(fixtures.get(i)), 3);
            assertArrayEquals(expected, set.images()[i], 0f, "image " + i);
        }
        DatasetSummary summary = loaded.summary();
        assertEquals("folder", summary.source());
        assertEquals("faces", summary.folder());
        assertEquals(DatasetSummary.SINGLE_FOLDER, summary.layout());
        assertEquals(List.of(new DatasetSummary.ClassCount(0, "faces", fixtures.size())),
                summary.classes());
        assertEquals(0, summary.skippedFiles());
        assertEquals(0, summary.ignoredImages());
    }

    @Test
    void scalesBytesLikeTorchvision() throws Exception {
        DecodedImage black = new DecodedImage(1, 32, 32, new byte[32 * 32]);
        byte[] white = new byte[3 * 40 * 32];
        Arrays.fill(white, (byte) 255);
        white[0] = 51;

        assertEquals(-1f, ImageFolders.toTrainingImage(black, 3)[2047], 0f);
        float[] top = ImageFolders.toTrainingImage(new DecodedImage(3, 40, 32, white), 3);
        assertEquals(1f, top[1023], 0f);
        // Rows 4..35 of the 40 are kept, so the odd pixel at row 0 is cut off.
        assertEquals(1f, top[0], 0f);
    }

    @Test
    void classFoldersTakeTurnsInSortedOrder(@TempDir Path temp) throws Exception {
        Path root = animals(temp);

        LoadedDataset all = ImageFolders.load(request(root, Set.of(), 0, 1));
        // birds = 0 (4 files), cats = 1 (3 files, one nested), dogs = 2 (2 files).
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 0}, all.images().labels());
        assertEquals(DatasetSummary.CLASS_FOLDERS, all.summary().layout());
        assertEquals(List.of(new DatasetSummary.ClassCount(0, "birds", 4),
                new DatasetSummary.ClassCount(1, "cats", 3),
                new DatasetSummary.ClassCount(2, "dogs", 2)), all.summary().classes());
        assertEquals(1, all.summary().ignoredImages(), "loose.png beside the class folders");
        assertEquals(1, all.images().channels());

        // The cats files in sorted path order: a.png, b.jpg, kittens/c.png (a grey PNG).
        float[] nested = ImageFolders.toTrainingImage(
                DecodedImage.read(root.resolve("cats/kittens/c.png")), 1);
        assertArrayEquals(nested, all.images().images()[7], 0f);

        LoadedDataset limited = ImageFolders.load(request(root, Set.of(), 4, 3));
        assertArrayEquals(new int[] {0, 1, 2, 0}, limited.images().labels());

        LoadedDataset filtered = ImageFolders.load(request(root, Set.of(2, 0), 0, 3));
        assertArrayEquals(new int[] {0, 2, 0, 2, 0, 0}, filtered.images().labels());
        assertEquals(2, filtered.summary().classes().size());
    }

    @Test
    void skipsUnreadableFilesAndCountsThem(@TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("mixed"));
        byte[] png = Files.readAllBytes(fixture(PNG));
        byte[] jpeg = Files.readAllBytes(fixture(JPEG));
        Files.write(root.resolve("a_good.png"), png);
        Files.write(root.resolve("b_truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(root.resolve("c_truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(root.resolve("d_text.JPEG"), "hello", StandardCharsets.US_ASCII);
        Files.write(root.resolve("e_empty.png"), new byte[0]);
        Files.write(root.resolve("f_good.jpg"), jpeg);

        LoadedDataset loaded = ImageFolders.load(request(root, Set.of(), 0, 3));

        assertEquals(2, loaded.images().size());
        DatasetSummary summary = loaded.summary();
        assertEquals(4, summary.skippedFiles());
        List<String> names = summary.skippedExamples().stream()
                .map(DatasetSummary.SkippedFile::file).toList();
        assertEquals(List.of("b_truncated.png", "c_truncated.jpg", "d_text.JPEG", "e_empty.png"),
                names);
        for (DatasetSummary.SkippedFile skipped : summary.skippedExamples()) {
            assertTrue(skipped.reason() != null && !skipped.reason().isBlank(), skipped.file());
        }
        assertTrue(summary.skippedExamples().get(2).reason().contains("not a PNG or JPEG"),
                summary.skippedExamples().get(2).reason());
        assertTrue(summary.describe().contains("4 unreadable files skipped, e.g. b_truncated.png"),
                summary.describe());
    }

    @Test
    void keepsOnlyTheFirstSkippedExamples(@TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("broken"));
        for (int i = 0; i < 8; i++) {
            Files.writeString(root.resolve("bad" + i + ".png"), "x");
        }
        Files.copy(fixture(PNG), root.resolve("good.png"));

        DatasetSummary summary = ImageFolders.load(request(root, Set.of(), 0, 3)).summary();

        assertEquals(8, summary.skippedFiles());
        assertEquals(ImageFolders.SKIPPED_EXAMPLES, summary.skippedExamples().size());
    }

    @Test
    void stopsReadingOnceLimitIsMet(@TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("limited"));
        Files.copy(fixture(PNG), root.resolve("a.png"));
        Files.copy(fixture(JPEG), root.resolve("b.jpg"));
        Files.writeString(root.resolve("c_corrupt.png"), "never read");
        List<int[]> updates = new ArrayList<>();

        LoadedDataset loaded = ImageFolders.load(request(root, Set.of(), 2, 3),
                (count, skipped, total) -> updates.add(new int[] {count, skipped, total}));

        assertEquals(2, loaded.images().size());
        assertEquals(0, loaded.summary().skippedFiles(), "the corrupt file after the limit");
        assertEquals(2, updates.size());
        assertArrayEquals(new int[] {2, 0, 2}, updates.get(1));
    }

    @Test
    void rejectsMissingAndEmptyFolders(@TempDir Path temp) throws Exception {
        Path missing = temp.resolve("absent");
        FileNotFoundException notFound = assertThrows(FileNotFoundException.class,
                () -> ImageFolders.load(request(missing, Set.of(), 0, 3)));
        assertTrue(notFound.getMessage().contains(missing.toString()), notFound.getMessage());

        Path empty = Files.createDirectory(temp.resolve("empty"));
        IOException noImages = assertThrows(IOException.class,
                () -> ImageFolders.load(request(empty, Set.of(), 0, 3)));
        assertTrue(noImages.getMessage().contains(empty.toString()), noImages.getMessage());
        assertTrue(noImages.getMessage().contains("no PNG or JPEG files"), noImages.getMessage());

        Path text = Files.createDirectory(temp.resolve("text"));
        Files.writeString(text.resolve("readme.txt"), "no images here");
        IOException onlyText = assertThrows(IOException.class,
                () -> ImageFolders.load(request(text, Set.of(), 0, 3)));
        assertTrue(onlyText.getMessage().contains("no PNG or JPEG files"), onlyText.getMessage());
    }

    @Test
    void rejectsFolderWithoutReadableImage(@TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("corrupt"));
        Files.writeString(root.resolve("a.png"), "not a png");
        Files.writeString(root.resolve("b.jpg"), "not a jpeg");

        IOException error = assertThrows(IOException.class,
                () -> ImageFolders.load(request(root, Set.of(), 0, 3)));

        String message = error.getMessage();
        assertTrue(message.contains("no readable image in image folder " + root), message);
        assertTrue(message.contains("all 2 PNG or JPEG files were skipped"), message);
        assertTrue(message.contains("a.png: not a PNG or JPEG image"), message);
    }

    @Test
    void rejectsClassFolderWithoutReadableImage(@TempDir Path temp) throws Exception {
        Path root = animals(temp);
        Path dogs = root.resolve("dogs");
        try (var files = Files.list(dogs)) {
            for (Path file : files.toList()) {
                Files.writeString(file, "corrupt");
            }
        }

        IOException error = assertThrows(IOException.class,
                () -> ImageFolders.load(request(root, Set.of(), 0, 3)));
        assertTrue(error.getMessage().contains("class folder " + dogs + " (class 2)"),
                error.getMessage());

        Path fish = Files.createDirectory(root.resolve("fish"));
        IOException empty = assertThrows(IOException.class,
                () -> ImageFolders.load(request(root, Set.of(3), 0, 3)));
        assertTrue(empty.getMessage().contains("class folder " + fish + " (class 3) contains no"),
                empty.getMessage());
    }

    @Test
    void rejectsClassWithoutFolder(@TempDir Path temp) throws Exception {
        Path root = animals(temp);
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> ImageFolders.load(request(root, Set.of(0, 3), 0, 3)));
        String message = beyond.getMessage();
        assertTrue(message.contains(root.toString()), message);
        assertTrue(message.contains("3 class folders, so classes are 0..2"), message);
        assertTrue(message.contains("0 = birds, 1 = cats, 2 = dogs"), message);

        Path single = Files.createDirectory(temp.resolve("single"));
        Files.copy(fixture(PNG), single.resolve("a.png"));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> ImageFolders.load(request(single, Set.of(1), 0, 3)));
        assertTrue(one.getMessage().contains("are all class 0"), one.getMessage());
    }

    @Test
    void requestAcceptsFolderClassesAboveNine() {
        DatasetRequest request = request(Path.of("faces"), Set.of(12), 0, 1);
        assertTrue(request.isFolder());
        assertThrows(IllegalArgumentException.class,
                () -> request(Path.of("faces"), Set.of(-1), 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ImageFolders.load(DatasetRequest.of("mnist", Path.of("."))));
    }

    @Test
    void summarizesStandardDatasets() throws Exception {
        DatasetRequest request = new DatasetRequest("mnist", ImageDatasetsTest.MNIST, Set.of(3, 7),
                0, 1, DatasetRequest.Split.TRAIN);

        LoadedDataset loaded = LoadedDataset.load(request, ImageFolders.Progress.NONE);

        DatasetSummary summary = loaded.summary();
        assertEquals("mnist", summary.source());
        assertEquals("mnist", summary.folder());
        assertEquals(DatasetSummary.STANDARD_FILES, summary.layout());
        assertEquals(400, summary.images());
        assertEquals(List.of(new DatasetSummary.ClassCount(3, null, 200),
                new DatasetSummary.ClassCount(7, null, 200)), summary.classes());
        assertEquals("400 images, classes 3 200, 7 200; 0 unreadable files skipped",
                summary.describe());
    }

    /** birds/ (4 files), cats/ (2 files and kittens/c.png), dogs/ (2 files), loose.png. */
    private static Path animals(Path temp) throws IOException, Exception {
        Path root = Files.createDirectory(temp.resolve("animals"));
        Path birds = Files.createDirectory(root.resolve("birds"));
        Path cats = Files.createDirectory(root.resolve("cats"));
        Path dogs = Files.createDirectory(root.resolve("dogs"));
        for (int i = 0; i < 4; i++) {
            Files.copy(fixture(PNG), birds.resolve("b" + i + ".png"));
        }
        Files.copy(fixture(PNG), cats.resolve("a.png"));
        Files.copy(fixture(JPEG), cats.resolve("b.jpg"));
        Files.copy(fixture(GREY_PNG), Files.createDirectory(cats.resolve("kittens"))
                .resolve("c.png"));
        Path hidden = Files.createDirectory(cats.resolve(".thumbnails"));
        Files.copy(fixture(PNG), hidden.resolve("t.png"));
        Files.copy(fixture(JPEG), dogs.resolve("d1.jpeg"));
        Files.copy(fixture(PNG), dogs.resolve("d2.PNG"));
        Files.copy(fixture(PNG), root.resolve("loose.png"));
        Files.writeString(root.resolve("labels.csv"), "file,class\n");
        return root;
    }

    private static Path fixture(String name) throws Exception {
        return NpyTest.resource("folders/images/" + name);
    }

    private static DatasetRequest request(Path folder, Set<Integer> classes, int limit,
            int channels) {
        return new DatasetRequest(DatasetRequest.FOLDER, folder, classes, limit, channels,
                DatasetRequest.Split.TRAIN);
    }
}
