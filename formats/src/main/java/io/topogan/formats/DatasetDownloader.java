package io.topogan.formats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Downloads the official files of MNIST, Fashion-MNIST and CIFAR-10 into a folder, in the layout
 * {@link ImageDatasets} reads, and verifies each file's MD5 checksum.
 *
 * <p>A file already present is kept if it is valid and downloaded again otherwise. A downloaded
 * file goes to {@code NAME.part} first and is renamed only once its checksum matches. For
 * CIFAR-10 the archive {@code cifar-10-binary.tar.gz} is downloaded, verified and its six batches
 * are unpacked into {@code cifar-10-batches-bin/}.
 */
public final class DatasetDownloader {

    /** One file of a dataset: its name in the folder, mirror URLs in order, and checksums. */
    public record RemoteFile(String name, List<URI> urls, String md5, String contentSha256) {

        /**
         * @param md5           MD5 of the file as published, lowercase hex
         * @param contentSha256 SHA-256 of the decompressed content of a {@code .gz} file, or null;
         *                      a file matching it is valid even if it was recompressed
         */
        public RemoteFile {
            urls = List.copyOf(urls);
        }
    }

    /** Downloads {@code url} into {@code target}; replaced in tests by a local copy. */
    @FunctionalInterface
    public interface Fetcher {
        void fetch(URI url, Path target) throws IOException;
    }

    private static final String CIFAR_ARCHIVE = "cifar-10-binary.tar.gz";
    private static final String CIFAR_FOLDER = "cifar-10-batches-bin";
    private static final Set<String> CIFAR_BATCHES = Set.of("data_batch_1.bin",
            "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
            "test_batch.bin");
    private static final long CIFAR_BATCH_BYTES = 10_000L * Cifar10.RECORD_BYTES;

    private final Fetcher fetcher;

    /** Creates a downloader that fetches over HTTP(S). */
    public DatasetDownloader() {
        this(new HttpFetcher());
    }

