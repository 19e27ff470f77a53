package org.openwrt.asu.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EarOnServerIT} on WildFly's full profile: the distribution Maven unpacked into
 * {@code target/} stays untouched; its {@code standalone} directory is copied to
 * {@code target/it/wildfly/} (the server's base directory), configured offline with
 * {@code misc/wildfly/asu.cli} and then with this test's ports and settings, the server is started
 * and the EAR deployed with jboss-cli. The CLI output is in {@code target/it/jboss-cli/}, the
 * server's log in {@code target/it/wildfly/log/server.log}.
 */
class EarOnWildFlyIT extends EarOnServerIT {

    private static final Path WILDFLY_HOME = Path.of(required("asu.it.wildfly.home"));
    private static final Path SCRIPT = Path.of(required("asu.it.wildfly.script"));
    private static final Path BASE_DIR = IT_DIR.resolve("wildfly");
    private static final Path CLI_LOGS = IT_DIR.resolve("jboss-cli");
    private static final int HTTP_PORT = Integer.parseInt(required("asu.it.wildfly.http.port"));
    private static final int MANAGEMENT_PORT = Integer.parseInt(required("asu.it.wildfly.management.port"));
    private static final int BROKER_PORT = Integer.parseInt(required("asu.it.wildfly.broker.port"));
    /** Every socket of the full profile on a port Maven reserved, so that parallel builds do not clash. */
    private static final Map<String, String> SOCKETS = Map.of(
            "http", "asu.it.wildfly.http.port",
            "https", "asu.it.wildfly.https.port",
            "management-http", "asu.it.wildfly.management.port",
            "management-https", "asu.it.wildfly.management.https.port",
            "ajp", "asu.it.wildfly.ajp.port",
            "iiop", "asu.it.wildfly.iiop.port",
            "iiop-ssl", "asu.it.wildfly.iiop.ssl.port",
            "txn-recovery-environment", "asu.it.wildfly.txn.recovery.port",
            "txn-status-manager", "asu.it.wildfly.txn.status.port");
    private static final Duration LIVE_TIMEOUT = Duration.ofMinutes(2);

    private int cliCalls;
    private Process launcher;

    EarOnWildFlyIT() {
        super("wildfly", HTTP_PORT, "asu-wildfly:");
    }

    @Override
    Optional<ProcessHandle> startAndDeploy(Map<String, String> settings) throws Exception {
        stopLeftover(runningServer());
        deleteRecursively(BASE_DIR);
        deleteRecursively(CLI_LOGS);
        Files.createDirectories(CLI_LOGS);
        copyRecursively(WILDFLY_HOME.resolve("standalone"), BASE_DIR);

        long t0 = System.nanoTime();
        cli(SCRIPT);
        Map<String, String> properties = new TreeMap<>(settings);
        properties.put("asu.broker.port", Integer.toString(BROKER_PORT));
        cli(testSettings(properties));
        report("configure (misc/wildfly/asu.cli, then ports and settings)", t0);

        t0 = System.nanoTime();
        ProcessBuilder standalone = new ProcessBuilder(script(WILDFLY_HOME.resolve("bin").resolve("standalone.sh"),
                        "-c", "standalone-full.xml", "-Djboss.server.base.dir=" + BASE_DIR))
                .directory(IT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(IT_DIR.resolve("wildfly-console.log").toFile());
        standalone.environment().put("JAVA_HOME", System.getProperty("java.home"));
        launcher = standalone.start();
        launcher.getOutputStream().close();
        awaitResponse(request(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health/live")), LIVE_TIMEOUT,
                r -> r.statusCode() == 200);
        report("start", t0);

        t0 = System.nanoTime();
        cliConnected("deploy " + required("asu.it.ear") + " --name=asu.ear");
        report("deploy EAR", t0);
        return runningServer();
    }

    /** The server's JVM, started by standalone.sh and carrying the base directory on its command line. */
    @Override
    Optional<ProcessHandle> runningServer() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine().orElse("").contains("-Djboss.server.base.dir=" + BASE_DIR))
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst();
        }
    }

    @Override
    void stopServer() throws Exception {
        if (runningServer().isPresent()) {
            cliConnected(":shutdown");
        }
        if (launcher != null) {
            awaitExitOrKill(launcher.toHandle());
        }
    }

    /** WildFly answers health on its management interface, not on the application's port. */
    @Override
    URI readiness() {
        return URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health/ready");
    }

    /**
     * The server's own checks: WildFly does not register the health checks of an EAR's modules
     * (WFLY-12835), so the application's redis and build-queue checks are not among them.
     */
    @Override
    List<String> readinessChecks() {
        return List.of("deployments-status", "server-state");
    }

    @Override
    String serverLogTail(int lines) {
        return tail(BASE_DIR.resolve("log").resolve("server.log"), lines);
    }

    /** The application's meters, through the micrometer subsystem's Prometheus registry. */
    @Test
    void theMetersAreOnThePrometheusEndpoint() throws Exception {
        HttpResponse<String> scrape = send(request(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/prometheus")));
        assertEquals(200, scrape.statusCode(), scrape.body());
        for (String series : List.of("asu_build_queue_depth ", "asu_dead_letter_queue_depth ", "asu_cache_misses_total",
                "asu_build_duration_seconds_count{outcome=\"done\"}")) {
            assertTrue(scrape.body().contains(series), series + " missing from the scrape:\n" + scrape.body());
        }
    }

    /** The ports and the asu.* settings of this run, written into the base directory's configuration. */
    private Path testSettings(Map<String, String> properties) throws IOException {
        List<String> commands = new ArrayList<>();
        commands.add("embed-server --server-config=standalone-full.xml --std-out=discard");
        SOCKETS.forEach((socket, port) -> commands.add("/socket-binding-group=standard-sockets/socket-binding=" + socket
                + ":write-attribute(name=port, value=" + required(port) + ")"));
        properties.forEach((name, value) -> commands.add("/system-property=" + name + ":add(value=\""
                + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\")"));
        commands.add("stop-embedded-server");
        Path file = CLI_LOGS.resolve("test-settings.cli");
        Files.write(file, commands);
        return file;
    }

    /** Runs a CLI script on the stopped server (its base directory). */
    private void cli(Path file) throws IOException, InterruptedException {
        jbossCli("--file=" + file);
    }

    private void cliConnected(String command) throws IOException, InterruptedException {
        jbossCli("--connect", "--controller=127.0.0.1:" + MANAGEMENT_PORT, "--command=" + command);
    }

    private void jbossCli(String... arguments) throws IOException, InterruptedException {
        Path log = CLI_LOGS.resolve(String.format("%02d.log", ++cliCalls));
        run(script(WILDFLY_HOME.resolve("bin").resolve("jboss-cli.sh"), arguments), log,
                Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "JAVA_OPTS", "-Djboss.server.base.dir=" + BASE_DIR));
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
