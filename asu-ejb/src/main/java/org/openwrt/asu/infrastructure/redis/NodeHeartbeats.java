package org.openwrt.asu.infrastructure.redis;

import static org.openwrt.asu.infrastructure.redis.RedisKeys.NodeField.HEARD_AT;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.NodeField.INTERVAL_MS;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.NodeField.REPORT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openwrt.asu.domain.NodeHeartbeat;
import redis.clients.jedis.UnifiedJedis;

/**
 * The nodes' heartbeats in Redis: each node's last one, kept for the expiry it was published
 * with, so a node that stopped stays listed for a while and then disappears on its own.
 */
@ApplicationScoped
public class NodeHeartbeats {

    /** Stores the heartbeat and names its node in the set, in one step, so a lister never drops a live node's name. */
    private static final String PUBLISH = """
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
            redis.call('PEXPIRE', KEYS[1], ARGV[8])
            redis.call('SADD', KEYS[2], ARGV[1])
            """;

    /** Drops the name of a node whose heartbeat expired, unless it published again meanwhile. */
    private static final String FORGET_EXPIRED = """
            if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
            """;

    private UnifiedJedis redis;
    private RedisKeys keys;

    protected NodeHeartbeats() {
    }

    @Inject
    public NodeHeartbeats(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Replaces the node's last heartbeat; it is forgotten {@code expiry} later unless the node publishes again. */
    public void publish(NodeHeartbeat heartbeat, Duration expiry) {
        redis.eval(PUBLISH, List.of(keys.node(heartbeat.node()), keys.nodes()),
                List.of(heartbeat.node(), HEARD_AT, heartbeat.heardAt().toString(),
                        INTERVAL_MS, Long.toString(heartbeat.interval().toMillis()),
                        REPORT, heartbeat.report().toString(), Long.toString(expiry.toMillis())));
    }

    /** Every node's last heartbeat that has not expired, by node name. */
    public List<NodeHeartbeat> all() {
        List<NodeHeartbeat> heartbeats = new ArrayList<>();
        for (String node : redis.smembers(keys.nodes()).stream().sorted().toList()) {
            List<String> fields = redis.hmget(keys.node(node), HEARD_AT, INTERVAL_MS, REPORT);
            if (fields.get(0) == null) {
                redis.eval(FORGET_EXPIRED, List.of(keys.node(node), keys.nodes()), List.of(node));
                continue;
            }
            try (var report = Json.createReader(new StringReader(fields.get(2)))) {
                heartbeats.add(new NodeHeartbeat(node, Instant.parse(fields.get(0)),
                        Duration.ofMillis(Long.parseLong(fields.get(1))), report.readObject()));
            }
        }
        return heartbeats;
    }
}
