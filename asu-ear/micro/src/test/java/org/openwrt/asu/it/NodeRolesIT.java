package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Roles by configuration only, the same WAR on two {@code misc/run} servers that share Redis and
 * one broker: the web node ({@code asu.node.roles=web}, the broker embedded in it) queues builds
 * and leaves them on the queue however long they wait; the builder node ({@code ASU_NODE_ROLES=builder},
 * {@code ASU_BROKER_URL} pointing at that broker) builds them, and answers its own API 404 while
 * its health answers.
 */
class NodeRolesIT {

    private static final Duration BOOT = Duration.ofMinutes(4);
    /** Far longer than a consumer that may take builds needs to take one (milliseconds). */
    private static final Duration LEFT_ALONE = Duration.ofSeconds(15);
    private static final List<String> PACKAGES = List.of("vim", "tmux");

    @Test
    void aWebNodeLeavesBuildsOnTheQueueAndABuilderNodeBuildsThem() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "roles");
        ServerProcess.freshDirectory(dir);
        int brokerPort = Integer.getInteger("asu.it.roles.broker.port");
        String shared = String.join("\n",
                "asu.redis.prefix=roles-" + System.currentTimeMillis() + ":",
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=0",
                "asu.upstream.url=http://127.0.0.1:" + System.getProperty("asu.it.upstream.port"),
                "asu.upstream.usign-keys=" + ServerProcess.UPSTREAM_KEY, "");
        Path webConfig = dir.resolve("web.properties");
        Files.writeString(webConfig, shared + "asu.node=web-node\nasu.node.roles=web\nasu.broker.port=" + brokerPort + "\n");
        Path builderConfig = dir.resolve("builder.properties");
        Files.writeString(builderConfig, shared + "asu.node=builder-node\n");
        String redis = "redis://127.0.0.1:" + System.getProperty("asu.it.redis.port");

        try (ServerProcess web = new ServerProcess(dir.resolve("web"), webConfig, Integer.getInteger("asu.it.http.port"), redis);
             ServerProcess builder = new ServerProcess(dir.resolve("builder"), builderConfig,
                     Integer.getInteger("asu.it.second.http.port"), redis)
                     .environment("ASU_NODE_ROLES", "builder")
                     .environment("ASU_BROKER_URL", "tcp://127.0.0.1:" + brokerPort)) {
            web.start(BOOT);
            AsuClient asu = new AsuClient(web.base());
            List<String> hashes = new ArrayList<>();
            for (String packageName : PACKAGES) {
                HttpResponse<String> accepted = asu.postJson("/api/v1/build",
                        "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":[\"" + packageName + "\"]}");
                assertEquals(202, accepted.statusCode(), accepted.body());
                hashes.add(AsuClient.json(accepted).getString("request_hash"));
            }

            AsuClient admin = asu.loggedIn("admin", Files.readString(dir.resolve("web/admin-password")).strip());
            Instant until = Instant.now().plus(LEFT_ALONE);
            while (Instant.now().isBefore(until)) {
                JsonObject queue = AsuClient.json(admin.get("/admin/api/overview")).getJsonObject("build_queue");
                assertEquals(PACKAGES.size(), queue.getInt("messages"), "the web node takes no build off the queue: " + queue);
                assertEquals(0, queue.getInt("delivering"), "no session of the web node holds a build: " + queue);
                for (String hash : hashes) {
                    assertEquals("queued", AsuClient.json(asu.get("/api/v1/build/" + hash)).getString("detail"));
                }
                Thread.sleep(1000);
            }

            builder.start(BOOT);
            AsuClient builderApi = new AsuClient(builder.base());
            HttpResponse<String> notHere = builderApi.get("/api/v1/build/" + hashes.get(0));
            assertEquals(404, notHere.statusCode(), notHere.body());
            assertTrue(AsuClient.json(notHere).getString("detail").contains("only builds"), notHere.body());
            assertEquals(404, builderApi.get("/").statusCode(), "no pages on a builder node either");
            assertEquals(200, builderApi.get("/health/ready").statusCode(), "a builder node answers its health");
            assertEquals(200, builderApi.get("/metrics").statusCode(), "and its metrics");

            for (String hash : hashes) {
                HttpResponse<String> finished = asu.awaitFinished(hash, Duration.ofSeconds(120));
                assertEquals(200, finished.statusCode(), finished.body());
                assertEquals("done", AsuClient.json(finished).getString("detail"));
            }
            JsonObject drained = AsuClient.json(admin.get("/admin/api/overview")).getJsonObject("build_queue");
            assertEquals(0, drained.getInt("messages"), drained.toString());
        }
    }
}
