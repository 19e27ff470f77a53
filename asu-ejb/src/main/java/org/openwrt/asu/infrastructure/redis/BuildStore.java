package org.openwrt.asu.infrastructure.redis;

import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.DETAILS;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.ENQUEUED_AT;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.IMAGEBUILDER_STATUS;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.NODE;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.REQUEST;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.STARTED_AT;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.BuildField.STATUS;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.RunningBuild;
import redis.clients.jedis.UnifiedJedis;

/**
 * Build states in Redis. State changes that must not race (a request accepted once, a build
 * started once) are single Lua scripts, so several API nodes and builders can share one Redis.
 */
@ApplicationScoped
public class BuildStore {

    /** Creates the build as queued unless it exists; appends it to the queue. Returns its queue position + 1 if created, else 0. */
    private static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local order = redis.call('INCR', KEYS[3])
            redis.call('HSET', KEYS[1], 'status', 'queued', 'request', ARGV[2], 'enqueued_at', ARGV[3], 'details', '{}')
            redis.call('ZADD', KEYS[2], order, ARGV[1])
            return redis.call('ZRANK', KEYS[2], ARGV[1]) + 1
            """;

    /** Marks a queued (or interrupted, still started) build as started by a node; returns its request or nil. */
    private static final String START = """
            local status = redis.call('HGET', KEYS[1], 'status')
            if status ~= 'queued' and status ~= 'started' then return nil end
            redis.call('HSET', KEYS[1], 'status', 'started', 'imagebuilder_status', 'init', 'started_at', ARGV[2], 'node', ARGV[3])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
            return redis.call('HGET', KEYS[1], 'request')
            """;

    /** Ends a build that has not finished (queued or started) as failed; returns 1 if it did. */
    private static final String ABANDON = """
            local status = redis.call('HGET', KEYS[1], 'status')
            if status ~= 'queued' and status ~= 'started' then return 0 end
            redis.call('HSET', KEYS[1], 'status', 'failed', 'imagebuilder_status', 'failed', 'details', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            return 1
            """;

    private UnifiedJedis redis;
    private RedisKeys keys;

    protected BuildStore() {
    }

    @Inject
    public BuildStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Accepts a request: the build appears as queued at the end of the queue.
     *
     * @return the queued build, or empty when a build with this hash already exists (in any state)
     */
    public Optional<Build> enqueue(String requestHash, JsonObject request, Instant enqueuedAt) {
        long created = (Long) redis.eval(ENQUEUE,
                List.of(keys.build(requestHash), keys.queue(), keys.queueSequence()),
                List.of(requestHash, request.toString(), enqueuedAt.toString()));
        return created == 0 ? Optional.empty() : Optional.of(new Build(requestHash, BuildStatus.QUEUED, enqueuedAt,
                BuildStatus.QUEUED.wireName(), created - 1, request, Json.createObjectBuilder().build()));
    }

    /** Undoes {@link #enqueue} when the request could not be handed to the builders. */
    public void forget(String requestHash) {
        redis.zrem(keys.queue(), requestHash);
        redis.del(keys.build(requestHash));
    }

    public Optional<Build> find(String requestHash) {
        Map<String, String> fields = redis.hgetAll(keys.build(requestHash));
        if (fields.isEmpty() || !fields.containsKey(STATUS)) {
            return Optional.empty();
        }
        BuildStatus status = BuildStatus.fromWireName(fields.get(STATUS));
        long position = 0;
        if (status == BuildStatus.QUEUED) {
            Long rank = redis.zrank(keys.queue(), requestHash);
            position = rank == null ? 0 : rank;
        }
        return Optional.of(new Build(requestHash, status, Instant.parse(fields.get(ENQUEUED_AT)),
                fields.getOrDefault(IMAGEBUILDER_STATUS, status.wireName()), position,
                parse(fields.getOrDefault(REQUEST, "{}")), parse(fields.getOrDefault(DETAILS, "{}"))));
    }

    /** When the build's result expires; empty when it is unknown or not (yet) set to expire. */
    public Optional<Instant> expiry(String requestHash) {
        long millis = redis.pttl(keys.build(requestHash));
        return millis > 0 ? Optional.of(Instant.now().plusMillis(millis)) : Optional.empty();
    }

    /** Number of builds waiting for a builder. */
    public long queueLength() {
        return redis.zcard(keys.queue());
    }

    /**
     * Takes a build off the queue for building.
     *
     * @return the request to build, or empty when the build is finished or gone (a redelivered message)
     */
    public Optional<JsonObject> start(String requestHash, String node) {
        Instant now = Instant.now();
        Object request = redis.eval(START, List.of(keys.build(requestHash), keys.queue(), keys.running()),
                List.of(requestHash, now.toString(), node, Long.toString(now.toEpochMilli())));
        return request == null ? Optional.empty() : Optional.of(parse(request.toString()));
    }

    /**
     * The builds started and not finished, oldest first. A build whose builder died stays here
     * until its message is delivered again; an entry whose build ended otherwise is cleared.
     */
    public List<RunningBuild> running() {
        List<RunningBuild> running = new ArrayList<>();
        for (String requestHash : redis.zrange(keys.running(), 0, -1)) {
            List<String> fields = redis.hmget(keys.build(requestHash), STATUS, IMAGEBUILDER_STATUS, REQUEST, STARTED_AT, NODE);
            if (!BuildStatus.STARTED.wireName().equals(fields.get(0))) {
                redis.zrem(keys.running(), requestHash);
                continue;
            }
            JsonObject request = parse(fields.get(2));
            running.add(new RunningBuild(requestHash, request.getString("version", ""), request.getString("target", ""),
                    request.getString("profile", ""), fields.get(1), Instant.parse(fields.get(3)), fields.get(4)));
        }
        return running;
    }

    /**
     * Ends a build that will not be built (its message was dropped) as failed with {@code details},
     * so clients polling it get an answer; false when it had finished or is unknown.
     */
    public boolean abandon(String requestHash, JsonObject details, Duration ttl) {
        Object abandoned = redis.eval(ABANDON, List.of(keys.build(requestHash), keys.queue(), keys.running()),
                List.of(requestHash, details.toString(), Long.toString(ttl.toMillis())));
        return Long.valueOf(1).equals(abandoned);
    }

    /** Records the stage a started build has reached, with what the builder wants clients to see. */
    public void stage(String requestHash, String imagebuilderStatus, JsonObject details) {
        redis.hset(keys.build(requestHash), Map.of(IMAGEBUILDER_STATUS, imagebuilderStatus, DETAILS, details.toString()));
    }

    /** Records the outcome; the result is kept for {@code ttl}, then the hash is unknown again. */
    public void finish(String requestHash, BuildStatus outcome, JsonObject details, Duration ttl) {
        String key = keys.build(requestHash);
        redis.hset(key, Map.of(STATUS, outcome.wireName(), IMAGEBUILDER_STATUS, outcome.wireName(),
                DETAILS, details.toString()));
        redis.expire(key, ttl.toSeconds());
        redis.zrem(keys.running(), requestHash);
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
