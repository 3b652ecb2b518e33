package io.topogan.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.topogan.formats.Npy;
import io.topogan.formats.NpyArray;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Object-store client for run blobs, over the MinIO client, so it works against MinIO, S3 and
 * S3Proxy. Every operation is retried with exponential backoff on connection errors and server
 * errors; a missing object fails at once with {@link StorageException#isNotFound()}.
 */
public final class BlobStore {

    private static final Logger LOG = Logger.getLogger(BlobStore.class.getName());
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchObject");

    /** Largest object that {@link #get} reads into memory, in bytes. */
    public static final long MAX_OBJECT_BYTES = 1L << 30;

    private final MinioClient client;
    private final StorageSettings settings;

    public BlobStore(StorageSettings settings) {
        this.settings = settings;
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region("us-east-1")
                .build();
    }

    public String bucket() {
        return settings.bucket();
    }

    /** Creates the bucket if it does not exist. The bucket stays private. */
    public void ensureBucket() {
        retry("create bucket " + settings.bucket(), () -> {
            boolean exists = client.bucketExists(
                    BucketExistsArgs.builder().bucket(settings.bucket()).build());
            if (!exists) {
                client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).build());
                LOG.info("created bucket " + settings.bucket());
            }
            return null;
        });
    }

    /** Stores {@code bytes} under {@code key}, replacing any object there. */
    public void put(String key, byte[] bytes, String contentType) {
        retry("put " + key, () -> {
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                client.putObject(PutObjectArgs.builder()
                        .bucket(settings.bucket())
                        .object(key)
                        .stream(in, bytes.length, -1)
                        .contentType(contentType)
                        .build());
            }
            return null;
        });
    }

    public void putText(String key, String text, String contentType) {
        put(key, text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public void putNpy(String key, NpyArray array) {
        put(key, Npy.toBytes(array), "application/octet-stream");
    }

    /**
     * Reads the whole object under {@code key}.
     *
     * @throws StorageException if it does not exist, is larger than {@link #MAX_OBJECT_BYTES}, or
     *     cannot be read after the retries
     */
    public byte[] get(String key) {
        return retry("get " + key, () -> {
            long size = client.statObject(StatObjectArgs.builder()
                    .bucket(settings.bucket()).object(key).build()).size();
            if (size > MAX_OBJECT_BYTES) {
                throw new StorageException("object " + key + " has " + size
                        + " bytes, more than the limit of " + MAX_OBJECT_BYTES, null, false);
            }
            try (InputStream in = client.getObject(GetObjectArgs.builder()
                    .bucket(settings.bucket()).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    public String getText(String key) {
        return new String(get(key), StandardCharsets.UTF_8);
    }

    /** Reads and parses the {@code .npy} object under {@code key}. */
    public NpyArray getNpy(String key) throws IOException {
        return Npy.read(get(key));
    }

    /** Returns whether an object exists under {@code key}. */
    public boolean exists(String key) {
        try {
            retry("stat " + key, () -> client.statObject(StatObjectArgs.builder()
                    .bucket(settings.bucket()).object(key).build()));
            return true;
        } catch (StorageException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Lists the keys under {@code prefix}, recursively, in lexicographic order. Folder markers
     * (keys ending in '/', which some servers list) are left out.
     */
    public List<String> list(String prefix) {
        return retry("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(settings.bucket()).prefix(prefix).recursive(true).build());
            for (Result<Item> result : results) {
                String name = result.get().objectName();
                if (!name.endsWith("/")) {
                    keys.add(name);
                }
            }
            keys.sort(null);
            return keys;
        });
    }

    public void delete(String key) {
        retry("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(settings.bucket()).object(key).build());
            return null;
        });
    }

    @FunctionalInterface
    private interface Operation<T> {
        T run() throws Exception;
    }

    private <T> T retry(String what, Operation<T> operation) {
        long backoff = settings.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.run();
            } catch (StorageException e) {
                throw e;
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if (NOT_FOUND_CODES.contains(code)) {
                    throw new StorageException(what + " failed: not found", e, true);
                }
                if (e.response() == null || e.response().code() < 500) {
                    throw new StorageException(what + " failed: " + code + " "
                            + e.errorResponse().message(), e, false);
                }
                backoff = waitBeforeRetry(what, attempt, backoff, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(what + " interrupted", e, false);
            } catch (Exception e) {
                backoff = waitBeforeRetry(what, attempt, backoff, e);
            }
        }
    }

    private long waitBeforeRetry(String what, int attempt, long backoff, Exception cause) {
        if (attempt >= settings.maxAttempts()) {
            throw new StorageException(what + " failed after " + attempt + " attempts at "
                    + settings.endpoint() + ": " + cause, cause, false);
        }
        LOG.log(Level.WARNING, "{0} failed (attempt {1} of {2}), retrying in {3,number,#} ms: {4}",
                new Object[] {what, attempt, settings.maxAttempts(), backoff, cause.toString()});
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(what + " interrupted", e, false);
        }
        return Math.min(backoff * 2, settings.maxBackoff().toMillis());
    }
}
