package org.openwrt.asu.ear;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link EarOnServerIT} on Payara Server full: a private domain in the distribution that Maven
 * unpacked into {@code target/}, created on the ports Maven reserved, the Artemis resource adapter
 * deployed first (pointed at the EAR's embedded broker), then the EAR. Every asadmin call writes
 * its output to {@code target/it/asadmin/}; the server's log stays in
 * {@code target/it/domains/asu-it/logs/server.log}.
 */
class EarOnPayaraServerIT extends EarOnServerIT {

    private static final String DOMAIN = "asu-it";
    private static final String RA_NAME = "artemis-ra";
    private static final String RA_CONNECTOR =
            "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

    private static final Path PAYARA_HOME = Path.of(required("asu.it.payara.home"));
    private static final Path DOMAINS_DIR = IT_DIR.resolve("domains");
    private static final Path DOMAIN_DIR = DOMAINS_DIR.resolve(DOMAIN);
    private static final Path ASADMIN_LOGS = IT_DIR.resolve("asadmin");
    private static final int ADMIN_PORT = Integer.parseInt(required("asu.it.admin.port"));
    private static final int HTTP_PORT = Integer.parseInt(required("asu.it.http.port"));
    private static final int BROKER_PORT = Integer.parseInt(required("asu.it.broker.port"));

    private int asadminCalls;

    EarOnPayaraServerIT() {
        super("payara", HTTP_PORT, "asu:");
    }

    @Override
    Optional<ProcessHandle> startAndDeploy(Map<String, String> settings) throws Exception {
        if (Files.isDirectory(DOMAIN_DIR)) {
            stopLeftover(runningServer().filter(p -> p.info().commandLine().orElse("").contains(DOMAIN_DIR.toString())));
        }
        deleteRecursively(DOMAINS_DIR);
        deleteRecursively(ASADMIN_LOGS);
        Files.createDirectories(ASADMIN_LOGS);

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
        Optional<ProcessHandle> server = runningServer();
        report("start-domain", t0);

        t0 = System.nanoTime();
        Map<String, String> properties = new TreeMap<>(settings);
        properties.put("asu.broker.port", Integer.toString(BROKER_PORT));
        asadminRemote("create-system-properties", properties.entrySet().stream()
                .map(p -> property(p.getKey(), p.getValue())).collect(Collectors.joining(":")));
        asadminRemote("create-resource-adapter-config", "--property", String.join(":",
                property("ConnectorClassName", RA_CONNECTOR),
                property("ConnectionParameters", "host=127.0.0.1;port=" + BROKER_PORT)),
                RA_NAME);
        report("configure", t0);

        t0 = System.nanoTime();
        asadminRemote("deploy", "--type", "rar", "--name", RA_NAME, required("asu.it.rar"));
        asadminRemote("deploy", "--name", "asu", required("asu.it.ear"));
        report("deploy RAR + EAR", t0);
        return server;
    }

    /** The domain writes its process id to {@code config/pid} once it runs. */
    @Override
    Optional<ProcessHandle> runningServer() throws IOException {
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

    @Override
    void stopServer() throws Exception {
        if (Files.isDirectory(DOMAIN_DIR)) {
            asadminLocal("stop-domain", "--domaindir", DOMAINS_DIR.toString(), DOMAIN);
        }
    }

    /** On the application's own port, as on Payara Micro. */
    @Override
    URI readiness() {
        return URI.create("http://127.0.0.1:" + HTTP_PORT + "/health/ready");
    }

    @Override
    List<String> readinessChecks() {
        return List.of("redis", "build-queue");
    }

    @Override
    String serverLogTail(int lines) {
        return tail(DOMAIN_DIR.resolve("logs").resolve("server.log"), lines);
    }

    /** A local command (create-domain, start-domain, stop-domain): no admin port involved. */
    private void asadminLocal(String subcommand, String... operands) throws IOException, InterruptedException {
        asadmin(List.of("--interactive=false"), subcommand, operands);
    }

    /** A command the running domain executes, through its admin port. */
    private void asadminRemote(String subcommand, String... operands) throws IOException, InterruptedException {
        asadmin(List.of("--interactive=false", "--host", "127.0.0.1", "--port", Integer.toString(ADMIN_PORT),
                "--user", "admin"), subcommand, operands);
    }

    private void asadmin(List<String> options, String subcommand, String... operands)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(options);
        arguments.add(subcommand);
        arguments.addAll(List.of(operands));
        Path log = ASADMIN_LOGS.resolve(String.format("%02d-%s.log", ++asadminCalls, subcommand));
        run(script(PAYARA_HOME.resolve("bin").resolve("asadmin"), arguments.toArray(String[]::new)), log,
                Map.of("AS_JAVA", System.getProperty("java.home")));
    }

    /** {@code name=value} in asadmin's property syntax: ':' separates properties, so it and '=' are escaped. */
    private static String property(String name, String value) {
        return name + "=" + value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
