package org.openwrt.asu.infrastructure.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Produces the one pooled Redis client of the application, with the key layout: the server at
 * {@code asu.redis.url}, or with {@code asu.redis.sentinels} the master those Sentinels name for
 * {@code asu.redis.master-name}. Jedis follows the Sentinels' failover announcements and
 * reconnects to the new master on its own; until then commands fail with a connection error.
 */
@ApplicationScoped
public class RedisConnection {

    /** A pseudo-scoped singleton: the client is thread-safe and not proxyable. */
    @Produces
    @Singleton
    UnifiedJedis redis(@ConfigProperty(name = "asu.redis.url") URI url,
                       // a plain string: Payara's config injection does not convert Optional<List<…>>
                       @ConfigProperty(name = "asu.redis.sentinels") Optional<String> sentinels,
                       @ConfigProperty(name = "asu.redis.master-name") String masterName) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        // idle connections are tested every second (not at each borrow, a round trip per request):
        // those left over from before a Redis restart are replaced within a second
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
        if (sentinels.isEmpty() || sentinels.get().isBlank()) {
            return RedisClient.builder().fromURI(url).poolConfig(pool).build();
        }
        return RedisSentinelClient.builder()
                .masterName(masterName)
                .sentinels(hostsAndPorts(sentinels.get()))
                .clientConfig(masterClientConfig(url))
                .poolConfig(pool)
                .build();
    }

    @Produces
    @Singleton
    RedisKeys keys(@ConfigProperty(name = "asu.redis.prefix") String prefix) {
        return new RedisKeys(prefix);
    }

    void close(@Disposes UnifiedJedis redis) {
        redis.close();
    }

    private static Set<HostAndPort> hostsAndPorts(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(entry -> !entry.isEmpty())
                .map(HostAndPort::from).collect(Collectors.toSet());
    }

    /** Behind Sentinels the URL's host and port are not used; its credentials, database and scheme still are. */
    private static JedisClientConfig masterClientConfig(URI url) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(url))
                .password(JedisURIHelper.getPassword(url))
                .ssl(JedisURIHelper.isRedisSSLScheme(url));
        if (JedisURIHelper.hasDbIndex(url)) {
            config.database(JedisURIHelper.getDBIndex(url));
        }
        return config.build();
    }
}
