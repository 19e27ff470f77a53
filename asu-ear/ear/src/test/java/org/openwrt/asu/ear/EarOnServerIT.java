package org.openwrt.asu.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * The same {@code asu.ear} on an application server: the subclass creates, configures and starts
 * the server and deploys the EAR ({@link #startAndDeploy}), this class waits until it is ready and
 * the janitor's first sync from the miniature upstream shows, and runs the round trip every server
 * must pass (POST → queue → MDB building with a real, sandboxed ImageBuilder → GET 200 "done" →
 * the image downloads from the store with its sha256), identical requests sharing one hash, the
 * admin API refused without the login and answering with it, and readiness UP.
 *
 * <p>Redis and the miniature upstream are started by Maven on reserved ports and shared by the
 * servers, one after the other; each server keeps its builds under its own Redis prefix so that
 * none is answered from the other's cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EarOnServerIT {

    /** The miniature upstream's test key (misc/upstream). */
    static final String UPSTREAM_KEY = "RWSD1GDZmv8Ao7TzuBIQ+PAGLO1PKHaH+Jfq/ylUBCWayt2rowvF/1hy";
    static final String ADMIN_PASSWORD = "ear-admin-secret";
    /** The miniature ImageBuilders' make image takes this long. */
    static final String BUILDER_ENVIRONMENT = "IB_BUILD_SECONDS=1";

    /** A loaded 2-core machine needs 60 s and more to deploy; readiness is polled this long. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    /** The first build of a target also downloads, verifies and unpacks its ImageBuilder. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

    static final Path IT_DIR = Path.of(required("asu.it.dir"));
    static final int REDIS_PORT = Integer.parseInt(required("asu.it.redis.port"));
    static final URI UPSTREAM = URI.create("http://127.0.0.1:" + required("asu.it.upstream.port"));

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final long suiteStart = System.nanoTime();
    private final String label;
    private final URI base;
    private final String redisPrefix;
    private Optional<ProcessHandle> server = Optional.empty();
    private Thread killOnExit;

    EarOnServerIT(String label, int httpPort, String redisPrefix) {
        this.label = label;
        this.base = URI.create("http://127.0.0.1:" + httpPort);
        this.redisPrefix = redisPrefix;
    }

    // --- what each server does its own way --------------------------------------------------

    /**
     * Creates and configures the server with these settings, starts it, deploys the artemis
     * adapter where it needs one and the EAR, and returns the server's process.
     */
    abstract Optional<ProcessHandle> startAndDeploy(Map<String, String> settings) throws Exception;

    /** The running server's process after a start that failed or timed out, if any. */
    abstract Optional<ProcessHandle> runningServer() throws IOException;

    /** Asks the server to stop; the caller kills it if that does not end the process. */
    abstract void stopServer() throws Exception;

    /** Where the server answers MicroProfile Health's readiness. */
    abstract URI readiness();

    /** The readiness checks the server's answer must list as UP. */
    abstract List<String> readinessChecks();

    abstract String serverLogTail(int lines);

    // --- the server's life ------------------------------------------------------------------

    @BeforeAll
    void startServerAndDeploy() throws Exception {
        Path dataDir = IT_DIR.resolve(label + "-data");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        // the server's JVM is not a child of this one: if this JVM dies, take the server with it
        killOnExit = new Thread(() -> server.ifPresent(ProcessHandle::destroyForcibly), "kill-" + label);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            // Maven starts the miniature upstream asynchronously; the janitor's first pass needs it
            long t0 = System.nanoTime();
            awaitResponse(HttpRequest.newBuilder(UPSTREAM.resolve("/.versions.json")).timeout(Duration.ofSeconds(30))
                    .GET().build(), UPSTREAM_TIMEOUT, r -> r.statusCode() == 200);
            report("until the miniature upstream answers", t0);

            server = startAndDeploy(Map.of(
                    "asu.redis.url", "redis://127.0.0.1:" + REDIS_PORT,
                    "asu.redis.prefix", redisPrefix,
                    "asu.data.dir", dataDir.toString(),
                    "asu.upstream.url", UPSTREAM.toString(),
                    "asu.upstream.usign-keys", UPSTREAM_KEY,
                    "asu.admin.password", ADMIN_PASSWORD,
                    "asu.builder.environment", BUILDER_ENVIRONMENT));
            assertTrue(server.isPresent(), "the server was started, but no server process is running");

            // a server says "deployed" also for an application that does not work: ask the application
            t0 = System.nanoTime();
            HttpResponse<String> ready = awaitResponse(request(readiness()), READY_TIMEOUT, r -> r.statusCode() == 200);
            report("until " + readiness().getPath() + " is UP", t0);
            log(readiness() + ": " + ready.body());

            // requests are validated against the synced metadata
            t0 = System.nanoTime();
            awaitResponse(get("/json/v1/overview.json"), SYNC_TIMEOUT, EarOnServerIT::hasAth79Generic);
            report("until the janitor's first metadata sync shows ath79/generic", t0);
            reportRss("after deployment");
        } catch (Exception | AssertionError e) {
            log("setup failed; the end of the server's log:\n" + serverLogTail(120));
            throw e;
        }
    }

    @AfterAll
    void stopTheServer() throws Exception {
        try {
            if (server.isEmpty()) {
                server = runningServer();
            }
            reportRss("at the end");
            long t0 = System.nanoTime();
            try {
                stopServer();
            } catch (AssertionError | IOException e) {
                log("stopping failed: " + e.getMessage());
            }
            report("stop", t0);
        } finally {
            server.ifPresent(this::awaitExitOrKill);
            server = Optional.empty();
            if (killOnExit != null) {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
            report("whole test class", suiteStart);
        }
    }

    // --- what every server must do ----------------------------------------------------------

    @Test
    void readinessIsUp() throws Exception {
        HttpResponse<String> response = send(request(readiness()));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response);
        assertEquals("UP", health.getString("status"), response.body());
        Map<String, String> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        readinessChecks().forEach(check -> assertEquals("UP", checks.get(check), check + " in " + response.body()));
    }

    /** The console's login (web.xml role, each server's mapping) and its API, whose beans live in all three modules. */
    @Test
    void theAdminConsoleNeedsTheLoginAndReadsTheBrokerAndTheCache() throws Exception {
        HttpResponse<String> refused = send(get("/admin/api/overview"));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals(401, json(refused).getInt("status"), refused.body());
        String login = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> overview = send(HttpRequest.newBuilder(base.resolve("/admin/api/overview"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", login).GET().build());
        assertEquals(200, overview.statusCode(), overview.body());
        assertEquals("asu.builds", json(overview).getJsonObject("build_queue").getString("name"), overview.body());
        assertEquals(2, json(overview).getJsonObject("build_queue").getInt("consumers"), overview.body());
        HttpResponse<String> cache = send(HttpRequest.newBuilder(base.resolve("/admin/api/imagebuilders"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", login).GET().build());
        assertEquals(200, cache.statusCode(), cache.body());
    }

    @Test
    void identicalRequestsShareOneHash() throws Exception {
        String request = buildRequest("8dev_carambola2", "luci", "-ppp");
        HttpResponse<String> first = send(post(request));
        HttpResponse<String> second = send(post(request));

        assertEquals(202, first.statusCode(), first.body());
        assertEquals("queued", json(first).getString("detail"), first.body());
        String hash = json(first).getString("request_hash");
        assertFalse(hash.isBlank(), first.body());
        assertTrue(second.statusCode() == 202 || second.statusCode() == 200, second.body());
        assertEquals(hash, json(second).getString("request_hash"), second.body());
    }

    @Test
    void buildRunsThroughQueueAndBuilder() throws Exception {
        HttpResponse<String> submitted = send(post(buildRequest("tplink_archer-c7-v5", "vim")));
        assertEquals(202, submitted.statusCode(), submitted.body());
        JsonObject accepted = json(submitted);
        assertEquals(202, accepted.getInt("status"), submitted.body());
        assertTrue(List.of("queued", "started").contains(accepted.getString("detail")), submitted.body());
        String hash = accepted.getString("request_hash");

        // the state lives in the private Redis the server was configured with, under its prefix
        try (Jedis redis = new Jedis("127.0.0.1", REDIS_PORT)) {
            assertTrue(redis.exists(redisPrefix + "build:" + hash), "no build " + hash + " in Redis on port " + REDIS_PORT);
        }

        long t0 = System.nanoTime();
        List<Integer> seen = new ArrayList<>();
        HttpResponse<String> done = awaitResponse(get("/api/v1/build/" + hash), BUILD_TIMEOUT, r -> {
            seen.add(r.statusCode());
            return r.statusCode() != 202;
        });
        report("build " + hash, t0);
        assertEquals(200, done.statusCode(), done.body());
        JsonObject result = json(done);
        assertEquals(200, result.getInt("status"), done.body());
        assertEquals("done", result.getString("detail"), done.body());
        assertEquals(hash, result.getString("request_hash"), done.body());
        assertEquals("tplink_archer-c7-v5", result.getJsonObject("request").getString("profile"), done.body());
        log("build " + hash + ": GET answers before done " + seen);

        JsonObject image = result.getJsonArray("images").getJsonObject(0);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(
                        base.resolve("/store/" + result.getString("bin_dir") + "/" + image.getString("name")))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode(), image.toString());
        assertEquals(image.getString("sha256"), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(download.body())), image.toString());
    }

    // --- requests ---------------------------------------------------------------------------

    private static String buildRequest(String profile, String... packages) {
        return Json.createObjectBuilder()
                .add("version", "24.10.2")
                .add("target", "ath79/generic")
                .add("profile", profile)
                .add("packages", Json.createArrayBuilder(List.of(packages)))
                .build().toString();
    }

    /** The janitor's copy of the upstream metadata has the 24.10 targets. */
    private static boolean hasAth79Generic(HttpResponse<String> overview) {
        if (overview.statusCode() != 200) {
            return false;
        }
        JsonObject branch = json(overview).getJsonObject("branches").getJsonObject("24.10");
        return branch != null && branch.getJsonObject("targets").containsKey("ath79/generic");
    }

    HttpRequest get(String path) {
        return request(base.resolve(path));
    }

    static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(base.resolve("/api/v1/build")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Repeats the request until an answer passes; connection failures count as "not yet". */
    static HttpResponse<String> awaitResponse(HttpRequest request, Duration timeout,
            Predicate<HttpResponse<String>> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = send(request);
                if (done.test(response)) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                return fail(request.method() + " " + request.uri() + " did not succeed within " + timeout
                        + "; last answer: " + last);
            }
            Thread.sleep(500);
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonValue value = reader.readValue();
            assertEquals(JsonValue.ValueType.OBJECT, value.getValueType(), response.body());
            return value.asJsonObject();
        }
    }

    // --- commands and processes ---------------------------------------------------------------

    /**
     * Runs a server's command-line tool and fails with its output unless it exits with 0. The
     * output goes to a file, not a pipe: a command that starts a server leaves it behind, and it
     * must not hold our pipe open. The tool and the server it starts run on this test's JDK.
     */
    static void run(List<String> command, Path log, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(IT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String shown = String.join(" ", command);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(shown + " did not finish within " + COMMAND_TIMEOUT + ":\n" + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            fail(shown + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
    }

    /** The script itself, or {@code sh script} where unpacking lost its execute bit. */
    static List<String> script(Path script, String... arguments) {
        List<String> command = new ArrayList<>();
        if (!Files.isExecutable(script)) {
            command.add("sh");
        }
        command.add(script.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** The server process of an earlier, aborted run in the same target/ directory. */
    void stopLeftover(Optional<ProcessHandle> leftover) {
        leftover.ifPresent(p -> {
            log("stopping the server " + p.pid() + " left over from an earlier run");
            p.destroy();
            awaitExitOrKill(p);
        });
    }

    void awaitExitOrKill(ProcessHandle process) {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log("server process " + process.pid() + " still running: killing it");
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                log("server process " + process.pid() + " did not die");
            }
        }
        assertFalse(process.isAlive(), label + " server process " + process.pid() + " is still running");
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + log + ": " + e.getMessage() + ")";
        }
    }

    // --- reporting --------------------------------------------------------------------------

    void log(String message) {
        System.out.println("[" + label + "-it] " + message);
    }

    void report(String step, long startNanos) {
        log(String.format("%s: %.1f s", step, (System.nanoTime() - startNanos) / 1e9));
    }

    private void reportRss(String when) {
        server.filter(ProcessHandle::isAlive).ifPresent(p -> {
            try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                lines.filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
                        .forEach(l -> log("server " + when + ": " + l.replaceAll("\\s+", " ")));
            } catch (IOException | UncheckedIOException e) {
                log("no RSS for process " + p.pid() + ": " + e.getMessage());
            }
        });
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through Maven (mvn verify)");
        }
        return value;
    }
}
