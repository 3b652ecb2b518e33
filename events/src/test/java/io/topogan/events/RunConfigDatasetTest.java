package io.topogan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code dataset} field of {@link RunConfig}: standard ids and {@code folder:NAME}. */
class RunConfigDatasetTest {

    private static RunConfig withDataset(String dataset, List<Integer> classes, int channels) {
        return new RunConfig("dcgan", dataset, classes, channels, 0, 3, 32, 1, 100, 10, 100, 100,
                1L);
    }

    @Test
    void acceptsStandardAndFolderIds() {
        for (String dataset : List.of("mnist", "fashion-mnist", "cifar10", "folder:celeba",
                "folder:img_align_celeba", "folder:CelebA-64", "folder:faces.v2", "folder:_x",
                "folder:" + "a".repeat(128))) {
            assertEquals(List.of(), withDataset(dataset, List.of(), 3).problems(), dataset);
        }
        assertEquals("img_align_celeba", RunConfig.folderName("folder:img_align_celeba"));
        assertNull(RunConfig.folderName("mnist"));
    }

    @Test
    void rejectsInvalidFolderNames() {
        for (String dataset : List.of("folder:", "folder:.", "folder:..", "folder:.hidden",
                "folder:a/b", "folder:../etc", "folder:a b", "folder:faces:v2", "folder:é",
                "Folder:celeba", "folder:" + "a".repeat(129), "celeba", "")) {
            List<String> problems = withDataset(dataset, List.of(), 3).problems();
            assertEquals(1, problems.size(), dataset + ": " + problems);
            assertTrue(problems.get(0).startsWith("dataset: "), problems.get(0));
            assertTrue(problems.get(0).contains("folder:NAME"), problems.get(0));
            assertFalse(RunConfig.isValidDataset(dataset), dataset);
            assertNull(RunConfig.folderName(dataset), dataset);
        }
        assertFalse(RunConfig.isValidDataset(null));
    }

    @Test
    void folderClassesAreCheckedByTrainer() {
        // Any class index 0 or above passes here; the trainer checks it against the sub-folders.
        assertEquals(List.of(), withDataset("folder:faces", List.of(0, 12, 40), 1).problems());
        List<String> negative = withDataset("folder:faces", List.of(-1), 1).problems();
        assertEquals(1, negative.size(), negative.toString());
        assertTrue(negative.get(0).startsWith("classes: "), negative.get(0));

        List<String> mnist = withDataset("mnist", List.of(12), 1).problems();
        assertEquals(1, mnist.size(), mnist.toString());
        assertTrue(mnist.get(0).startsWith("classes: "), mnist.get(0));
    }

    @Test
    void folderImagesMayBeGreyOrColour() {
        assertEquals(List.of(), withDataset("folder:faces", List.of(), 1).problems());
        assertEquals(List.of(), withDataset("folder:faces", List.of(), 3).problems());
    }
}
