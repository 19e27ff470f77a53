package org.openwrt.asu.infrastructure.redis;

/**
 * The whole Redis key layout of the server. Every key starts with a configurable prefix so
 * several servers (or tests) can share one Redis.
 *
 * <pre>
 * {prefix}build:{hash}        hash   status, request, enqueued_at, imagebuilder_status, details…; expires with the result TTL
 * {prefix}queue               zset   hashes waiting for a builder, scored by arrival order
 * {prefix}queue:sequence      string counter that gives the arrival order
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
