package org.openwrt.asu.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A whole cluster as an operator starts it on one machine: {@code misc/cluster up --demo} (the
 * broker pair, Redis with a replica and Sentinels, S3Proxy, the miniature upstream, one web node
 * and two builder nodes), stopped with {@code misc/cluster down}. Its pieces can be killed the
 * hard way, one at a time.
 */
final class Cluster implements AutoCloseable {

    /** What misc/cluster takes from its base port: web, builders, brokers, Redis, Sentinels, S3Proxy, upstream. */
    private static final List<Integer> PORT_OFFSETS = List.of(0, 1, 2, 20, 21, 30, 31, 32, 33, 34, 40, 50);

    private final Path dataDir;
    private final int basePort;

    private Cluster(Path dataDir, int basePort) {
        this.dataDir = dataDir;
        this.basePort = basePort;
    }

    /** Starts the cluster with these extra settings for every node; returns once every node is ready. */
    static Cluster up(Path dataDir, Path config) throws IOException, InterruptedException {
        Cluster cluster = new Cluster(dataDir, freeBasePort());
        try {
            cluster.run(10, "up", "--demo", "--no-build", "--builders", "2", "--base-port", Integer.toString(cluster.basePort),
                    "--config", config.toString());
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The web node's root. */
    URI web() {
        return URI.create("http://127.0.0.1:" + basePort + "/");
    }

    String adminPassword() throws IOException {
        return Files.readString(dataDir.resolve("nodes/web/admin-password")).strip();
    }

    /** SIGKILL to a node's JVM ({@code builder-1}): no shutdown, its builds in flight abandoned. */
    void killNode(String node) throws IOException {
        ProcessHandle launcher = process("pids/node-" + node + ".pid");
        kill(launcher.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Payara JVM under the launcher of " + node)));
    }

    /** SIGKILL to the primary broker: no goodbye to its backup or its clients. */
    void killPrimaryBroker() throws IOException {
        kill(process("broker/primary/broker.pid"));
    }

    /** SIGKILL to the Redis master: the Sentinels promote its replica. */
    void killRedisMaster() throws IOException {
        kill(process("pids/redis-master.pid"));
    }

    private ProcessHandle process(String pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(dataDir.resolve(pidFile)).strip());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(pidFile + " names no running process"));
    }

    private static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().join();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(3, "down");
    }

    private void run(int timeoutMinutes, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.repositoryRoot().resolve("misc/cluster").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data", dataDir.toString()));
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("misc-cluster.out").toFile()));
        // the broker and S3Proxy come through Maven: from the repository this build uses
        builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + System.getProperty("asu.it.maven.repo"));
        Process process = builder.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("misc/cluster " + String.join(" ", arguments) + " failed; see "
                    + dataDir.resolve("misc-cluster.out"));
        }
    }

    /** A base port whose every port misc/cluster takes is free now. */
    private static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(10_000, 32_000);
            if (PORT_OFFSETS.stream().allMatch(offset -> free(base + offset))) {
                return base;
            }
        }
        throw new IOException("no free block of ports for the cluster");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
