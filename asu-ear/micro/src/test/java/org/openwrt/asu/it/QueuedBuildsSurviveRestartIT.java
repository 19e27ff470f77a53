package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No accepted build is lost when the server dies: requests queued (and one in flight) while the
 * JVM is killed with SIGKILL are all built after {@code misc/run} starts it again, because the
 * broker's journal keeps the messages and the build states in Redis say what is left to do.
 */
class QueuedBuildsSurviveRestartIT {

    private static final Duration BOOT = Duration.ofMinutes(4);
    private static final List<String> PACKAGES = List.of("vim", "tmux", "curl", "luci", "owut", "nano");

    @Test
    void buildsQueuedWhenTheJvmIsKilledAreBuiltAfterRestart() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "restart");
        ServerProcess.freshDirectory(dir);
        Path config = ServerProcess.writeConfig(dir.resolve("asu.properties"), System.getProperty("asu.it.restart.broker.port"),
                "asu.redis.prefix=restart-" + System.currentTimeMillis() + ":",
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=3");
        String redis = "redis://127.0.0.1:" + System.getProperty("asu.it.redis.port");
        int port = Integer.getInteger("asu.it.http.port");

        List<String> hashes = new ArrayList<>();
        try (ServerProcess server = new ServerProcess(dir.resolve("data"), config, port, redis)) {
            server.start(BOOT);
            AsuClient asu = new AsuClient(server.base());
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> accepted = asu.postJson("/api/v1/build",
                        "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":[\"" + PACKAGES.get(i) + "\"]}");
                assertEquals(202, accepted.statusCode(), accepted.body());
                hashes.add(AsuClient.json(accepted).getString("request_hash"));
            }
            awaitStarted(asu, hashes.get(0));

            server.killJvm();
            assertThrows(IllegalStateException.class, () -> asu.get("/api/v1/build/" + hashes.get(0)), "the server is down");

            server.start(BOOT);
            for (String hash : hashes) {
                HttpResponse<String> finished = asu.awaitFinished(hash, Duration.ofSeconds(90));
                assertEquals(200, finished.statusCode(), finished.body());
                assertEquals("done", AsuClient.json(finished).getString("detail"));
            }
        }
    }


    private static void awaitStarted(AsuClient asu, String hash) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if ("started".equals(AsuClient.json(asu.get("/api/v1/build/" + hash)).getString("detail"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first build never started");
    }
}
