package org.openwrt.asu.infrastructure.redis;

/**
 * The whole Redis key layout of the server. Every key starts with a configurable prefix so
 * several servers (or tests) can share one Redis.
 *
 * <pre>
 * {prefix}build:{hash}        hash   status, request, enqueued_at, imagebuilder_status, details…; expires with the result TTL
 * {prefix}queue               zset   hashes waiting for a builder, scored by arrival order
 * {prefix}queue:sequence      string counter that gives the arrival order
 * {prefix}stats:events:{yyyy-MM-ddTHH}   hash  requests, cache-hits, cache-misses, successes, failures (UTC hour; 35 days)
 * {prefix}stats:clients:{yyyy-MM-dd}      hash  client name and version to requests (UTC day; 190 days)
 * {prefix}stats:builds:{yyyy-MM-dd}       hash  version:target:profile to successful builds
 * {prefix}stats:build-seconds:{yyyy-MM-dd} hash version:target:profile to seconds spent building
 * {prefix}stats:packages:{branch}:{yyyy-MM-dd} hash package to builds that asked for it beyond the defaults
 * </pre>
 */
public final class RedisKeys {

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String build(String requestHash) {
        return prefix + "build:" + requestHash;
    }

    public String queue() {
        return prefix + "queue";
    }

    public String queueSequence() {
        return prefix + "queue:sequence";
    }

    public String statsEvents(String hour) {
        return prefix + "stats:events:" + hour;
    }

    public String statsClients(String day) {
        return prefix + "stats:clients:" + day;
    }

    public String statsBuilds(String day) {
        return prefix + "stats:builds:" + day;
    }

    public String statsBuildSeconds(String day) {
        return prefix + "stats:build-seconds:" + day;
    }

    public String statsPackages(String branch, String day) {
        return prefix + "stats:packages:" + branch + ":" + day;
    }

    /** Field names inside a {@link #build(String)} hash. */
    public static final class BuildField {
        public static final String STATUS = "status";
        public static final String REQUEST = "request";
        public static final String ENQUEUED_AT = "enqueued_at";
        public static final String IMAGEBUILDER_STATUS = "imagebuilder_status";
        public static final String DETAILS = "details";

        private BuildField() {
        }
    }
}
