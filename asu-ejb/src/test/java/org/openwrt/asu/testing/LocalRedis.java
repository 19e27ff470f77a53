package org.openwrt.asu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A private {@code redis-server} (or a replica of one, or a {@code redis-sentinel} watching one) on
 * a free loopback port for one test class: tests run against the real thing, not a mock. Use it as a static field with {@code @RegisterExtension}-free
 * try-with-resources or from {@code @BeforeAll}/{@code @AfterAll}.
 */
public final class LocalRedis implements AutoCloseable {

    private final String executable;
    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRedis(String executable, Process process, int port, Path dir) {
        this.executable = executable;
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static LocalRedis start() throws IOException, InterruptedException {
        // a replica's first sync starts at once, not after Redis' default five seconds
        return startWith("redis-server", dir -> List.of("--repl-diskless-sync-delay", "0"));
    }

    /** A server that replicates {@code master}, as a Redis Sentinel deployment has, once it has the master's data. */
    public static LocalRedis startReplicaOf(LocalRedis master) throws IOException, InterruptedException {
        LocalRedis replica = startWith("redis-server", dir -> List.of("--replicaof", "127.0.0.1", Integer.toString(master.port)));
        try (RedisClient client = replica.client()) {
            for (int attempt = 0; !client.info("replication").contains("master_link_status:up"); attempt++) {
                if (attempt == 200) {
                    throw new IllegalStateException("the replica on port " + replica.port + " never synchronised");
                }
                Thread.sleep(50);
            }
        }
        return replica;
    }

    /**
     * A Sentinel watching {@code master} under {@code masterName}, with {@code quorum} Sentinels
     * needed to agree it is down; it is called down after one second of silence, so a failover
     * takes seconds rather than the half minute of Redis' defaults, and a failover that failed (a
     * split vote) is tried again after six seconds rather than six minutes.
     */
    public static LocalRedis startSentinel(LocalRedis master, String masterName, int quorum)
            throws IOException, InterruptedException {
        return startWith("redis-sentinel", dir -> {
            // Sentinel rewrites its configuration file as it learns the deployment, so it gets its own
            Path config = dir.resolve("sentinel.conf");
            Files.writeString(config, String.join("\n",
                    "sentinel monitor " + masterName + " 127.0.0.1 " + master.port + " " + quorum,
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    "sentinel failover-timeout " + masterName + " 3000", ""));
            return List.of(config.toString());
        });
    }

    private static LocalRedis startWith(String executable, Arguments leadingArguments) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("asu-redis");
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(leadingArguments.in(dir));
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        LocalRedis redis = new LocalRedis(executable, process, port, dir);
        redis.awaitPong();
        return redis;
    }

    @FunctionalInterface
    private interface Arguments {
        List<String> in(Path dir) throws IOException;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A new client; the caller closes it. */
    public RedisClient client() {
        return RedisClient.create("127.0.0.1", port);
    }

    private void awaitPong() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException(executable + " exited with " + process.exitValue() + " (is it installed?)");
            }
            try (RedisClient client = client()) {
                if ("PONG".equals(client.ping())) {
                    return;
                }
            } catch (JedisException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(executable + " on port " + port + " did not answer");
    }

    /** Ends the server with SIGKILL: no shutdown, no goodbye to replicas or Sentinels, as when its machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }
}
