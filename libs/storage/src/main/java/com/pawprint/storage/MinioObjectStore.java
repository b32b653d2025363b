package com.pawprint.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ObjectStore} on an S3 server (MinIO, or S3Proxy in the local stack) through the MinIO Java client. */
public class MinioObjectStore implements ObjectStore {

    /** Part size for streams of unknown length: S3's minimum, so an upload buffers at most this much. */
    static final long STREAM_PART_SIZE = 5L * 1024 * 1024;
    /** S3 removes at most 1000 keys per DeleteObjects request. */
    static final int MAX_DELETE_BATCH = 1000;

    private final MinioClient client;
    private final MinioClient presignClient;
    private final String bucket;
    private final Duration defaultExpiry;
    private final int deleteBatch;

    /**
     * @param presignClient signs download URLs; it differs from {@code client} only when clients reach the server
     *                      under another host name than the services do, since the host is part of the signature
     */
    public MinioObjectStore(MinioClient client, MinioClient presignClient, String bucket, Duration defaultExpiry) {
        this(client, presignClient, bucket, defaultExpiry, MAX_DELETE_BATCH);
    }

    /** With smaller delete batches, so that a test can cross a batch boundary without a thousand objects. */
    MinioObjectStore(MinioClient client, MinioClient presignClient, String bucket, Duration defaultExpiry,
            int deleteBatch) {
        this.client = client;
        this.presignClient = presignClient;
        this.bucket = bucket;
        this.defaultExpiry = defaultExpiry;
        this.deleteBatch = deleteBatch;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket unless it exists. Safe to call concurrently from several replicas. */
    public void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw failure("create bucket " + bucket, e);
            }
        } catch (MinioException | IllegalStateException e) {
            throw failure("create bucket " + bucket, e);
        }
    }

    /** Whether the bucket exists; throws {@link StorageException} when the server cannot be asked. */
    public boolean bucketExists() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | IllegalStateException e) {
            throw failure("check bucket " + bucket, e);
        }
    }

    @Override
    public void put(String key, byte[] data, String contentType) {
        put(key, new ByteArrayInputStream(data), data.length, contentType);
    }

    @Override
    public void put(String key, InputStream data, long size, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(KeyChecks.key(key))
                    .stream(data, size < 0 ? null : size, size < 0 ? STREAM_PART_SIZE : null)
                    .contentType(contentType)
                    .build());
        } catch (MinioException | IllegalStateException e) {
            throw failure("put " + key, e);
        }
    }

    @Override
    public byte[] get(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("Could not read " + key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(KeyChecks.key(key)).build());
        } catch (MinioException | IllegalStateException e) {
            if (isNoSuchKey(e)) {
                throw new ObjectNotFoundException(key);
            }
            throw failure("get " + key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        try {
            StatObjectResponse stat =
                    client.statObject(StatObjectArgs.builder().bucket(bucket).object(KeyChecks.key(key)).build());
            return Optional.of(new ObjectInfo(key, stat.size(), stat.contentType(),
                    stat.lastModified() == null ? null : stat.lastModified().toInstant()));
        } catch (MinioException | IllegalStateException e) {
            if (isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw failure("stat " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(KeyChecks.key(key)).build());
        } catch (MinioException | IllegalStateException e) {
            if (!isNoSuchKey(e)) {
                throw failure("delete " + key, e);
            }
        }
    }

    @Override
    public int deletePrefix(String prefix) {
        List<ObjectInfo> objects = list(prefix);
        for (int from = 0; from < objects.size(); from += deleteBatch) {
            List<DeleteRequest.Object> batch = objects.subList(from, Math.min(from + deleteBatch, objects.size()))
                    .stream().map(o -> new DeleteRequest.Object(o.key())).toList();
            try {
                // The client sends the request lazily, while its results are iterated.
                for (Result<DeleteResult.Error> result :
                        client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
                    DeleteResult.Error error = result.get();
                    if (!"NoSuchKey".equals(error.code())) {
                        throw new StorageException("Could not delete " + error.objectName() + ": " + error.code());
                    }
                }
            } catch (MinioException | IllegalStateException e) {
                throw failure("delete under " + prefix, e);
            }
        }
        return objects.size();
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> objects = new ArrayList<>();
        ListObjectsArgs args =
                ListObjectsArgs.builder().bucket(bucket).prefix(KeyChecks.prefix(prefix)).recursive(true).build();
        try {
            for (Result<Item> result : client.listObjects(args)) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new ObjectInfo(item.objectName(), item.size(), null,
                            item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            }
        } catch (MinioException | IllegalStateException e) {
            throw failure("list " + prefix, e);
        }
        return objects;
    }

    @Override
    public URI presignedGet(String key) {
        return presignedGet(key, defaultExpiry);
    }

    @Override
    public URI presignedGet(String key, Duration expiry) {
        try {
            return URI.create(presignClient.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Http.Method.GET)
                    .bucket(bucket)
                    .object(KeyChecks.key(key))
                    .expiry(Math.toIntExact(expiry.toSeconds()))
                    .build()));
        } catch (MinioException | IllegalStateException e) {
            throw failure("presign " + key, e);
        }
    }

    private static boolean isNoSuchKey(Exception e) {
        return e instanceof ErrorResponseException response && "NoSuchKey".equals(response.errorResponse().code());
    }

    /** MinIO 9 reports transport failures (refused, timed out) as IllegalStateException, server errors as MinioException. */
    private static StorageException failure(String operation, Exception e) {
        return new StorageException("Object store failed to " + operation + ": " + e.getMessage(), e);
    }
}
