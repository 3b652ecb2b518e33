package io.topogan.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds, downloads and checks the model files of the FID analyzer. */
final class ModelFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ModelFiles() {
    }

    /**
     * Returns a local file for {@code location}, a path or an http(s) URL. A URL needs the
     * checksum and is downloaded once into {@code cacheDir} as {@code <sha256>.pt}; a later call
     * reuses that file. A path is used where it is, checked against the checksum when one is given.
     *
     * @throws IOException if the file is missing, the download fails or the checksum differs
     */
    static Path resolve(String location, Optional<String> sha256, Path cacheDir,
            Duration timeout) throws IOException {
        Optional<String> expected = sha256.map(value -> value.trim().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty());
        if (expected.isPresent() && !SHA256.matcher(expected.get()).matches()) {
            throw new IOException("invalid SHA-256 checksum '" + expected.get()
                    + "': expected 64 hexadecimal digits");
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            if (expected.isEmpty()) {
                throw new IOException("the model URL " + location + " needs its SHA-256 checksum"
                        + " in topogan.fid.model-sha256");
            }
            Path cached = cacheDir.resolve(expected.get() + ".pt");
            if (Files.isRegularFile(cached) && sha256(cached).equals(expected.get())) {
                return cached;
            }
            download(URI.create(location), cached, expected.get(), timeout);
            return cached;
        }
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file not found: " + file);
        }
        if (expected.isPresent()) {
            requireChecksum(file, expected.get());
        }
        return file;
    }

    /** Copies a classpath resource into {@code cacheDir} and returns the copy. */
    static Optional<Path> extractResource(String resource, Path cacheDir) throws IOException {
        try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Files.createDirectories(cacheDir);
            Path target = cacheDir.resolve(Path.of(resource).getFileName().toString());
            Path partial = Files.createTempFile(cacheDir, "resource-", ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(target);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void requireChecksum(Path file, String expected) throws IOException {
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new IOException("model file " + file + " has SHA-256 " + actual + ", expected "
                    + expected);
        }
    }

    private static void download(URI uri, Path target, String expected, Duration timeout)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "download-", ".part");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<Path> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("download of " + uri + " failed with HTTP status "
                        + response.statusCode());
            }
            requireChecksum(partial, expected);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + uri + " interrupted", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
