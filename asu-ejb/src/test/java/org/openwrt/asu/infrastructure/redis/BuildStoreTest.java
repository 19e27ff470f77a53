package org.openwrt.asu.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.RunningBuild;
import org.openwrt.asu.testing.RedisPerClass;
import redis.clients.jedis.RedisClient;

/** What the operators see of builds in Redis: which run where, and ending one that will not be built. */
class BuildStoreTest {

    private static final JsonObject REQUEST = Json.createObjectBuilder().add("version", "24.10.2")
            .add("target", "ath79/generic").add("profile", "tplink_archer-c7-v5").build();
    private static final String FIRST = "1".repeat(64);
    private static final String SECOND = "2".repeat(64);

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private final RedisClient redis = REDIS.client();
    private BuildStore store;
    private RedisKeys keys;

    @BeforeEach
    void freshPrefix() {
        keys = new RedisKeys("store-test-" + System.nanoTime() + ":");
        store = new BuildStore(redis, keys);
    }

    @Test
    void anAcceptedRequestIsTheQueuedBuildAtTheEndOfTheQueueAndOnlyOnce() {
        Instant enqueuedAt = Instant.parse("2026-06-02T10:00:00Z");
        Build first = store.enqueue(FIRST, REQUEST, enqueuedAt).orElseThrow();
        Build second = store.enqueue(SECOND, REQUEST, enqueuedAt).orElseThrow();

        assertEquals(List.of(BuildStatus.QUEUED, 0L, 1L), List.of(first.status(), first.queuePosition(), second.queuePosition()));
        assertEquals(store.find(SECOND).orElseThrow(), second, "as read back");
        assertTrue(store.enqueue(FIRST, REQUEST, enqueuedAt).isEmpty(), "a build that exists is not queued again");
    }

    @Test
    void startedBuildsAreRunningOnTheirNodeUntilTheyFinish() {
        store.enqueue(FIRST, REQUEST, Instant.now());
        store.enqueue(SECOND, REQUEST, Instant.now());
        Instant before = Instant.now();
        assertTrue(store.start(FIRST, "node-a").isPresent());
        assertTrue(store.start(SECOND, "node-b").isPresent());
        store.stage(FIRST, "building_image", Json.createObjectBuilder().build());

        List<RunningBuild> running = store.running();
        assertEquals(List.of(FIRST, SECOND), running.stream().map(RunningBuild::requestHash).toList());
        RunningBuild first = running.get(0);
        assertEquals("building_image", first.stage());
        assertEquals("node-a", first.node());
        assertEquals("ath79/generic", first.target());
        assertEquals("tplink_archer-c7-v5", first.profile());
        assertFalse(first.startedAt().isBefore(before.minusMillis(1)), first.startedAt() + " vs " + before);
        assertEquals("init", running.get(1).stage());

        store.finish(FIRST, BuildStatus.DONE, Json.createObjectBuilder().build(), Duration.ofMinutes(1));
        assertEquals(List.of(SECOND), store.running().stream().map(RunningBuild::requestHash).toList());
    }

    @Test
    void aRunningEntryWhoseBuildIsGoneIsCleared() {
        store.enqueue(FIRST, REQUEST, Instant.now());
        store.start(FIRST, "node-a");
        redis.del(keys.build(FIRST));
        assertEquals(List.of(), store.running());
        assertEquals(0, redis.zcard(keys.running()));
    }

    @Test
    void abandoningEndsAWaitingOrRunningBuildAsFailedButNotAFinishedOne() {
        JsonObject dropped = Json.createObjectBuilder().add("detail", "Error: dropped").build();
        store.enqueue(FIRST, REQUEST, Instant.now());
        assertTrue(store.abandon(FIRST, dropped, Duration.ofMinutes(5)));
        assertEquals(BuildStatus.FAILED, store.find(FIRST).orElseThrow().status());
        assertEquals("Error: dropped", store.find(FIRST).orElseThrow().details().getString("detail"));
        assertEquals(0, store.queueLength(), "no longer waiting");
        assertTrue(redis.pttl(keys.build(FIRST)) > 0, "kept like any failure, for its TTL");

        store.enqueue(SECOND, REQUEST, Instant.now());
        store.start(SECOND, "node-a");
        assertTrue(store.abandon(SECOND, dropped, Duration.ofMinutes(5)));
        assertEquals(List.of(), store.running());

        assertFalse(store.abandon(FIRST, dropped, Duration.ofMinutes(5)), "already failed");
        assertFalse(store.abandon("3".repeat(64), dropped, Duration.ofMinutes(5)), "unknown");
    }
}
