package org.openwrt.asu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A private {@code redis-server} on a free loopback port for one test class: tests run against
 * the real thing, not a mock. Use it as a static field with {@code @RegisterExtension}-free
 * try-with-resources or from {@code @BeforeAll}/{@code @AfterAll}.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static LocalRedis start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("asu-redis");
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        LocalRedis redis = new LocalRedis(process, port, dir);
        redis.awaitPong();
        return redis;
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
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " (is it installed?)");
            }
            try (RedisClient client = client()) {
                if ("PONG".equals(client.ping())) {
                    return;
                }
            } catch (JedisException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer");
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
