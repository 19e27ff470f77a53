package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node on the standalone broker pair of {@code misc/broker} (ASU_BROKER_URL lists both, failover
 * on, with the pair's login) loses no build when the primary is killed with SIGKILL: the builds
 * queued on it, and the one in flight, complete from the backup's replica of the journal, and the
 * API queues new builds on the backup.
 */
class BrokerFailoverIT {

    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final List<String> PACKAGES = List.of("vim", "tmux", "curl", "luci", "owut");
    private static final String REQUEST = "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":[\"%s\"]}";

    @Test
    void buildsQueuedOnAKilledPrimaryCompleteFromItsBackup() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "failover");
        ServerProcess.freshDirectory(dir);
        Path config = dir.resolve("asu.properties");
        Files.writeString(config, String.join("\n",
                "asu.redis.prefix=failover-" + System.currentTimeMillis() + ":",
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=3",
                "asu.upstream.url=http://127.0.0.1:" + System.getProperty("asu.it.upstream.port"),
                "asu.upstream.usign-keys=" + ServerProcess.UPSTREAM_KEY, ""));
        String redis = "redis://127.0.0.1:" + System.getProperty("asu.it.redis.port");

        try (BrokerPair brokers = BrokerPair.start(dir.resolve("broker"), Integer.getInteger("asu.it.primary.broker.port"),
                     Integer.getInteger("asu.it.backup.broker.port"));
             ServerProcess server = new ServerProcess(dir.resolve("data"), config, Integer.getInteger("asu.it.http.port"), redis)
                     .environment("ASU_BROKER_URL", brokers.url())
                     .environment("ASU_BROKER_USER", "asu")
                     .environment("ASU_BROKER_PASSWORD", brokers.password())) {
            server.start(BOOT);
            AsuClient asu = new AsuClient(server.base());
            List<String> hashes = new ArrayList<>();
            for (String packageName : PACKAGES) {
                HttpResponse<String> accepted = asu.postJson("/api/v1/build", REQUEST.formatted(packageName));
                assertEquals(202, accepted.statusCode(), accepted.body());
                hashes.add(AsuClient.json(accepted).getString("request_hash"));
            }
            asu.awaitStarted(hashes.get(0), Duration.ofSeconds(60));

            brokers.killPrimary();
            hashes.add(acceptedOnceFailedOver(asu, REQUEST.formatted("nano")));

            for (String hash : hashes) {
                HttpResponse<String> finished = asu.awaitFinished(hash, Duration.ofSeconds(180));
                assertEquals(200, finished.statusCode(), finished.body());
                assertEquals("done", AsuClient.json(finished).getString("detail"));
            }
            AsuClient admin = asu.loggedIn("admin", Files.readString(dir.resolve("data/admin-password")).strip());
            JsonObject queue = AsuClient.json(admin.get("/admin/api/overview")).getJsonObject("build_queue");
            assertEquals(0, queue.getInt("messages"), "the backup's queue is drained: " + queue);
        }
    }

    /** A build request sent while the clients fail over: refused (503) for a moment at most. */
    private static String acceptedOnceFailedOver(AsuClient asu, String request) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> answer = asu.postJson("/api/v1/build", request);
        while (answer.statusCode() != 202 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            answer = asu.postJson("/api/v1/build", request);
        }
        assertEquals(202, answer.statusCode(), answer.body());
        return AsuClient.json(answer).getString("request_hash");
    }
}
