package org.openwrt.asu.infrastructure.redis;

import redis.clients.jedis.UnifiedJedis;

/** Redis beans of this package wired by hand, as CDI wires them in the server, for tests of other packages. */
public final class HandWiredStores {

    private HandWiredStores() {
    }

    public static BuildStore buildStore(UnifiedJedis redis, RedisKeys keys) {
        BuildStore store = new BuildStore();
        store.redis = redis;
        store.keys = keys;
        return store;
    }

    public static BuildStatistics statistics(UnifiedJedis redis, RedisKeys keys) {
        BuildStatistics statistics = new BuildStatistics();
        statistics.redis = redis;
        statistics.keys = keys;
        return statistics;
    }

    public static BuildErrorLog errorLog(UnifiedJedis redis, RedisKeys keys) {
        BuildErrorLog log = new BuildErrorLog();
        log.redis = redis;
        log.keys = keys;
        return log;
    }
}
