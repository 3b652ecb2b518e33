package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.topogan.events.EventJson;
import io.topogan.formats.DatasetSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code dataset.json} that the trainer writes with {@link EventJson}'s mapper and that
 * {@link ReportWriter} reads back for summary.txt.
 */
class DatasetSummaryJsonTest {

    @Test
    void datasetSummaryRoundTrips() throws Exception {
        DatasetSummary summary = new DatasetSummary("folder", "animals",
                DatasetSummary.CLASS_FOLDERS, 5, 3,
                List.of(new DatasetSummary.ClassCount(0, "cats", 3),
                        new DatasetSummary.ClassCount(2, "dogs", 2)),
                1, List.of(new DatasetSummary.SkippedFile("dogs/x.jpg", "empty file")), 2);

        String json = EventJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary);
        DatasetSummary read = EventJson.mapper().readValue(json, DatasetSummary.class);

        assertEquals(summary, read);
        JsonNode tree = EventJson.mapper().readTree(json);
        assertEquals(5, tree.get("images").asInt());
        assertEquals("dogs", tree.get("classes").get(1).get("name").asText());
        assertEquals("dogs/x.jpg", tree.get("skippedExamples").get(0).get("file").asText());
        assertEquals(1, tree.get("skippedFiles").asInt());
        assertTrue(!tree.has("describe"), json);
        assertEquals("5 images, classes 0 (cats) 3, 2 (dogs) 2; 1 unreadable file skipped,"
                + " e.g. dogs/x.jpg (empty file); 2 image files beside the class folders ignored",
                read.describe());
    }
}
