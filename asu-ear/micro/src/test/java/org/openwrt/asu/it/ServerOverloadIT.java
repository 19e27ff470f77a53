package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import redis.clients.jedis.RedisClient;

/**
 * The overload guard, the original server's last check before queueing: once more than {@code asu.build.max-pending}
 * builds wait, a new request gets 529 and is not queued, while a request for a build that
 * already waits still gets its 202, and new requests are taken again when the queue drains.
 * A server of its own ({@code misc/run}), with a tiny limit, one builder and slow builds, so the
 * Arquillian server of the other tests keeps its settings.
 */
class ServerOverloadIT {

    private static final Duration BOOT = Duration.ofMinutes(4);
    private static final int MAX_PENDING = 2;
    private static final List<String> PACKAGES = List.of("vim", "tmux", "curl", "luci", "owut", "nano", "htop");

    @Test
    void moreThanMaxPendingWaitingBuildsTurnNewRequestsAwayButNotIdenticalOnes() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "overload");
        ServerProcess.freshDirectory(dir);
        String prefix = "overload-" + System.currentTimeMillis() + ":";
        Path config = ServerProcess.writeConfig(dir.resolve("asu.properties"), System.getProperty("asu.it.overload.broker.port"),
                "asu.redis.prefix=" + prefix,
                "asu.build.max-pending=" + MAX_PENDING,
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=5");
        int redisPort = Integer.getInteger("asu.it.redis.port");
        RedisKeys keys = new RedisKeys(prefix);
        int port = Integer.getInteger("asu.it.http.port");

        try (ServerProcess server = new ServerProcess(dir.resolve("data"), config, port, "redis://127.0.0.1:" + redisPort);
             RedisClient redis = RedisClient.create("127.0.0.1", redisPort)) {
            server.start(BOOT);
            AsuClient asu = new AsuClient(server.base());
            awaitMetadata(asu);

            // one builder takes the first request; the others wait until more than the limit do
            List<String> accepted = new ArrayList<>();
            HttpResponse<String> turnedAway = null;
            for (String extra : PACKAGES) {
                HttpResponse<String> answer = asu.postJson("/api/v1/build", request(extra));
                if (answer.statusCode() == 529) {
                    turnedAway = answer;
                    break;
                }
                assertEquals(202, answer.statusCode(), answer.body());
                accepted.add(AsuClient.json(answer).getString("request_hash"));
            }
            assertTrue(turnedAway != null, "no 529 after " + accepted.size() + " accepted requests");
            String overflow = PACKAGES.get(accepted.size());
            JsonObject overloaded = AsuClient.json(turnedAway);
            assertEquals(529, overloaded.getInt("status"), turnedAway.body());
            assertEquals("Server overloaded", overloaded.getString("title"), turnedAway.body());
            Matcher detail = Pattern.compile("server overload, queue contains too many build requests: (\\d+)")
                    .matcher(overloaded.getString("detail"));
            assertTrue(detail.matches(), turnedAway.body());
            long waiting = Long.parseLong(detail.group(1));
            assertTrue(waiting > MAX_PENDING && waiting <= accepted.size(), turnedAway.body());
            assertTrue(turnedAway.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

            // nothing was queued for it
            assertEquals(Long.toString(accepted.size()), redis.get(keys.queueSequence()));
            assertEquals(accepted.get(0), hashOf(request(PACKAGES.get(0))), "the test computes hashes as the server does");
            assertEquals(404, asu.get("/api/v1/build/" + hashOf(request(overflow))).statusCode());

            // the build that waits last answers an identical request as before
            String lastWaiting = accepted.get(accepted.size() - 1);
            HttpResponse<String> again = asu.postJson("/api/v1/build", request(PACKAGES.get(accepted.size() - 1)));
            assertEquals(202, again.statusCode(), again.body());
            JsonObject queued = AsuClient.json(again);
            assertEquals(lastWaiting, queued.getString("request_hash"));
            assertEquals("queued", queued.getString("detail"), again.body());

            // once a build is done, fewer wait and the request is taken
            Instant deadline = Instant.now().plusSeconds(90);
            HttpResponse<String> later = asu.postJson("/api/v1/build", request(overflow));
            while (later.statusCode() == 529 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                later = asu.postJson("/api/v1/build", request(overflow));
            }
            assertEquals(202, later.statusCode(), later.body());
        }
    }

    private static String hashOf(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return RequestHash.of(new BuildRequestReader(new BuildLimits(20480, 1024)).read(reader.readValue()));
        }
    }

    private static String request(String extraPackage) {
        return "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":[\"" + extraPackage + "\"]}";
    }

    /** Requests are validated against the janitor's copy of the upstream metadata. */
    private static void awaitMetadata(AsuClient asu) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> overview = asu.get("/json/v1/overview.json");
            if (overview.statusCode() == 200) {
                JsonObject branch = AsuClient.json(overview).getJsonObject("branches").getJsonObject("24.10");
                if (branch != null && branch.getJsonObject("targets").containsKey("x86/64")) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the janitor did not sync within 90 s");
    }
}
