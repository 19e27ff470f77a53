package org.openwrt.asu.infrastructure.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Produces the one pooled Redis client of the application, from {@code asu.redis.url}, with the key layout. */
@ApplicationScoped
public class RedisConnection {

    /** A pseudo-scoped singleton: the client is thread-safe and not proxyable. */
    @Produces
    @Singleton
    UnifiedJedis redis(@ConfigProperty(name = "asu.redis.url") URI url) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        // a connection left over from before a Redis restart is found and replaced, not handed to a request
        pool.setTestOnBorrow(true);
        return RedisClient.builder().fromURI(url).poolConfig(pool).build();
    }

    @Produces
    @Singleton
    RedisKeys keys(@ConfigProperty(name = "asu.redis.prefix") String prefix) {
        return new RedisKeys(prefix);
    }

    void close(@Disposes UnifiedJedis redis) {
        redis.close();
    }
}
