package org.openwrt.asu.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openwrt.asu.domain.NodeHeartbeat;
import org.openwrt.asu.testing.RedisPerClass;
import redis.clients.jedis.RedisClient;

/** The nodes sharing one Redis as their heartbeats tell: listed while they beat, stale once they stop, then gone. */
class NodeHeartbeatsTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration EXPIRY = Duration.ofSeconds(3);
    private static final JsonObject BUILDER_REPORT = Json.createObjectBuilder()
            .add("roles", Json.createArrayBuilder().add("builder")).add("builder_slots", 2)
            .add("imagebuilder_cache", Json.createObjectBuilder().add("total_bytes", 4096)).build();
    private static final JsonObject WEB_REPORT = Json.createObjectBuilder()
            .add("roles", Json.createArrayBuilder().add("web")).add("builder_slots", 0).build();

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private final RedisClient redis = REDIS.client();
    private RedisKeys keys;
    private NodeHeartbeats heartbeats;

    @BeforeEach
    void freshPrefix() {
        keys = new RedisKeys("heartbeat-test-" + System.nanoTime() + ":");
        heartbeats = new NodeHeartbeats(redis, keys);
    }

    @Test
    void aPublishedHeartbeatIsReadBackAsSentAndReplacesTheNodesEarlierOne() {
        Instant first = Instant.parse("2026-12-03T17:00:00Z");
        heartbeats.publish(new NodeHeartbeat("builder-a", first, INTERVAL, WEB_REPORT), EXPIRY);
        NodeHeartbeat latest = new NodeHeartbeat("builder-a", first.plus(INTERVAL), INTERVAL, BUILDER_REPORT);
        heartbeats.publish(latest, EXPIRY);

        assertEquals(List.of(latest), heartbeats.all());
        long ttl = redis.pttl(keys.node("builder-a"));
        assertTrue(ttl > 0 && ttl <= EXPIRY.toMillis(), "expires with the expiry it was published with: " + ttl);
    }

    @Test
    void twoNodesAreListedByName() {
        Instant now = Instant.now();
        heartbeats.publish(new NodeHeartbeat("web-b", now, INTERVAL, WEB_REPORT), EXPIRY);
        heartbeats.publish(new NodeHeartbeat("builder-a", now, INTERVAL, BUILDER_REPORT), EXPIRY);

        List<NodeHeartbeat> listed = heartbeats.all();
        assertEquals(List.of("builder-a", "web-b"), listed.stream().map(NodeHeartbeat::node).toList());
        assertEquals(BUILDER_REPORT, listed.get(0).report());
        assertEquals(WEB_REPORT, listed.get(1).report());
        assertTrue(listed.stream().noneMatch(heartbeat -> heartbeat.stale(Instant.now())), listed.toString());
    }

    @Test
    void aNodeThatStoppedIsStaleAfterThreeMissedHeartbeatsAndThenExpires() throws InterruptedException {
        heartbeats.publish(new NodeHeartbeat("stopped", Instant.now(), INTERVAL, BUILDER_REPORT), EXPIRY);
        beatUntil(Instant.now().plus(INTERVAL));
        assertEquals(List.of(false, false), states(), "both alive while within three intervals");

        beatUntil(Instant.now().plus(INTERVAL.multipliedBy(NodeHeartbeat.MISSED_BEATS_WHEN_STALE)));
        assertEquals(List.of(false, true), states(), "the stopped one is stale, the one that beats is not");

        Instant expired = Instant.now().plus(EXPIRY).plusSeconds(1);
        while (heartbeats.all().size() == 2 && Instant.now().isBefore(expired)) {
            beatUntil(Instant.now().plus(INTERVAL));
        }
        assertEquals(List.of("running"), heartbeats.all().stream().map(NodeHeartbeat::node).toList(),
                "the stopped node is gone after the expiry");
        assertEquals(Set.of("running"), redis.smembers(keys.nodes()), "and its name with it");
    }

    /** The node "running" beats every interval until {@code until}. */
    private void beatUntil(Instant until) throws InterruptedException {
        do {
            heartbeats.publish(new NodeHeartbeat("running", Instant.now(), INTERVAL, WEB_REPORT), EXPIRY);
            Thread.sleep(INTERVAL.toMillis() / 2);
        } while (Instant.now().isBefore(until));
    }

    /** Stale or not, by node name ("running" before "stopped"). */
    private List<Boolean> states() {
        Instant now = Instant.now();
        return heartbeats.all().stream().map(heartbeat -> heartbeat.stale(now)).toList();
    }
}
