package org.openwrt.asu.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openwrt.asu.domain.VersionCatalog;
import org.openwrt.asu.testing.PlainThreads;
import org.openwrt.asu.testing.RedisPerClass;
import redis.clients.jedis.Protocol.Command;

/** Each node hears of metadata writes on the channel, on a real Redis, and asks Redis only when it cannot hear. */
class MetadataGenerationTest {

    private static final Duration CHECK = Duration.ofMillis(200);

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private final List<MetadataGeneration> nodes = new ArrayList<>();
    private RedisKeys keys;
    private MetadataStore store;

    @BeforeEach
    void freshPrefix() {
        keys = new RedisKeys("generation-test-" + System.nanoTime() + ":");
        store = new MetadataStore(REDIS.client(), keys);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(MetadataGeneration::stop);
    }

    @Test
    void aWriteOfAnyNodeIsHeardByEveryNodeWithoutAskingRedis() throws InterruptedException {
        MetadataGeneration nodeA = node();
        MetadataGeneration nodeB = node();
        assertEquals(0, nodeA.current(), "nothing written yet");
        awaitSubscribed(nodeA);
        awaitSubscribed(nodeB);

        store.keepVersions(VersionCatalog.EMPTY);
        long written = Long.parseLong(REDIS.client().get(keys.metadataGeneration()));
        assertEquals(written, await(nodeA::current, written));
        assertEquals(written, await(nodeB::current, written));

        resetStats();
        for (int read = 0; read < 1000; read++) {
            assertEquals(written, nodeA.current());
        }
        assertTrue(getCalls() <= 2, "1000 reads, " + getCalls() + " GETs");
    }

    @Test
    void theGenerationFollowsRedisClockAndNeverGoesBack() throws InterruptedException {
        long before = System.currentTimeMillis();
        store.keepVersions(VersionCatalog.EMPTY);
        long first = Long.parseLong(REDIS.client().get(keys.metadataGeneration()));
        assertTrue(first >= before - 1000, first + " is Redis' clock in ms");
        store.keepVersions(VersionCatalog.EMPTY);
        store.keepVersions(VersionCatalog.EMPTY);
        long third = Long.parseLong(REDIS.client().get(keys.metadataGeneration()));
        assertTrue(third >= first + 2, "each write moves it on: " + first + " → " + third);

        MetadataGeneration node = node();
        assertEquals(third, node.current());
        REDIS.client().del(keys.metadataGeneration()); // an emptied Redis
        Thread.sleep(2 * CHECK.toMillis() + 100); // silent for long enough that the node asks Redis
        assertEquals(third, node.current(), "a lower value read is not taken");
    }

    @Test
    void aKilledSubscriptionIsReplacedAndTheWritesMeanwhileAreSeen() throws InterruptedException {
        MetadataGeneration node = node();
        node.current();
        awaitSubscribed(node);

        REDIS.client().sendCommand(Command.CLIENT, "KILL", "TYPE", "pubsub");
        store.keepVersions(VersionCatalog.EMPTY);
        long written = Long.parseLong(REDIS.client().get(keys.metadataGeneration()));
        assertEquals(written, await(node::current, written));
        awaitSubscribed(node);
        store.keepVersions(VersionCatalog.EMPTY);
        long next = Long.parseLong(REDIS.client().get(keys.metadataGeneration()));
        assertEquals(next, await(node::current, next), "heard on the new subscription");
    }

    @Test
    void aSilentChannelIsPingedAndStaysTrusted() throws InterruptedException {
        MetadataGeneration node = node();
        node.current();
        awaitSubscribed(node);
        resetStats();
        long until = System.nanoTime() + 5 * CHECK.toNanos();
        while (System.nanoTime() < until) {
            node.current();
            Thread.sleep(10);
        }
        assertTrue(commandCalls("publish") >= 2, "pings: " + commandCalls("publish"));
        assertEquals(0, getCalls(), "every ping heard back: no read asked Redis");
    }

    private MetadataGeneration node() {
        MetadataGeneration node = new MetadataGeneration(REDIS.client(), keys, PlainThreads.DAEMONS, CHECK);
        nodes.add(node);
        return node;
    }

    /** Subscribed once a read no longer asks Redis (the subscription counts as heard when it starts). */
    private static void awaitSubscribed(MetadataGeneration node) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            node.current();
            resetStats();
            node.current();
            if (getCalls() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not subscribed after 5 s");
    }

    private static long await(LongSupplier current, long expected) throws InterruptedException {
        for (int attempt = 0; attempt < 100 && current.getAsLong() != expected; attempt++) {
            Thread.sleep(50);
        }
        return current.getAsLong();
    }

    private static void resetStats() {
        REDIS.client().sendCommand(Command.CONFIG, "RESETSTAT");
    }

    private static long getCalls() {
        return commandCalls("get");
    }

    private static long commandCalls(String command) {
        String stats = REDIS.client().info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(("cmdstat_" + command + ":calls=").length()).split(",")[0]);
            }
        }
        return 0;
    }
}
