package org.openwrt.asu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.openwrt.asu.infrastructure.store.S3ImageStore;

/**
 * A private S3 server for one test class: S3Proxy in this JVM on a free loopback port, keeping
 * its buckets in a temporary directory (its file-system backend), with AWS signatures checked
 * against one access key. Real HTTP, real S3 protocol, no mock.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "asu-test-access";
    public static final String SECRET_KEY = "asu-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore buckets;
    private final Path dir;

    private LocalS3(S3Proxy proxy, BlobStore buckets, Path dir) {
        this.proxy = proxy;
        this.buckets = buckets;
        this.dir = dir;
    }

    public static LocalS3 start() throws Exception {
        Path dir = Files.createTempDirectory("asu-s3");
        Properties properties = new Properties();
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        BlobStore buckets = BlobStores.create("filesystem", properties);
        S3Proxy proxy = S3Proxy.Builder.fromProperties(properties).blobStore(buckets).build();
        proxy.start();
        for (int attempt = 0; !"STARTED".equals(proxy.getState()); attempt++) {
            if (attempt == 200) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(50);
        }
        return new LocalS3(proxy, buckets, dir);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A new, empty bucket; the operators make the server's bucket, not the server. */
    public String createBucket(String name) {
        buckets.createContainer(name);
        return name;
    }

    /** The store's settings for a bucket here, redirecting to {@code publicUrl} when given, else presigning for an hour. */
    public S3ImageStore.Settings settings(String bucket, Optional<URI> publicUrl) {
        return new S3ImageStore.Settings(Optional.of(endpoint()), REGION, bucket, Optional.of(ACCESS_KEY),
                Optional.of(SECRET_KEY), true, publicUrl, Duration.ofHours(1));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        buckets.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }
}
