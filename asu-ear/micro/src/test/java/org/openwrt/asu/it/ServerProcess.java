package org.openwrt.asu.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server as an operator runs it: {@code misc/run} in its own process, so a test can kill
 * the JVM the hard way and start it again on the same data directory.
 */
final class ServerProcess implements AutoCloseable {

    /** The miniature upstream's test key (misc/upstream), which a server started here trusts. */
    static final String UPSTREAM_KEY = "RWSD1GDZmv8Ao7TzuBIQ+PAGLO1PKHaH+Jfq/ylUBCWayt2rowvF/1hy";

    private final Path dataDir;
    private final Path config;
    private final int port;
    private final String redisUrl;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process launcher;

    ServerProcess(Path dataDir, Path config, int port, String redisUrl) {
        this.dataDir = dataDir;
        this.config = config;
        this.port = port;
        this.redisUrl = redisUrl;
    }

    /** An environment variable for misc/run and the server, e.g. {@code ASU_BROKER_URL}. */
    ServerProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Starts {@code misc/run} and returns once the application answers its readiness check. */
    void start(Duration timeout) throws IOException, InterruptedException {
        Path script = repositoryRoot().resolve("misc/run");
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), "--no-build", "--port", Integer.toString(port),
                "--data", dataDir.toString(), "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("misc-run.out").toFile()));
        builder.environment().put("ASU_REDIS_URL", redisUrl);
        builder.environment().putAll(environment);
        launcher = builder.start();
        AsuClient client = new AsuClient(base());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("misc/run ended with " + launcher.exitValue() + "; see " + dataDir);
            }
            try {
                if (client.get("/health/ready").body().contains("\"build-queue\"")) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // keep polling
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server not ready after " + timeout + "; see " + dataDir);
    }

    /** SIGKILL to the server's JVM: no shutdown hooks, no graceful close of the broker journal. */
    void killJvm() throws InterruptedException {
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        jvm.onExit().join();
        launcher.waitFor(30, TimeUnit.SECONDS);
    }

    /** The server's JVM, the Payara Micro process misc/run started. */
    ProcessHandle jvm() {
        return launcher.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Payara JVM under misc/run"));
    }

    @Override
    public void close() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
    }

    /**
     * Writes a test server's settings file: its broker port, the given settings, and the
     * miniature upstream (misc/upstream) that the Maven build starts, with its key trusted.
     */
    static Path writeConfig(Path file, String brokerPort, String... settings) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("asu.broker.port=" + brokerPort);
        lines.addAll(List.of(settings));
        lines.add("asu.upstream.url=http://127.0.0.1:" + System.getProperty("asu.it.upstream.port"));
        lines.add("asu.upstream.usign-keys=" + UPSTREAM_KEY);
        return Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** An empty directory for one test's server, whatever an earlier run left there. */
    static void freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    private static Path repositoryRoot() {
        Path dir = new File(System.getProperty("user.dir")).toPath().toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("misc/run"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("misc/run not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
