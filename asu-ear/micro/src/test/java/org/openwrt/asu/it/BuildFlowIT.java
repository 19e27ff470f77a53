package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import redis.clients.jedis.RedisClient;

/**
 * The packaged WAR on Payara Micro with the Artemis adapter, the embedded broker and a real
 * Redis: a build request goes through the JMS queue to the message-driven builder and back.
 */
@AsuServer.Deployed
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildFlowIT {

    private static final String DEVICE = "\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink,archer-c7-v5\"";
    private static final int REDIS_PORT = Integer.getInteger("asu.it.redis.port");
    /** The key layout of the tested server, whose prefix is {@code it:} (asu-it.properties). */
    private static final RedisKeys KEYS = new RedisKeys("it:");

    private URI base;
    private AsuClient asu;

    @BeforeEach
    void client(URI base) {
        this.base = base;
        asu = new AsuClient(base);
    }

    @Test
    @Order(1)
    void readinessChecksRedisAndTheBuildQueue() {
        HttpResponse<String> ready = asu.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"redis\"") && ready.body().contains("\"build-queue\""), ready.body());
    }

    @Test
    @Order(2)
    void buildRequestIsQueuedThenBuiltByTheMessageDrivenBean() throws Exception {
        HttpResponse<String> accepted = asu.postJson("/api/v1/build", "{" + DEVICE + ",\"packages\":[\"luci\",\"vim\"]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject queued = AsuClient.json(accepted);
        assertEquals(202, queued.getInt("status"));
        if ("queued".equals(queued.getString("detail"))) {
            // builds queued by earlier test classes on this Redis and broker may still be ahead
            assertTrue(queued.getInt("queue_position") >= 0);
            assertEquals("queued", accepted.headers().firstValue("X-Imagebuilder-Status").orElseThrow());
        } else {
            // a free builder took it before the answer was written
            assertEquals("started", queued.getString("detail"));
            assertEquals(queued.getString("imagebuilder_status"), accepted.headers().firstValue("X-Imagebuilder-Status").orElseThrow());
        }
        String hash = queued.getString("request_hash");
        assertEquals(64, hash.length());
        assertEquals("24.10.2", queued.getJsonObject("request").getString("version"), "the first answer echoes the request too");
        assertEquals("tplink_archer-c7-v5", queued.getJsonObject("request").getString("profile"));

        HttpResponse<String> finished = asu.awaitFinished(hash, Duration.ofSeconds(60));
        assertEquals(200, finished.statusCode(), finished.body());
        JsonObject done = AsuClient.json(finished);
        assertEquals(200, done.getInt("status"));
        assertEquals("done", done.getString("detail"));
        assertEquals(hash, done.getString("request_hash"));
        assertEquals("tplink_archer-c7-v5", done.getJsonObject("request").getString("profile"));
        assertEquals(List.of("luci", "vim"), done.getJsonObject("request").getJsonArray("packages")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("done", finished.headers().firstValue("X-Imagebuilder-Status").orElseThrow());

        assertEquals(finished.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                finished.headers().firstValueAsLong("Content-Length").orElse(-1), "sized, not chunked");

        HttpResponse<String> head = asu.request("HEAD", "/api/v1/build/" + hash);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("done", head.headers().firstValue("X-Imagebuilder-Status").orElseThrow());
        for (String header : List.of("Content-Length", "Content-Type", "X-Imagebuilder-Status", "X-Queue-Position")) {
            assertEquals(finished.headers().firstValue(header), head.headers().firstValue(header), "HEAD mirrors GET: " + header);
        }
        RenderedReadsComparison comparison = new RenderedReadsComparison(asu.base());
        comparison.assertSameAsTheResources("/api/v1/build/" + hash);
        comparison.assertSamePostAsTheResources("/api/v1/build", "{" + DEVICE + ",\"packages\":[\"luci\",\"vim\"]}");
    }

    @Test
    @Order(5)
    void theListedBranchSnapshotReallyBuilds() throws Exception {
        JsonObject branch = AsuClient.json(asu.get("/json/v1/overview.json")).getJsonObject("branches").getJsonObject("24.10");
        assertTrue(branch.getJsonArray("versions").getValuesAs(jakarta.json.JsonString::getString).contains("24.10-SNAPSHOT"),
                branch.toString());

        String hash = AsuClient.json(asu.postJson("/api/v1/build", "{\"version\":\"24.10-SNAPSHOT\",\"target\":\"ath79/generic\","
                + "\"profile\":\"tplink,archer-c7-v5\",\"packages\":[\"vim\"]}")).getString("request_hash");
        HttpResponse<String> finished = asu.awaitFinished(hash, Duration.ofSeconds(90));
        assertEquals(200, finished.statusCode(), finished.body());
        JsonObject done = AsuClient.json(finished);
        assertEquals("24.10-SNAPSHOT", done.getString("version_number"));
        assertEquals("r28862-5e0f2b3c71", done.getString("version_code"));
        JsonObject sysupgrade = done.getJsonArray("images").getValuesAs(JsonObject.class).stream()
                .filter(image -> image.getString("type").equals("sysupgrade")).findFirst().orElseThrow();
        assertTrue(sysupgrade.getString("name").startsWith("openwrt-24.10-SNAPSHOT-"), sysupgrade.toString());
        HttpResponse<byte[]> image = asu.getBytes("/store/" + done.getString("bin_dir") + "/" + sysupgrade.getString("name"), null);
        assertEquals(200, image.statusCode());
    }

    @Test
    @Order(3)
    void identicalConcurrentRequestsShareOneHashAndOneBuild() throws Exception {
        String body = "{" + DEVICE + ",\"packages\":[\"tmux\",\"curl\"],\"client\":\"it/1\"}";
        String reordered = "{" + DEVICE + ",\"packages\":[\"curl\",\"tmux\",\"curl\"]}";
        long enqueuedBefore = queueSequence();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String request = i % 2 == 0 ? body : reordered;
                answers.add(pool.submit(() -> asu.postJson("/api/v1/build", request)));
            }
            Set<String> hashes = new java.util.HashSet<>();
            Set<String> enqueuedAt = new java.util.HashSet<>();
            for (Future<HttpResponse<String>> answer : answers) {
                JsonObject json = AsuClient.json(answer.get());
                hashes.add(json.getString("request_hash"));
                enqueuedAt.add(json.getString("enqueued_at"));
            }
            assertEquals(1, hashes.size(), "order, duplicates and client do not change the hash");
            assertEquals(1, enqueuedAt.size(), "all answers describe the same build");
            assertEquals(enqueuedBefore + 1, queueSequence(), "exactly one build was queued");
            assertEquals(200, asu.awaitFinished(hashes.iterator().next(), Duration.ofSeconds(60)).statusCode());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void queuedBuildsReportTheirPlaceInLine() throws Exception {
        List<String> hashes = new java.util.ArrayList<>();
        for (String extra : List.of("nano", "htop", "tmux", "curl", "owut")) {
            hashes.add(AsuClient.json(asu.postJson("/api/v1/build", "{" + DEVICE + ",\"packages\":[\"" + extra + "\"]}"))
                    .getString("request_hash"));
        }
        // two builders take the first two (one waits for the other: one ImageBuilder per target
        // builds one image at a time); the rest wait in order
        HttpResponse<String> last = asu.get("/api/v1/build/" + hashes.get(4));
        assertEquals(202, last.statusCode());
        JsonObject waiting = AsuClient.json(last);
        assertEquals("queued", waiting.getString("detail"));
        assertTrue(waiting.getInt("queue_position") >= 1, last.body());
        assertEquals(Integer.toString(waiting.getInt("queue_position")),
                last.headers().firstValue("X-Queue-Position").orElseThrow());
        for (String hash : hashes) {
            assertEquals(200, asu.awaitFinished(hash, Duration.ofSeconds(60)).statusCode());
        }
    }

    @Test
    @Order(4)
    void theBuiltImageDownloadsFromTheStoreWithItsChecksum() throws Exception {
        String hash = AsuClient.json(asu.postJson("/api/v1/build", "{" + DEVICE + ",\"packages\":[\"vim\"]}"))
                .getString("request_hash");
        JsonObject done = AsuClient.json(asu.awaitFinished(hash, Duration.ofSeconds(60)));
        assertEquals("done", done.getString("detail"), done.toString());
        JsonObject sysupgrade = done.getJsonArray("images").getValuesAs(JsonObject.class).stream()
                .filter(image -> image.getString("type").equals("sysupgrade")).findFirst().orElseThrow();
        String url = "/store/" + done.getString("bin_dir") + "/" + sysupgrade.getString("name");

        HttpResponse<byte[]> image = asu.getBytes(url, null);
        assertEquals(200, image.statusCode());
        assertEquals(sysupgrade.getString("sha256"), sha256(image.body()));
        assertEquals(Long.toString(image.body().length), image.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("application/octet-stream", image.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"" + sysupgrade.getString("name") + "\"",
                image.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElseThrow());

        HttpResponse<byte[]> tail = asu.getBytes(url, "bytes=100-");
        assertEquals(206, tail.statusCode());
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(image.body(), 100, image.body().length)),
                java.util.Arrays.toString(tail.body()));
        assertEquals("bytes 100-" + (image.body().length - 1) + "/" + image.body().length,
                tail.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<String> head = asu.request("HEAD", url);
        assertEquals(200, head.statusCode());
        assertEquals(Long.toString(image.body().length), head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    @Order(4)
    void nothingOutsideTheStoreIsServed() throws Exception {
        java.nio.file.Path links = java.nio.file.Files.createDirectories(
                java.nio.file.Path.of(System.getProperty("asu.it.dir"), "arquillian", "store", "links"));
        java.nio.file.Files.deleteIfExists(links.resolve("passwd"));
        java.nio.file.Files.createSymbolicLink(links.resolve("passwd"), java.nio.file.Path.of("/etc/passwd"));
        for (String path : List.of("/store/links/passwd", "/store/links", "/store/no-such-build/image.bin", "/store/")) {
            HttpResponse<String> answer = asu.get(path);
            assertEquals(404, answer.statusCode(), path + " " + answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
            assertEquals(404, AsuClient.json(answer).getInt("status"));
        }
        // dot segments and encoded slashes, plain or escaped, never reach the application: the
        // HTTP edge (asu-ear/http-edge) refuses them with a JSON 400
        for (String path : List.of("/store/../asu.properties", "/store/%2e%2e/%2e%2e/etc/passwd", "/store/..%2f..%2fetc%2fpasswd",
                "/store/%2Fetc%2Fpasswd")) {
            HttpResponse<String> answer = asu.get(path);
            assertEquals(400, answer.statusCode(), path + " " + answer.body());
            assertEquals(400, AsuClient.json(answer).getInt("status"), path);
        }
    }

    @Test
    @Order(4)
    void everyRequestIsCountedAsHitOrMissAndByItsClient() throws Exception {
        String request = "{" + DEVICE + ",\"packages\":[\"htop\",\"nano\"]";
        Map<String, Long> events = statistics(KEYS.statsEvents("*"));
        Map<String, Long> clients = statistics(KEYS.statsClients("*"));

        HttpResponse<String> miss = asu.postJson("/api/v1/build", request + ",\"client\":\"it-stats/1\"}");
        assertEquals(202, miss.statusCode(), miss.body());
        assertEquals(200, asu.awaitFinished(AsuClient.json(miss).getString("request_hash"), Duration.ofSeconds(60)).statusCode());
        HttpResponse<String> hit = asu.postJson("/api/v1/build", request + "}", "auc (0.3.2)");
        assertEquals(200, hit.statusCode(), hit.body());
        assertEquals(200, postWithoutUserAgent(request + "}"), "no User-Agent is an unknown client, not an error");
        HttpResponse<String> rejected = asu.postJson("/api/v1/build", "{" + DEVICE + ",\"distro\":\"Foobar\"}", "auc/0.3.2");
        assertEquals(400, rejected.statusCode(), rejected.body());
        assertEquals(422, asu.postJson("/api/v1/build", "{" + DEVICE + ",\"packages\":\"vim\"}").statusCode());

        // the 422 is not a request; the rejected one is a miss
        assertEquals(Map.of("requests", 4L, "cache-hits", 2L, "cache-misses", 2L),
                growth(events, statistics(KEYS.statsEvents("*")), "requests", "cache-hits", "cache-misses"));
        assertEquals(Map.of("it-stats/1", 1L, "auc/0.3.2", 2L, "unknown/0", 1L),
                growth(clients, statistics(KEYS.statsClients("*")), "it-stats/1", "auc/0.3.2", "unknown/0"));
    }

    /** Sums every bucket's counters: a test that runs across the hour (or midnight) still adds up. */
    private static Map<String, Long> statistics(String pattern) {
        try (RedisClient redis = RedisClient.create("127.0.0.1", REDIS_PORT)) {
            Map<String, Long> sums = new java.util.HashMap<>();
            for (String key : redis.keys(pattern)) {
                redis.hgetAll(key).forEach((field, value) -> sums.merge(field, Long.parseLong(value), Long::sum));
            }
            return sums;
        }
    }

    private static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after, String... fields) {
        Map<String, Long> growth = new java.util.HashMap<>();
        for (String field : fields) {
            growth.put(field, after.getOrDefault(field, 0L) - before.getOrDefault(field, 0L));
        }
        return growth;
    }

    /** Java's HTTP client always sends a User-Agent; this request has none. Returns the status. */
    private int postWithoutUserAgent(String json) throws Exception {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/v1/build HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @Order(5)
    void malformedRequestsGetJsonErrorsWithTheRightStatus() {
        assertError(asu.post("/api/v1/build", "application/json", "{\"version\": "), 422, "json_invalid");
        assertError(asu.postJson("/api/v1/build", "[1,2,3]"), 422, "model_attributes_type");
        assertError(asu.postJson("/api/v1/build", "\"text\""), 422, "model_attributes_type");
        assertError(asu.post("/api/v1/build", null, null), 422, "missing");
        assertError(asu.post("/api/v1/build", "text/plain", "{" + DEVICE + "}"), 422, "model_attributes_type");
        assertError(asu.postJson("/api/v1/build", "{\"target\":\"ath79/generic\",\"profile\":\"x\"}"), 422, "missing");
        assertError(asu.postJson("/api/v1/build", "{" + DEVICE + ",\"packages\":\"vim\"}"), 422, "list_type");
        assertError(asu.postJson("/api/v1/build", "{\"version\":24,\"target\":\"a/b\",\"profile\":\"x\"}"), 422, "string_type");
        assertError(asu.postJson("/api/v1/build", "{" + DEVICE + ",\"rootfs_size_mb\":0}"), 422, "greater_than_equal");

        JsonObject missing = AsuClient.json(asu.postJson("/api/v1/build", "{\"target\":\"ath79/generic\",\"profile\":\"x\"}"));
        assertEquals("[\"body\",\"version\"]", missing.getJsonArray("detail").getJsonObject(0).getJsonArray("loc").toString());
    }

    @Test
    @Order(6)
    void rejectedRequestsGet400WithTheReason() {
        HttpResponse<String> defaults = asu.postJson("/api/v1/build", "{" + DEVICE + ",\"defaults\":\"echo hi\"}");
        assertEquals(400, defaults.statusCode());
        assertEquals("Handling `defaults` not enabled on server", AsuClient.json(defaults).getString("detail"));
        HttpResponse<String> distro = asu.postJson("/api/v1/build", "{" + DEVICE + ",\"distro\":\"Foobar\"}");
        assertEquals(400, distro.statusCode());
        assertEquals("Unsupported distro: Foobar", AsuClient.json(distro).getString("detail"));
    }

    @Test
    @Order(7)
    void unknownHashesPathsAndMethodsAreJson() {
        HttpResponse<String> unknown = asu.get("/api/v1/build/0123456789abcdef");
        assertEquals(404, unknown.statusCode());
        assertEquals("could not find provided request hash", AsuClient.json(unknown).getString("detail"));
        assertError(asu.request("DELETE", "/api/v1/build"), 405, null);
        assertError(asu.postJson("/api/v1/build/0222f0cd9290", "{}"), 405, null);
        assertError(asu.get("/api/v9/nothing"), 404, null);
    }

    @Test
    @Order(8)
    void redisOutageAnswers503AndTheServerRecovers() throws Exception {
        String request = "{" + DEVICE + ",\"packages\":[\"nano\",\"vim\"]}";
        run("redis-cli", "-p", Integer.toString(REDIS_PORT), "shutdown", "nosave");
        try {
            HttpResponse<String> down = asu.postJson("/api/v1/build", request);
            assertEquals(503, down.statusCode(), down.body());
            assertEquals(503, AsuClient.json(down).getInt("status"));
            assertEquals(503, asu.get("/health/ready").statusCode());
        } finally {
            startRedis();
        }
        // a pooled connection from before the restart fails its request (503 JSON) until the
        // pool's idle test, once a second, has replaced it; after that every request is served
        Instant settled = Instant.now().plusSeconds(3);
        HttpResponse<String> back = asu.postJson("/api/v1/build", request);
        while (back.statusCode() == 503 && Instant.now().isBefore(settled)) {
            assertEquals(503, AsuClient.json(back).getInt("status"));
            Thread.sleep(200);
            back = asu.postJson("/api/v1/build", request);
        }
        assertEquals(202, back.statusCode(), back.body());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), settled).toMillis()));
        assertEquals(200, asu.awaitFinished(AsuClient.json(back).getString("request_hash"), Duration.ofSeconds(60)).statusCode());
        assertEquals(200, asu.get("/health/ready").statusCode());
    }

    private static void assertError(HttpResponse<String> response, int status, String violationType) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
        JsonObject body = AsuClient.json(response);
        assertEquals(status, body.getInt("status"));
        if (violationType != null) {
            assertEquals(violationType, body.getJsonArray("detail").getJsonObject(0).getString("type"), response.body());
        } else {
            assertTrue(body.containsKey("detail"), response.body());
        }
    }

    private static long queueSequence() {
        try (RedisClient redis = RedisClient.create("127.0.0.1", REDIS_PORT)) {
            String value = redis.get("it:queue:sequence");
            return value == null ? 0 : Long.parseLong(value);
        }
    }

    private static void run(String... command) throws Exception {
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }

    private static void startRedis() throws Exception {
        run("redis-server", "--port", Integer.toString(REDIS_PORT), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "yes");
        for (int i = 0; i < 50; i++) {
            try (RedisClient client = RedisClient.create("127.0.0.1", REDIS_PORT)) {
                if ("PONG".equals(client.ping())) {
                    return;
                }
            } catch (redis.clients.jedis.exceptions.JedisException notYet) {
                Thread.sleep(100);
            }
        }
    }
}
