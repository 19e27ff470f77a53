package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.testing.LocalS3;

/**
 * The shared image store end to end: {@code misc/run} with {@code asu.store.backend=s3} against a
 * real S3 server (S3Proxy) builds an image, uploads it, and {@code /store/…} sends the client to
 * a presigned URL that serves exactly the bytes the build's checksum names; the node's own disk
 * keeps no copy.
 */
class S3StoreIT {

    private static final Duration BOOT = Duration.ofMinutes(4);

    @Test
    void aBuildIsUploadedAndStoreRedirectsGetAndHeadToAUrlThatServesTheImage() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "s3-store");
        ServerProcess.freshDirectory(dir);
        try (LocalS3 s3 = LocalS3.start()) {
            String bucket = s3.createBucket("asu-it");
            Path config = ServerProcess.writeConfig(dir.resolve("asu.properties"), System.getProperty("asu.it.s3.broker.port"),
                    "asu.redis.prefix=s3-store-" + System.currentTimeMillis() + ":",
                    "asu.builder.slots=1",
                    "asu.builder.environment=IB_BUILD_SECONDS=1",
                    "asu.store.backend=s3",
                    "asu.store.s3.endpoint=" + s3.endpoint(),
                    "asu.store.s3.region=" + LocalS3.REGION,
                    "asu.store.s3.bucket=" + bucket,
                    "asu.store.s3.access-key=" + LocalS3.ACCESS_KEY,
                    "asu.store.s3.secret-key=" + LocalS3.SECRET_KEY);
            Path data = dir.resolve("data");
            try (ServerProcess server = new ServerProcess(data, config, Integer.getInteger("asu.it.s3.http.port"),
                    "redis://127.0.0.1:" + System.getProperty("asu.it.redis.port"))) {
                server.start(BOOT);
                AsuClient asu = new AsuClient(server.base());
                HttpResponse<String> accepted = asu.postJson("/api/v1/build",
                        "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":[\"vim\"]}");
                assertEquals(202, accepted.statusCode(), accepted.body());
                JsonObject done = AsuClient.json(asu.awaitFinished(AsuClient.json(accepted).getString("request_hash"),
                        Duration.ofSeconds(120)));
                assertEquals("done", done.getString("detail"), done.toString());
                JsonObject image = done.getJsonArray("images").getJsonObject(0);
                String path = "/store/" + done.getString("bin_dir") + "/" + image.getString("name");

                HttpResponse<String> redirect = asu.get(path);
                assertEquals(302, redirect.statusCode(), redirect.body());
                URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
                assertEquals(s3.endpoint().getAuthority(), location.getAuthority(), "the bucket serves it");
                HttpResponse<String> head = asu.request("HEAD", path);
                assertEquals(302, head.statusCode());
                assertEquals(location.getPath(), URI.create(head.headers().firstValue("Location").orElseThrow()).getPath());

                assertEquals(image.getString("sha256"), AsuClient.sha256(asu.downloadRedirected(path)));
                assertFalse(Files.exists(data.resolve("store").resolve(done.getString("bin_dir"))), "no copy on the node's disk");
                assertEquals(400, asu.get("/store/" + done.getString("bin_dir") + "/../escape").statusCode(),
                        "the HTTP edge refuses dot segments");
            }
        }
    }
}
