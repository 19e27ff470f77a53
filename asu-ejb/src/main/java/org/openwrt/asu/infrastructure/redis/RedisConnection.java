package org.openwrt.asu.infrastructure.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Produces the one pooled Redis client of the application, from {@code asu.redis.url}. */
@ApplicationScoped
public class RedisConnection {

    /** A pseudo-scoped singleton: the client is thread-safe and not proxyable. */
    @Produces
    @Singleton
    UnifiedJedis redis(@ConfigProperty(name = "asu.redis.url") URI url) {
        return RedisClient.create(url);
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
