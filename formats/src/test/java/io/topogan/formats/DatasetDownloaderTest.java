package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against an HTTP server on 127.0.0.1; nothing leaves the machine. */
class DatasetDownloaderTest {

    private static final byte[] CONTENT = "some dataset bytes".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CONTENT);
            }
        });
        server.createContext("/missing", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void downloadsThenSkipsValidFiles(@TempDir Path folder) throws Exception {
        DatasetDownloader downloader = new DatasetDownloader();
        List<DatasetDownloader.RemoteFile> files = List.of(new DatasetDownloader.RemoteFile(
                "a.gz", List.of(url("/file")), md5(CONTENT), null));

        assertEquals(List.of(folder.resolve("a.gz")), downloader.download(files, folder));
        assertArrayEquals(CONTENT, Files.readAllBytes(folder.resolve("a.gz")));
        assertEquals(1, requests.get());

        assertEquals(List.of(), downloader.download(files, folder));
        assertEquals(1, requests.get(), "a valid file is not downloaded again");

        Files.write(folder.resolve("a.gz"), new byte[] {1, 2, 3});
        assertEquals(1, downloader.download(files, folder).size());
        assertEquals(2, requests.get(), "an invalid file is downloaded again");
        assertArrayEquals(CONTENT, Files.readAllBytes(folder.resolve("a.gz")));
    }

    @Test
    void fallsBackToNextMirror(@TempDir Path folder) throws Exception {
        DatasetDownloader.RemoteFile file = new DatasetDownloader.RemoteFile("b.gz",
                List.of(url("/missing"), url("/file")), md5(CONTENT), null);

        new DatasetDownloader().download(List.of(file), folder);

        assertEquals(2, requests.get());
        assertArrayEquals(CONTENT, Files.readAllBytes(folder.resolve("b.gz")));
    }

    @Test
    void rejectsChecksumMismatch(@TempDir Path folder) {
        DatasetDownloader.RemoteFile file = new DatasetDownloader.RemoteFile("c.gz",
                List.of(url("/file")), "00000000000000000000000000000000", null);

        IOException error = assertThrows(IOException.class,
                () -> new DatasetDownloader().download(List.of(file), folder));

        assertTrue(error.getMessage().contains("does not match"), error.getMessage());
        assertFalse(Files.exists(folder.resolve("c.gz")));
        assertFalse(Files.exists(folder.resolve("c.gz.part")));
    }

    @Test
    void reportsUnreachableHost(@TempDir Path folder) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        DatasetDownloader.RemoteFile file = new DatasetDownloader.RemoteFile("d.gz",
                List.of(URI.create("http://127.0.0.1:" + closedPort + "/d.gz")), md5(CONTENT),
                null);

        IOException error = assertThrows(IOException.class,
                () -> new DatasetDownloader().download(List.of(file), folder));

        assertTrue(error.getMessage().contains("offline"), error.getMessage());
        assertTrue(error.getMessage().contains("d.gz"), error.getMessage());
    }

    @Test
    void acceptsRecompressedContentBySha256(@TempDir Path folder) throws Exception {
        byte[] idx = new byte[100];
        idx[2] = 8;
        Path file = folder.resolve("train-labels-idx1-ubyte.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(idx);
        }
        Files.write(file, gz.toByteArray());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(idx));

        assertTrue(DatasetDownloader.isValid(file, new DatasetDownloader.RemoteFile(file.toString(),
                List.of(), "0123", sha)));
        assertFalse(DatasetDownloader.isValid(file, new DatasetDownloader.RemoteFile(
                file.toString(), List.of(), "0123", "ff" + sha.substring(2))));
        assertTrue(DatasetDownloader.isValid(file, new DatasetDownloader.RemoteFile(
                file.toString(), List.of(), md5(gz.toByteArray()), null)));
    }

    @Test
    void knowsOfficialFiles() {
        for (String name : List.of("mnist", "fashion-mnist")) {
            List<DatasetDownloader.RemoteFile> files = DatasetDownloader.files(name);
            assertEquals(4, files.size(), name);
            for (DatasetDownloader.RemoteFile file : files) {
                assertEquals(32, file.md5().length(), file.name());
                assertFalse(file.urls().isEmpty(), file.name());
            }
        }
        assertEquals("cifar-10-binary.tar.gz", DatasetDownloader.files("cifar10").get(0).name());
        assertThrows(IllegalArgumentException.class, () -> DatasetDownloader.files("svhn"));
    }

    @Test
    void extractsCifarBatchesFromTar(@TempDir Path folder) throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        String[] names = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};
        addTarEntry(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        addTarEntry(tar, "../evil/data_batch_1.bin", new byte[] {9});
        for (int i = 0; i < names.length; i++) {
            addTarEntry(tar, "cifar-10-batches-bin/" + names[i], Cifar10Test.syntheticBatch(i + 1));
        }
        tar.write(new byte[1024]);
        Path archive = folder.resolve("cifar-10-binary.tar.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(tar.toByteArray());
        }

        DatasetDownloader.extractCifar(archive, folder.resolve("cifar-10-batches-bin"));

        for (int i = 0; i < names.length; i++) {
            Path batch = folder.resolve("cifar-10-batches-bin").resolve(names[i]);
            assertEquals(i + 1, Cifar10.readBatch(batch).count(), names[i]);
        }
        assertFalse(Files.exists(folder.resolve("cifar-10-batches-bin/batches.meta.txt")));
        assertFalse(Files.exists(folder.resolve("evil")));
    }

    private static void addTarEntry(ByteArrayOutputStream tar, String name, byte[] data) {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        header[156] = '0';
        tar.write(header, 0, 512);
        tar.write(data, 0, data.length);
        tar.write(new byte[(512 - data.length % 512) % 512], 0, (512 - data.length % 512) % 512);
    }
}
