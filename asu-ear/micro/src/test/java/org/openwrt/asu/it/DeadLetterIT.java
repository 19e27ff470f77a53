package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * a bounded number of times and then parked in the dead-letter queue, not lost and not retried
 * forever.
 */
class DeadLetterIT {

    @Test
    void undeliverableBuildMessageEndsInTheDeadLetterQueue() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "dead-letter");
        ServerProcess.freshDirectory(dir);
        int redisPort = freePort();
        String brokerPort = System.getProperty("asu.it.restart.broker.port");
        Path config = dir.resolve("asu.properties");
        Files.writeString(config, String.join("\n",
                "asu.broker.port=" + brokerPort,
                "asu.broker.max-delivery-attempts=3",
                "asu.broker.redelivery-delay-ms=200",
                "asu.broker.redelivery-multiplier=1",
                "asu.upstream.url=http://127.0.0.1:" + System.getProperty("asu.it.upstream.port"), ""));
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectOutput(dir.resolve("redis.log").toFile()).start();
        try (ServerProcess server = new ServerProcess(dir.resolve("data"), config,
                Integer.getInteger("asu.it.http.port"), "redis://127.0.0.1:" + redisPort)) {
            server.start(java.time.Duration.ofMinutes(4));
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);

            try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + brokerPort);
                 ClientSessionFactory factory = locator.createSessionFactory();
                 ClientSession session = factory.createSession()) {
                ClientMessage message = session.createMessage(Message.TEXT_TYPE, true);
                message.getBodyBuffer().writeNullableSimpleString(SimpleString.of("0".repeat(64)));
                session.createProducer("asu.builds").send(message);

                Instant deadline = Instant.now().plusSeconds(60);
                long dead = 0;
                while (dead == 0 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(250);
                    dead = session.queueQuery(SimpleString.of("asu.builds.dead")).getMessageCount();
                }
                assertEquals(1, dead, "the message is parked after its delivery attempts");
                assertEquals(0, session.queueQuery(SimpleString.of("asu.builds")).getMessageCount());
            }
        } finally {
            redis.destroyForcibly();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
