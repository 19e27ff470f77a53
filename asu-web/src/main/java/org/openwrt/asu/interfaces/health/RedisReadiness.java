package org.openwrt.asu.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Ready when Redis answers PING. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private UnifiedJedis redis;

    protected RedisReadiness() {
    }

    @Inject
    public RedisReadiness(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("redis").status("PONG".equals(redis.ping())).build();
        } catch (JedisException e) {
            return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
