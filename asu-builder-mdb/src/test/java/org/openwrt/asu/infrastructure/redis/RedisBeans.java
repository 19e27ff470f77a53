package org.openwrt.asu.infrastructure.redis;

import redis.clients.jedis.UnifiedJedis;

/** The Redis beans wired by hand, as CDI wires them in the server. */
public final class RedisBeans {

    private RedisBeans() {
    }

    public static BuildStore buildStore(UnifiedJedis redis, String prefix) {
        BuildStore store = new BuildStore();
        store.redis = redis;
        store.keys = new RedisKeys(prefix);
        return store;
    }

    public static BuildErrorLog errorLog(UnifiedJedis redis, String prefix) {
        BuildErrorLog log = new BuildErrorLog();
        log.redis = redis;
        log.keys = new RedisKeys(prefix);
        return log;
    }

    public static BuildStatistics statistics(UnifiedJedis redis, String prefix) {
        BuildStatistics statistics = new BuildStatistics();
        statistics.redis = redis;
        statistics.keys = new RedisKeys(prefix);
        return statistics;
    }
}
