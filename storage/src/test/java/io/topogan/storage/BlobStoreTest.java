package io.topogan.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.formats.NpyArray;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    static Path folder;

    private static S3ProxyServer server;
    private static BlobStore store;

    @BeforeAll
    static void start() throws Exception {
        server = new S3ProxyServer(folder);
        store = new BlobStore(StorageSettings.of(server.endpoint(), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, "topogan"));
        store.ensureBucket();
        store.ensureBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void putGetRoundTrip() {
        byte[] bytes = {1, 2, 3, (byte) 255};
        store.put("runs/r1/epoch-0/grid.png", bytes, "image/png");
        assertArrayEquals(bytes, store.get("runs/r1/epoch-0/grid.png"));
        assertTrue(store.exists("runs/r1/epoch-0/grid.png"));
    }

    @Test
    void npyRoundTrip() throws Exception {
        NpyArray array = NpyArray.ofFloat32(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        store.putNpy(ObjectKeys.samples("r2", 4), array);
        assertEquals(array, store.getNpy("runs/r2/epoch-4/samples.npy"));
    }

    @Test
    void listSkipsFolderMarkersAndSorts() {
        store.putText("runs/r3/epoch-1/results/homology/samples.json", "{}", "application/json");
        store.putText("runs/r3/epoch-0/results/homology/samples.json", "{}", "application/json");
        store.putText("runs/r3/config.json", "{}", "application/json");
        List<String> keys = store.list("runs/r3/");
        assertEquals(List.of("runs/r3/config.json",
                "runs/r3/epoch-0/results/homology/samples.json",
                "runs/r3/epoch-1/results/homology/samples.json"), keys);
    }

    @Test
    void anonymousReadRejected() throws Exception {
        store.put("runs/r6/epoch-0/grid.png", new byte[] {1, 2, 3}, "image/png");
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        server.endpoint() + "/topogan/runs/r6/epoch-0/grid.png")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, response.statusCode(), "an unsigned request must not read a blob");
    }

    @Test
    void missingObjectIsNotFound() {
        StorageException error = assertThrows(StorageException.class,
                () -> store.get("runs/r4/nothing.npy"));
        assertTrue(error.isNotFound(), error.getMessage());
        assertFalse(store.exists("runs/r4/nothing.npy"));
    }

    @Test
    void overwriteReplaces() {
        store.putText("runs/r5/config.json", "first", "application/json");
        store.putText("runs/r5/config.json", "second", "application/json");
        assertEquals("second", store.getText("runs/r5/config.json"));
    }

    @Test
    void wrongCredentialsRejectedWithoutRetries() {
        BlobStore wrong = new BlobStore(StorageSettings.of(server.endpoint(), "nobody",
                "wrong-secret", "topogan"));
        long start = System.nanoTime();
        StorageException error = assertThrows(StorageException.class,
                () -> wrong.get("runs/r1/epoch-0/grid.png"));
        assertFalse(error.isNotFound());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5,
                "a rejected request must not be retried with backoff");
    }

    @Test
    void unreachableServerFailsAfterRetries() {
        BlobStore down = new BlobStore(new StorageSettings("http://127.0.0.1:1", "a", "b",
                "topogan", 3, Duration.ofMillis(10), Duration.ofMillis(20)));
        StorageException error = assertThrows(StorageException.class,
                () -> down.get("runs/r1/x.npy"));
        assertTrue(error.getMessage().contains("after 3 attempts"), error.getMessage());
    }
}
