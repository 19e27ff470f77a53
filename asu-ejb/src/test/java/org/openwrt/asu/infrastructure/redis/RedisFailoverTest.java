package org.openwrt.asu.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.testing.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis master, its replica and three Sentinels, all real processes: when the master dies the
 * server's one Redis client goes on with the promoted replica, without being rebuilt.
 */
class RedisFailoverTest {

    private static final String MASTER_NAME = "asu-test";
    private static final JsonObject REQUEST = Json.createObjectBuilder().add("version", "24.10.2")
            .add("target", "ath79/generic").add("profile", "tplink_archer-c7-v5").build();
    private static final String BEFORE = "b".repeat(64);
    private static final String AFTER = "a".repeat(64);
    /** Sentinel's one second of silence, its vote and the promotion (about three seconds), with room for a second vote on a busy machine. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(20);

    /** Everything started, closed in reverse order. */
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        Collections.reverse(started);
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    void afterTheMasterIsKilledTheSameClientReadsAndWritesThroughThePromotedReplicaWithinSeconds() throws Exception {
        LocalRedis master = started(LocalRedis.start());
        LocalRedis replica = started(LocalRedis.startReplicaOf(master));
        List<LocalRedis> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sentinels.add(started(LocalRedis.startSentinel(master, MASTER_NAME, 2)));
        }
        awaitSentinelsKnowEachOtherAndTheReplica(sentinels);

        String sentinelList = sentinels.stream().map(sentinel -> "127.0.0.1:" + sentinel.port())
                .collect(Collectors.joining(","));
        // behind Sentinels the URL's host and port are not used
        UnifiedJedis redis = started(new RedisConnection().redis(URI.create("redis://unused.invalid:1"),
                Optional.of(sentinelList), MASTER_NAME));
        BuildStore store = new BuildStore(redis, new RedisKeys("failover-test:"));
        store.enqueue(BEFORE, REQUEST, Instant.now()).orElseThrow();
        assertEquals(1, redis.waitReplicas("failover-test:", 1, 1_000), "the replica has the build before the master dies");

        master.kill();
        Instant killed = Instant.now();
        List<JedisException> failures = new ArrayList<>();
        while (!enqueued(store, AFTER, failures)) {
            assertTrue(Duration.between(killed, Instant.now()).compareTo(RECOVERY_LIMIT) < 0,
                    "no write succeeded within " + RECOVERY_LIMIT + "; failures: " + failures);
            Thread.sleep(100);
        }
        Duration outage = Duration.between(killed, Instant.now());

        assertEquals(replica.port(), ((RedisSentinelClient) redis).getCurrentMaster().getPort(), "the replica is the master now");
        assertEquals(BuildStatus.QUEUED, store.find(BEFORE).orElseThrow().status(), "written before the failover");
        assertEquals(BuildStatus.QUEUED, store.find(AFTER).orElseThrow().status(), "written after it");
        // the resources answer a connection failure 503 (ErrorMappers.RedisUnavailable): nothing else may surface
        failures.forEach(failure -> assertInstanceOf(JedisConnectionException.class, failure,
                "during the failover of " + outage.toMillis() + " ms"));
    }

    private static boolean enqueued(BuildStore store, String requestHash, List<JedisException> failures) {
        try {
            store.enqueue(requestHash, REQUEST, Instant.now()).orElseThrow();
            return true;
        } catch (JedisException failure) {
            failures.add(failure);
            return false;
        }
    }

    private <T extends AutoCloseable> T started(T closeable) {
        started.add(closeable);
        return closeable;
    }

    private static void awaitSentinelsKnowEachOtherAndTheReplica(List<LocalRedis> sentinels) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        for (LocalRedis sentinel : sentinels) {
            try (Jedis client = new Jedis("127.0.0.1", sentinel.port())) {
                while (client.sentinelSentinels(MASTER_NAME).size() < sentinels.size() - 1
                        || client.sentinelReplicas(MASTER_NAME).isEmpty()) {
                    assertTrue(Instant.now().isBefore(deadline), "Sentinel on " + sentinel.port() + " never saw the others");
                    Thread.sleep(100);
                }
            }
        }
    }
}
