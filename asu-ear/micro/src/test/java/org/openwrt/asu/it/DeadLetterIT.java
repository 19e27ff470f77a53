package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;

/**
 * A build message that cannot be processed — here because Redis is gone — is delivered again
 * a bounded number of times and then parked in the dead-letter queue with the reason, not lost
 * and not retried forever. The admin console (logged in with the password misc/run generated)
 * lists it with its request and failure, in its JSON and on its page; once Redis is back, the
 * operator clicks Requeue on one in headless Chromium and it is built (its request restored from
 * the message, since Redis never stored it), and Drop on the other, which is then gone.
 */
class DeadLetterIT {

    private static final String REQUEUED = "a".repeat(64);
    private static final String DROPPED = "b".repeat(64);
    private static final String ROWS = "document.querySelectorAll('#dead-letter-table tr[data-message-id]')";
    private static final String STATUS = "document.getElementById('action-result').textContent";
    private static final String REQUEST =
            "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\",\"packages\":[\"%s\"]}";

    @Test
    void undeliverableBuildsAreParkedWithTheirFailureAndTheConsoleRequeuesOrDropsThem() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "dead-letter");
        ServerProcess.freshDirectory(dir);
        int redisPort = freePort();
        String brokerPort = System.getProperty("asu.it.restart.broker.port");
        Path config = ServerProcess.writeConfig(dir.resolve("asu.properties"), brokerPort,
                "asu.broker.max-delivery-attempts=3",
                "asu.broker.redelivery-delay-ms=200",
                "asu.broker.redelivery-multiplier=1",
                "asu.node=dead-letter-node",
                "asu.builder.environment=IB_BUILD_SECONDS=0");
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        Process redis = startRedis(redisPort, redisDir);
        try (ServerProcess server = new ServerProcess(dir.resolve("data"), config,
                Integer.getInteger("asu.it.http.port"), "redis://127.0.0.1:" + redisPort)) {
            server.start(Duration.ofMinutes(4));
            String password = Files.readString(dir.resolve("data/admin-password")).strip();
            AsuClient admin = new AsuClient(server.base()).loggedIn("admin", password);
            stop(redis);

            try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + brokerPort);
                 ClientSessionFactory factory = locator.createSessionFactory();
                 ClientSession session = factory.createSession()) {
                for (String hash : List.of(REQUEUED, DROPPED)) {
                    ClientMessage message = session.createMessage(Message.TEXT_TYPE, true);
                    message.getBodyBuffer().writeNullableSimpleString(SimpleString.of(hash));
                    message.putStringProperty("asu_hash", hash);
                    message.putStringProperty("asu_request", REQUEST.formatted(hash.equals(REQUEUED) ? "vim" : "tmux"));
                    session.createProducer("asu.builds").send(message);
                }
            }
            JsonObject parked = awaitDeadLetters(admin, 2);
            assertTrue(parked.getJsonObject("running_builds").containsKey("error"), "Redis is down: " + parked);

            List<JsonObject> letters = deadLetters(admin);
            assertEquals(Set.of(REQUEUED, DROPPED), letters.stream().map(letter -> letter.getString("request_hash")).collect(Collectors.toSet()));
            long droppedId = letters.stream().filter(letter -> letter.getString("request_hash").equals(DROPPED)).findFirst()
                    .orElseThrow().getJsonNumber("message_id").longValue();
            for (JsonObject letter : letters) {
                assertTrue(letter.getString("failure").contains("Jedis"), letter.toString());
                assertEquals(3, letter.getInt("attempts"), letter.toString());
                assertEquals("dead-letter-node", letter.getString("node"));
                assertEquals("tplink_archer-c7-v5", letter.getJsonObject("request").getString("profile"));
                assertTrue(letter.getString("build_status").startsWith("unavailable"), letter.toString());
            }
            HeadlessChromium chromium = HeadlessChromium.find().orElseGet(() -> fail(
                    "DeadLetterIT needs Chromium: install Debian's chromium or name it with -Dasu.it.chromium=<path>"));
            try (DevToolsPage console = chromium.open(URI.create("http://admin:" + password + "@127.0.0.1:"
                    + server.base().getPort() + "/admin"))) {
                assertTrue(console.await(ROWS + ".length === 2", Duration.ofSeconds(30)), "the page lists both dead letters");
                assertTrue(console.evaluate(row(REQUEUED) + ".querySelector('[data-field=failure]').textContent").contains("Jedis"));

                redis = startRedis(redisPort, redisDir);
                console.evaluate(row(REQUEUED) + ".querySelector('button[data-action=requeue]').click(); 'clicked'");
                assertTrue(console.await(STATUS + ".startsWith('Requeued build " + REQUEUED.substring(0, 12) + "')",
                        Duration.ofSeconds(30)), console.evaluate(STATUS));
                HttpResponse<String> built = new AsuClient(server.base()).awaitFinished(REQUEUED, Duration.ofMinutes(2));
                assertEquals(200, built.statusCode(), built.body());
                assertTrue(AsuClient.json(built).getJsonObject("manifest").containsKey("vim"), "built from the message's request");

                console.evaluate("window.confirm = () => true; " + row(DROPPED)
                        + ".querySelector('button[data-action=drop]').click(); 'clicked'");
                assertTrue(console.await(STATUS + ".startsWith('Dropped build " + DROPPED.substring(0, 12) + "')",
                        Duration.ofSeconds(30)), console.evaluate(STATUS));
                assertTrue(console.await(ROWS + ".length === 0", Duration.ofSeconds(30)), "the page lists none any more");
            }
            assertEquals(List.of(), deadLetters(admin));
            assertEquals(0, awaitDeadLetters(admin, 0).getJsonObject("dead_letter_queue").getInt("messages"));
            assertEquals(404, admin.with("X-Requested-By", "it").request("DELETE", "/admin/api/dead-letters/" + droppedId)
                    .statusCode(), "dropped once");
        } finally {
            redis.destroyForcibly();
        }
    }

    /** The dead-letter table's row of a build, in the page's script. */
    private static String row(String requestHash) {
        return "document.querySelector('#dead-letter-table tr[data-hash=\"" + requestHash + "\"]')";
    }

    private static List<JsonObject> deadLetters(AsuClient admin) {
        HttpResponse<String> listed = admin.get("/admin/api/dead-letters");
        assertEquals(200, listed.statusCode(), listed.body());
        return AsuClient.json(listed).getJsonArray("dead_letters").getValuesAs(JsonObject.class);
    }

    /**
     * The console's overview once the dead-letter queue holds {@code count} messages and the build
     * queue none (a builder parks a message before it acknowledges the original).
     */
    private static JsonObject awaitDeadLetters(AsuClient admin, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject overview = null;
        while (Instant.now().isBefore(deadline)) {
            overview = AsuClient.json(admin.get("/admin/api/overview"));
            if (overview.getJsonObject("dead_letter_queue").getInt("messages", -1) == count
                    && overview.getJsonObject("build_queue").getInt("messages", -1) == 0) {
                return overview;
            }
            Thread.sleep(250);
        }
        return fail("the dead-letter queue never held " + count + " messages with none left to build: " + overview);
    }

    /** A Redis that keeps its data across a restart (append-only file in {@code dir}). */
    private static Process startRedis(int port, Path dir) throws IOException, InterruptedException {
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return redis;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    private static void stop(Process redis) throws InterruptedException {
        redis.destroy();
        redis.waitFor(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
