package org.openwrt.asu.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Artemis primary and its replicating backup on loopback, as an operator starts
 * them: {@code misc/broker} and {@code misc/broker --backup}, stopped with {@code misc/broker stop}.
 */
final class BrokerPair implements AutoCloseable {

    private final Path dataDir;
    private final int primaryPort;
    private final int backupPort;

    private BrokerPair(Path dataDir, int primaryPort, int backupPort) {
        this.dataDir = dataDir;
        this.primaryPort = primaryPort;
        this.backupPort = backupPort;
    }

    /** Starts the primary, then the backup, and returns once the backup holds a copy of the primary's journal. */
    static BrokerPair start(Path dataDir, int primaryPort, int backupPort) throws IOException, InterruptedException {
        BrokerPair pair = new BrokerPair(dataDir, primaryPort, backupPort);
        try {
            pair.broker("--port", Integer.toString(primaryPort), "--peer", "127.0.0.1:" + backupPort);
            pair.broker("--backup", "--port", Integer.toString(backupPort), "--peer", "127.0.0.1:" + primaryPort);
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    /** The nodes' ASU_BROKER_URL: both brokers, failing over for ever. */
    String url() {
        return "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true&reconnectAttempts=-1";
    }

    String password() throws IOException {
        return Files.readString(dataDir.resolve("broker-password")).strip();
    }

    /** SIGKILL to the primary's JVM: no goodbye to the backup or the clients. */
    void killPrimary() throws IOException {
        long pid = Long.parseLong(Files.readString(dataDir.resolve("primary/broker.pid")).strip());
        ProcessHandle primary = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the primary broker is not running"));
        primary.destroyForcibly();
        primary.onExit().join();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        broker("stop");
    }

    private void broker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.repositoryRoot().resolve("misc/broker").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data", dataDir.toString()));
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("misc-broker.out").toFile()));
        // misc/broker fetches the distribution through Maven: from the repository this build uses
        builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + System.getProperty("asu.it.maven.repo"));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("misc/broker " + String.join(" ", arguments) + " failed; see " + dataDir.resolve("misc-broker.out"));
        }
    }
}
