package org.openwrt.asu.infrastructure.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The build error log, as the original server keeps it: one line per failed build, newest first, the last
 * {@value #MAX_ENTRIES} kept. A line reads
 * {@code 2026-06-02 14:03:11 24.10.2:ath79/generic:tplink_archer-c7-v5 Impossible package selection: …};
 * request hashes in the message become {@code [job-id]}. The log is public, so it never fails a
 * build or a page: Redis failures are logged here and otherwise ignored.
 */
@ApplicationScoped
public class BuildErrorLog {

    public static final int MAX_ENTRIES = 5000;
    static final int MAX_MESSAGE_LENGTH = 200;

    private static final Logger LOG = Logger.getLogger(BuildErrorLog.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private UnifiedJedis redis;
    private RedisKeys keys;

    private Clock clock;

    protected BuildErrorLog() {
    }

    @Inject
    public BuildErrorLog(UnifiedJedis redis, RedisKeys keys) {
        this(redis, keys, Clock.systemUTC());
    }

    /** Wired by hand (tests), with the clock that dates the entries. */
    public BuildErrorLog(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /** Adds the failure of a build of {@code version:target:profile} as the newest entry. */
    public void record(String version, String target, String profile, String message) {
        String entry = entry(clock.instant(), version + ":" + target + ":" + profile, message);
        try {
            redis.lpush(keys.buildErrors(), entry);
            redis.ltrim(keys.buildErrors(), 0, MAX_ENTRIES - 1);
        } catch (JedisException e) {
            LOG.warning(() -> "build error not logged: " + e);
        }
    }

    /** The newest {@code n} entries, newest first; none when Redis does not answer. */
    public List<String> newest(int n) {
        if (n <= 0) {
            return List.of();
        }
        try {
            return redis.lrange(keys.buildErrors(), 0, n - 1L);
        } catch (JedisException e) {
            LOG.warning(() -> "build error log not read: " + e);
            return List.of();
        }
    }

    /** One line of the log: UTC time, the device, the message without hashes, on one line, at most 200 characters. */
    static String entry(Instant at, String device, String message) {
        String text = JOB_ID.matcher(String.valueOf(message)).replaceAll("[job-id]");
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (text.length() > MAX_MESSAGE_LENGTH) {
            text = text.substring(0, MAX_MESSAGE_LENGTH);
        }
        return TIME.format(at) + " " + device + " " + text;
    }
}
