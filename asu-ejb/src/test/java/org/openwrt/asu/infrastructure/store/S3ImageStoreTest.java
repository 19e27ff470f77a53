package org.openwrt.asu.infrastructure.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.application.ImageStore.Download;
import org.openwrt.asu.application.ImageStoreUnavailableException;
import org.openwrt.asu.janitor.StorePruner;
import org.openwrt.asu.testing.LocalS3;

/** The S3 store against a real S3 server (S3Proxy on the file system), downloads over real HTTP. */
class S3ImageStoreTest {

    private static final String BUILD = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalS3 s3;
    private String bucket;
    private S3ImageStore store;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = s3.createBucket("asu-test-" + System.nanoTime());
        store = new S3ImageStore(s3.settings(bucket, Optional.empty()));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anUploadedImageIsServedByteForByteThroughItsPresignedUrlAsAnAttachment(@TempDir Path work) throws Exception {
        byte[] image = new byte[3 * 1024 * 1024 + 17];
        new Random(13).nextBytes(image);
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.write(bin.resolve("openwrt-ath79-generic-squashfs-sysupgrade.bin"), image);
        Files.writeString(bin.resolve("profiles.json"), "{}");

        store.put(BUILD, bin);

        URI location = elsewhere(BUILD + "/openwrt-ath79-generic-squashfs-sysupgrade.bin");
        assertEquals("/" + bucket + "/store/" + BUILD + "/openwrt-ath79-generic-squashfs-sysupgrade.bin", location.getPath());
        assertTrue(location.getQuery().contains("X-Amz-Signature="), location.toString());
        HttpResponse<byte[]> download = get(location);
        assertEquals(200, download.statusCode());
        assertArrayEquals(image, download.body());
        assertEquals("application/octet-stream", download.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"openwrt-ath79-generic-squashfs-sysupgrade.bin\"",
                download.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("{}", new String(get(elsewhere(BUILD + "/profiles.json")).body()));
    }

    @Test
    void aRebuildReplacesWhatTheEarlierBuildOfTheHashLeft(@TempDir Path work) throws Exception {
        Path first = Files.createDirectories(work.resolve("first"));
        Files.writeString(first.resolve("old.bin"), "old");
        store.put(BUILD, first);
        Path second = Files.createDirectories(work.resolve("second"));
        Files.writeString(second.resolve("new.bin"), "new");

        store.put(BUILD, second);

        assertEquals(404, get(elsewhere(BUILD + "/old.bin")).statusCode());
        assertEquals("new", new String(get(elsewhere(BUILD + "/new.bin")).body()));
    }

    @Test
    void withAPublicUrlTheClientIsSentThereWithoutSigning() {
        try (S3ImageStore behindCdn = new S3ImageStore(s3.settings(bucket, Optional.of(URI.create("https://images.example.org/asu/"))))) {
            assertEquals(URI.create("https://images.example.org/asu/store/" + BUILD + "/image.bin"),
                    ((Download.Elsewhere) behindCdn.download(BUILD + "/image.bin").orElseThrow()).location());
        }
    }

    @Test
    void onlyPathsOfAFileInABuildDirectoryAreSentOn() {
        for (String path : List.of(BUILD, "../" + BUILD + "/x.bin", BUILD + "/../x.bin", BUILD + "//x.bin",
                BUILD + "/x.bin?acl", BUILD + "/x.bin#y", "/" + BUILD + "/x.bin", BUILD + "/.hidden")) {
            assertTrue(store.download(path).isEmpty(), path);
        }
    }

    @Test
    void theJanitorPrunesExpiredBuildsFromTheBucketAndKeepsLiveAndFreshOnes(@TempDir Path work) throws Exception {
        for (String hash : List.of(BUILD, OTHER)) {
            Path bin = Files.createDirectories(work.resolve(hash));
            Files.writeString(bin.resolve("image.bin"), hash);
            store.put(hash, bin);
        }
        assertEquals(Set.of(BUILD, OTHER), store.builds().keySet());
        assertFalse(store.builds().get(BUILD).isAfter(Instant.now()), "when the upload changed it");

        assertEquals(List.of(), new StorePruner(store, Duration.ofMinutes(10), hash -> false).prune(),
                "just uploaded: within the grace period");
        Thread.sleep(1_100); // S3 keeps the time of a change to the second
        List<String> deleted = new StorePruner(store, Duration.ZERO, Set.of(OTHER)::contains).prune();

        assertEquals(List.of(BUILD), deleted);
        assertEquals(Set.of(OTHER), store.builds().keySet());
        assertEquals(404, get(elsewhere(BUILD + "/image.bin")).statusCode());
        assertEquals(OTHER, new String(get(elsewhere(OTHER + "/image.bin")).body()));
    }

    @Test
    void aBucketThatCannotBeReachedMakesTheStoreUnavailableSoTheBuildIsDeliveredAgain(@TempDir Path work) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        S3ImageStore.Settings settings = s3.settings(bucket, Optional.empty());
        S3ImageStore.Settings unreachable = new S3ImageStore.Settings(Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
                settings.region(), bucket, settings.accessKey(), settings.secretKey(), true, Optional.empty(), settings.urlExpiry());
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(bin.resolve("image.bin"), "x");
        try (S3ImageStore down = new S3ImageStore(unreachable)) {
            assertThrows(ImageStoreUnavailableException.class, () -> down.put(BUILD, bin));
            assertThrows(ImageStoreUnavailableException.class, down::builds);
        }
    }

    private URI elsewhere(String path) {
        return ((Download.Elsewhere) store.download(path).orElseThrow()).location();
    }

    private static HttpResponse<byte[]> get(URI location) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