    public DatasetDownloader(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Returns the files of {@code mnist}, {@code fashion-mnist} or {@code cifar10}. MD5s are the
     * ones the dataset authors publish (Fashion-MNIST README, CIFAR-10 page) and that torchvision
     * checks for MNIST.
     */
    public static List<RemoteFile> files(String dataset) {
        return switch (dataset) {
            case "mnist" -> List.of(
                    mnist("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    mnist("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    mnist("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    mnist("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"));
            // The content SHA-256s are of the decompressed files shipped by the Debian package
            // dataset-fashion-mnist 0.0~git20200523.55506a9-1. Debian recompressed the .gz files,
            // so their MD5s differ from the published ones, and copies of them are accepted by
            // content instead.
            case "fashion-mnist" -> List.of(
                    fashion("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                    fashion("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                    fashion("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                    fashion("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310",
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));
            case "cifar10" -> List.of(new RemoteFile(CIFAR_ARCHIVE,
                    List.of(URI.create("https://www.cs.toronto.edu/~kriz/" + CIFAR_ARCHIVE)),
                    "c32a1d4ab5d03f1284b67883e8d87530", null));
            default -> throw new IllegalArgumentException("unknown dataset '" + dataset
                    + "'; expected mnist, fashion-mnist or cifar10");
        };
    }

    private static RemoteFile mnist(String name, String md5) {
        return new RemoteFile(name, List.of(
                URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/" + name),
                URI.create("http://yann.lecun.com/exdb/mnist/" + name)), md5, null);
    }

    private static RemoteFile fashion(String name, String md5, String contentSha256) {
        return new RemoteFile(name, List.of(URI.create(
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/" + name)),
                md5, contentSha256);
    }

    /**
     * Makes sure the dataset's files are present and valid in {@code folder}, downloading what is
     * missing or invalid.
     *
     * @return the files downloaded now (empty when everything was already present)
     * @throws IOException when a download fails on every mirror or a checksum does not match
     */
    public List<Path> download(String dataset, Path folder) throws IOException {
        if (dataset.equals("cifar10") && cifarBatchesPresent(folder)) {
            return List.of();
        }
        List<Path> downloaded = download(files(dataset), folder);
        if (dataset.equals("cifar10")) {
            extractCifar(folder.resolve(CIFAR_ARCHIVE), folder.resolve(CIFAR_FOLDER));
        }
        return downloaded;
    }

    /** Downloads each file unless it is present and valid; returns the files downloaded now. */
    public List<Path> download(List<RemoteFile> files, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> downloaded = new ArrayList<>();
        for (RemoteFile file : files) {
            Path target = folder.resolve(file.name());
            if (Files.isRegularFile(target) && isValid(target, file)) {
                continue;
            }
            fetchVerified(file, target);
            downloaded.add(target);
        }
        return downloaded;
    }

    private void fetchVerified(RemoteFile file, Path target) throws IOException {
        Path partial = target.resolveSibling(file.name() + ".part");
        List<String> failures = new ArrayList<>();
        for (URI url : file.urls()) {
            try {
                fetcher.fetch(url, partial);
            } catch (IOException e) {
                failures.add(url + ": " + describe(e));
                continue;
            }
            String actual = md5(partial);
            if (actual.equals(file.md5())) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            failures.add(url + ": MD5 " + actual + " does not match the expected " + file.md5());
            Files.deleteIfExists(partial);
        }
        throw new IOException("download of " + file.name() + " failed: " + String.join("; ",
                failures) + ". If this machine is offline, copy the file into "
                + target.getParent() + " by hand.");
    }

    private static String describe(IOException error) {
        if (error instanceof UnknownHostException || error instanceof ConnectException
                || error instanceof HttpConnectTimeoutException) {
            return "host unreachable (" + error + "); the machine may be offline";
        }
        return error.toString();
    }

    /** Returns true if the file has the published MD5, or its decompressed content matches. */
    public static boolean isValid(Path file, RemoteFile expected) throws IOException {
        if (md5(file).equals(expected.md5())) {
            return true;
        }
        if (expected.contentSha256() == null) {
            return false;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return digest(in, "SHA-256").equals(expected.contentSha256());
        } catch (IOException e) {
            return false; // not gzip or corrupt: invalid, so it is downloaded again.
        }
    }

    /** Returns the lowercase hex MD5 of a file. */
    public static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, "MD5");
        }
    }

    private static String digest(InputStream in, String algorithm) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean cifarBatchesPresent(Path folder) throws IOException {
        for (String name : CIFAR_BATCHES) {
            Path batch = folder.resolve(CIFAR_FOLDER).resolve(name);
            if (!Files.isRegularFile(batch) || Files.size(batch) != CIFAR_BATCH_BYTES) {
                return false;
            }
        }
        return true;
    }

    /**
     * Unpacks the six batch files from the gzipped tar archive into {@code outputFolder}. Only
     * regular entries named {@code cifar-10-batches-bin/<batch>} are written, so entry names
     * cannot escape the folder.
     */
    static void extractCifar(Path archive, Path outputFolder) throws IOException {
        Files.createDirectories(outputFolder);
        int extracted = 0;
        try (InputStream in = new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = tarString(header, 0, 100);
                String prefix = tarString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(tarString(header, 124, 12).trim(), 8);
                boolean regular = header[156] == '0' || header[156] == 0;
                String baseName = name.substring(name.lastIndexOf('/') + 1);
                boolean wanted = regular && name.equals(CIFAR_FOLDER + "/" + baseName)
                        && CIFAR_BATCHES.contains(baseName);
                if (wanted) {
                    Path target = outputFolder.resolve(baseName);
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    extracted++;
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes((512 - size % 512) % 512);
            }
        }
        if (extracted != CIFAR_BATCHES.size()) {
            throw new IOException(archive + ": expected " + CIFAR_BATCHES.size() + " batches in "
                    + CIFAR_FOLDER + "/, found " + extracted);
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("tar archive ends inside an entry");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String tarString(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /** Fetches with {@link HttpClient}, following redirects. */
    static final class HttpFetcher implements Fetcher {
        private final HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();

        @Override
        public void fetch(URI url, Path target) throws IOException {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofMinutes(10))
                    .GET()
                    .build();
            HttpResponse<Path> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
            } catch (HttpTimeoutException e) {
                throw new IOException("timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                Files.deleteIfExists(target);
                throw new IOException("HTTP status " + response.statusCode());
            }
        }
    }
}
