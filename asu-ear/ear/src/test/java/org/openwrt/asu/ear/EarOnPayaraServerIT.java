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
import java.util.Comparator;
import java.util.Base64;
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
import redis.clients.jedis.Jedis;

/**
 * The EAR on Payara Server full: a private domain in the distribution that Maven unpacked into
 * {@code target/}, the Artemis resource adapter deployed first, then the EAR, then the same
 * round trip as on Payara Micro (POST → queue → MDB building with a real, sandboxed ImageBuilder
 * → GET 200 "done" → the image downloads from the store), readiness, and the request hash as the
 * cache key.
 *
 * <p>The test owns the server's whole life: it creates the domain on the ports Maven reserved,
 * starts it, configures and deploys, and always stops it again (and kills it if stopping does
 * not end the process), also when starting or deploying failed. Redis and the miniature
 * upstream (whose metadata the janitor syncs and whose ImageBuilders the builds run) are started
 * by Maven on reserved ports. Every asadmin call writes its output to {@code target/it/asadmin/}; the
 * server's log stays in {@code target/it/domains/asu-it/logs/server.log}.
 */
class EarOnPayaraServerIT {

    private static final String DOMAIN = "asu-it";
    private static final String RA_NAME = "artemis-ra";
    private static final String RA_CONNECTOR =
            "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";
    /** The miniature upstream's test key (misc/upstream). */
    private static final String UPSTREAM_KEY = "RWSD1GDZmv8Ao7TzuBIQ+PAGLO1PKHaH+Jfq/ylUBCWayt2rowvF/1hy";
    private static final String ADMIN_PASSWORD = "ear-admin-secret";

