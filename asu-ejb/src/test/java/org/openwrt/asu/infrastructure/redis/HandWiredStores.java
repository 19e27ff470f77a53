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
}
