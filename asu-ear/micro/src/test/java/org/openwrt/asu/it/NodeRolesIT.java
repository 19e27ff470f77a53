package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
 * its health answers. The web node's console lists both nodes from their heartbeats, the builder
 * with the ImageBuilder it used; once the builder is stopped its entry turns stale.
 */
class NodeRolesIT {

    private static final Duration BOOT = Duration.ofMinutes(4);
    /** Far longer than a consumer that may take builds needs to take one (milliseconds). */
    private static final Duration LEFT_ALONE = Duration.ofSeconds(15);
    private static final List<String> PACKAGES = List.of("vim", "tmux");
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** Three missed heartbeats, plus a heartbeat's time for the console's reading to see it. */
    private static final Duration STALE_WITHIN = HEARTBEAT.multipliedBy(4);

    @Test
    void aWebNodeLeavesBuildsOnTheQueueAndABuilderNodeBuildsThem() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "roles");
        ServerProcess.freshDirectory(dir);
        int brokerPort = Integer.getInteger("asu.it.roles.broker.port");
        String shared = String.join("\n",
                "asu.redis.prefix=roles-" + System.currentTimeMillis() + ":",
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=0",
                "asu.node.heartbeat-interval=" + HEARTBEAT.toSeconds() + "s",
                "asu.node.heartbeat-expiry=5m",
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

            // the builder's next heartbeat after its builds names the ImageBuilder they used
            Instant heard = Instant.now().plus(HEARTBEAT.multipliedBy(5));
            List<JsonObject> nodes = nodes(admin);
            while (!cachesX86(nodes.get(0)) && Instant.now().isBefore(heard)) {
                Thread.sleep(500);
                nodes = nodes(admin);
            }
            assertEquals(List.of("builder-node", "web-node"), nodes.stream().map(node -> node.getString("node")).toList(), nodes.toString());
            JsonObject builderNode = nodes.get(0);
            JsonObject webNode = nodes.get(1);
            assertTrue(cachesX86(builderNode), "the builder's heartbeat lists the ImageBuilder its builds used: " + builderNode);
            assertEquals(List.of("builder"), roles(builderNode));
            assertEquals(List.of("web"), roles(webNode));
            assertEquals(List.of(1, 0), List.of(builderNode.getInt("builder_slots"), webNode.getInt("builder_slots")));
            assertEquals(0, webNode.getJsonObject("imagebuilder_cache").getJsonArray("imagebuilders").size(), webNode.toString());
            assertEquals(List.of("alive", "alive"), List.of(builderNode.getString("state"), webNode.getString("state")), nodes.toString());

            builder.close();
            Instant stopped = Instant.now();
            while (!nodes(admin).get(0).getString("state").equals("stale") && Instant.now().isBefore(stopped.plus(STALE_WITHIN))) {
                Thread.sleep(250);
            }
            nodes = nodes(admin);
            assertEquals("stale", nodes.get(0).getString("state"), "stale within " + STALE_WITHIN + " of the stop: " + nodes);
            assertTrue(Instant.parse(nodes.get(0).getString("heard_at")).isBefore(stopped), nodes.get(0).toString());
            assertTrue(cachesX86(nodes.get(0)), "still listed with what it last reported: " + nodes.get(0));
            assertEquals("alive", nodes.get(1).getString("state"), "the web node beats on: " + nodes.get(1));
        }
    }

    private static List<JsonObject> nodes(AsuClient admin) {
        HttpResponse<String> nodes = admin.get("/admin/api/nodes");
        assertEquals(200, nodes.statusCode(), nodes.body());
        return AsuClient.json(nodes).getJsonArray("nodes").getValuesAs(JsonObject.class);
    }

    private static boolean cachesX86(JsonObject node) {
        return node.getJsonObject("imagebuilder_cache").getJsonArray("imagebuilders").getValuesAs(JsonObject.class).stream()
                .anyMatch(cached -> cached.getString("version").equals("24.10.2") && cached.getString("target").equals("x86/64")
                        && cached.getJsonNumber("size_bytes").longValue() > 0);
    }

    private static List<String> roles(JsonObject node) {
        return node.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