    /** A loaded 2-core machine needs 60 s and more to deploy; readiness is polled this long. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(5);
    /** The first build of a target also downloads, verifies and unpacks its ImageBuilder. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

    private static final Path PAYARA_HOME = Path.of(required("asu.it.payara.home"));
    private static final Path IT_DIR = Path.of(required("asu.it.dir"));
    private static final Path DOMAINS_DIR = IT_DIR.resolve("domains");
    private static final Path DOMAIN_DIR = DOMAINS_DIR.resolve(DOMAIN);
    private static final Path ASADMIN_LOGS = IT_DIR.resolve("asadmin");
    private static final int ADMIN_PORT = Integer.parseInt(required("asu.it.admin.port"));
    private static final int HTTP_PORT = Integer.parseInt(required("asu.it.http.port"));
    private static final int REDIS_PORT = Integer.parseInt(required("asu.it.redis.port"));
    private static final int BROKER_PORT = Integer.parseInt(required("asu.it.broker.port"));
    private static final URI UPSTREAM = URI.create("http://127.0.0.1:" + required("asu.it.upstream.port"));

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final URI BASE = URI.create("http://127.0.0.1:" + HTTP_PORT);

    private static int asadminCalls;
    private static Optional<ProcessHandle> server = Optional.empty();
    private static Thread killOnExit;
    private static final long SUITE_START = System.nanoTime();

    @BeforeAll
    static void startDomainAndDeploy() throws Exception {
        killLeftoverServer();
        deleteRecursively(DOMAINS_DIR);
        deleteRecursively(ASADMIN_LOGS);
        Files.createDirectories(ASADMIN_LOGS);
        Path dataDir = IT_DIR.resolve("data");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);

        // the Payara JVM is not a child of this one: if this JVM dies, take the server with it
        killOnExit = new Thread(() -> server.ifPresent(ProcessHandle::destroyForcibly), "kill-payara");
        Runtime.getRuntime().addShutdownHook(killOnExit);

        try {
            long t0 = System.nanoTime();
            asadminLocal("create-domain", "--nopassword=true", "--checkports=true",
                    "--domaindir", DOMAINS_DIR.toString(),
                    "--adminport", Integer.toString(ADMIN_PORT),
                    "--instanceport", Integer.toString(HTTP_PORT),
                    "--domainproperties", required("asu.it.domain.ports"),
                    DOMAIN);
            report("create-domain", t0);

            t0 = System.nanoTime();
            asadminLocal("start-domain", "--domaindir", DOMAINS_DIR.toString(), DOMAIN);
            server = serverProcess();
            report("start-domain", t0);
            assertTrue(server.isPresent(), "start-domain returned, but no server process is running");

            t0 = System.nanoTime();
            asadminRemote("create-system-properties", String.join(":",
                    property("asu.redis.url", "redis://127.0.0.1:" + REDIS_PORT),
                    property("asu.data.dir", dataDir.toString()),
                    property("asu.broker.port", Integer.toString(BROKER_PORT)),
                    property("asu.upstream.url", UPSTREAM.toString()),
                    property("asu.upstream.usign-keys", UPSTREAM_KEY),
                    property("asu.admin.password", ADMIN_PASSWORD),
                    // the miniature ImageBuilders' make image takes this long
                    property("asu.builder.environment", "IB_BUILD_SECONDS=1")));
            asadminRemote("create-resource-adapter-config", "--property", String.join(":",
                    property("ConnectorClassName", RA_CONNECTOR),
                    property("ConnectionParameters", "host=127.0.0.1;port=" + BROKER_PORT)),
                    RA_NAME);
            report("configure", t0);

            // Maven starts the miniature upstream asynchronously; the janitor's first pass needs it
            t0 = System.nanoTime();
            awaitResponse(HttpRequest.newBuilder(UPSTREAM.resolve("/.versions.json")).timeout(Duration.ofSeconds(30))
                    .GET().build(), UPSTREAM_TIMEOUT, r -> r.statusCode() == 200);
            report("until the miniature upstream answers", t0);

            t0 = System.nanoTime();
            asadminRemote("deploy", "--type", "rar", "--name", RA_NAME, required("asu.it.rar"));
            asadminRemote("deploy", "--name", "asu", required("asu.it.ear"));
            report("deploy RAR + EAR", t0);

            // Payara says "deployed" also for an application that does not work: ask the application
            t0 = System.nanoTime();
            HttpResponse<String> ready = awaitResponse(get("/health/ready"), READY_TIMEOUT,
                    r -> r.statusCode() == 200);
            report("until /health/ready is UP", t0);
            System.out.println("[payara-it] /health/ready: " + ready.body());

            // requests are validated against the synced metadata
            t0 = System.nanoTime();
            awaitResponse(get("/json/v1/overview.json"), SYNC_TIMEOUT, EarOnPayaraServerIT::hasAth79Generic);
            report("until the janitor's first metadata sync shows ath79/generic", t0);
            reportRss("after deployment");
        } catch (Exception | AssertionError e) {
            System.out.println("[payara-it] setup failed; the end of server.log:\n" + serverLogTail(120));
            throw e;
        }
    }

    @AfterAll
    static void stopDomain() throws Exception {
        try {
            if (server.isEmpty()) {
                server = serverProcess(); // start-domain failed or timed out, but a server may run
            }
            reportRss("at the end");
            if (Files.isDirectory(DOMAIN_DIR)) {
                long t0 = System.nanoTime();
                try {
                    asadminLocal("stop-domain", "--domaindir", DOMAINS_DIR.toString(), DOMAIN);
                } catch (AssertionError | IOException e) {
                    System.out.println("[payara-it] stop-domain failed: " + e.getMessage());
                }
                report("stop-domain", t0);
            }
        } finally {
            server.ifPresent(EarOnPayaraServerIT::awaitExitOrKill);
            server = Optional.empty();
            if (killOnExit != null) {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
            report("whole test class", SUITE_START);
        }
    }

    @Test
    void readinessReportsRedisAndBuildQueueUp() throws Exception {
        HttpResponse<String> response = send(get("/health/ready"));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response);
        assertEquals("UP", health.getString("status"), response.body());
        Map<String, String> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        assertEquals("UP", checks.get("redis"), response.body());
        assertEquals("UP", checks.get("build-queue"), response.body());
    }

    /** The console's login (web.xml role, glassfish-web.xml mapping) and its API, whose beans live in all three modules. */
    @Test
    void theAdminConsoleNeedsTheLoginAndReadsTheBrokerAndTheCache() throws Exception {
        assertEquals(401, send(get("/admin/api/overview")).statusCode());
        String login = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> overview = send(HttpRequest.newBuilder(BASE.resolve("/admin/api/overview"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", login).GET().build());
        assertEquals(200, overview.statusCode(), overview.body());
        assertEquals("asu.builds", json(overview).getJsonObject("build_queue").getString("name"), overview.body());
        assertEquals(2, json(overview).getJsonObject("build_queue").getInt("consumers"), overview.body());
        HttpResponse<String> cache = send(HttpRequest.newBuilder(BASE.resolve("/admin/api/imagebuilders"))
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

        // the state lives in the private Redis the server was configured with
        try (Jedis redis = new Jedis("127.0.0.1", REDIS_PORT)) {
            assertTrue(redis.exists("asu:build:" + hash), "no build " + hash + " in Redis on port " + REDIS_PORT);
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
        System.out.println("[payara-it] build " + hash + ": GET answers before done " + seen);

        JsonObject image = result.getJsonArray("images").getJsonObject(0);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(
                        BASE.resolve("/store/" + result.getString("bin_dir") + "/" + image.getString("name")))
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

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(BASE.resolve("/api/v1/build")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Repeats the request until an answer passes; connection failures count as "not yet". */
    private static HttpResponse<String> awaitResponse(HttpRequest request, Duration timeout,
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

    private static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonValue value = reader.readValue();
            assertEquals(JsonValue.ValueType.OBJECT, value.getValueType(), response.body());
            return value.asJsonObject();
        }
    }

    // --- asadmin and the server process -----------------------------------------------------

    /** A local command (create-domain, start-domain, stop-domain): no admin port involved. */
    private static void asadminLocal(String subcommand, String... operands) throws IOException, InterruptedException {
        asadmin(List.of("--interactive=false"), subcommand, operands);
    }

    /** A command the running domain executes, through its admin port. */
    private static void asadminRemote(String subcommand, String... operands) throws IOException, InterruptedException {
        asadmin(List.of("--interactive=false", "--host", "127.0.0.1", "--port", Integer.toString(ADMIN_PORT),
                "--user", "admin"), subcommand, operands);
    }

    /**
     * Runs {@code bin/asadmin} and fails with its output unless it exits with 0. The output goes
     * to a file, not a pipe: start-domain leaves a server behind that must not hold our pipe open.
     */
    private static void asadmin(List<String> options, String subcommand, String... operands)
            throws IOException, InterruptedException {
        Path script = PAYARA_HOME.resolve("bin").resolve("asadmin");
        List<String> command = new ArrayList<>();
        if (!Files.isExecutable(script)) {
            command.add("sh");
        }
        command.add(script.toString());
        command.addAll(options);
        command.add(subcommand);
        command.addAll(List.of(operands));
        String shown = "asadmin " + String.join(" ", command.subList(command.indexOf(subcommand), command.size()));
        Path log = ASADMIN_LOGS.resolve(String.format("%02d-%s.log", ++asadminCalls, subcommand));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(IT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // asadmin and the server it starts run on the JDK that runs the test
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(ASADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(shown + " did not finish within " + ASADMIN_TIMEOUT + ":\n" + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            fail(shown + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
    }

    /** {@code name=value} in asadmin's property syntax: ':' separates properties, so it and '=' are escaped. */
    private static String property(String name, String value) {
        return name + "=" + value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    /** The domain writes its process id to {@code config/pid} once it runs. */
    private static Optional<ProcessHandle> serverProcess() throws IOException {
        Path pidFile = DOMAIN_DIR.resolve("config").resolve("pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A server of an earlier, aborted run of this test in the same target/ directory. */
    private static void killLeftoverServer() throws IOException {
        if (Files.isDirectory(DOMAIN_DIR)) {
            Optional<ProcessHandle> leftover = serverProcess()
                    .filter(p -> p.info().commandLine().orElse("").contains(DOMAIN_DIR.toString()));
            leftover.ifPresent(p -> {
                System.out.println("[payara-it] stopping the server " + p.pid() + " left over from an earlier run");
                p.destroy();
                awaitExitOrKill(p);
            });
        }
    }

    private static void awaitExitOrKill(ProcessHandle process) {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("[payara-it] server process " + process.pid() + " still running: killing it");
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                System.out.println("[payara-it] server process " + process.pid() + " did not die");
            }
        }
        assertFalse(process.isAlive(), "Payara server process " + process.pid() + " is still running");
    }

    // --- reporting --------------------------------------------------------------------------

    private static void report(String step, long startNanos) {
        System.out.printf("[payara-it] %s: %.1f s%n", step, (System.nanoTime() - startNanos) / 1e9);
    }

    private static void reportRss(String when) {
        server.filter(ProcessHandle::isAlive).ifPresent(p -> {
            try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                lines.filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
                        .forEach(l -> System.out.println("[payara-it] server " + when + ": " + l.replaceAll("\\s+", " ")));
            } catch (IOException | UncheckedIOException e) {
                System.out.println("[payara-it] no RSS for process " + p.pid() + ": " + e.getMessage());
            }
        });
    }

    private static String serverLogTail(int lines) {
        Path log = DOMAIN_DIR.resolve("logs").resolve("server.log");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through Maven (mvn verify)");
        }
        return value;
    }
}
