package org.openwrt.asu.infrastructure.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import redis.clients.jedis.UnifiedJedis;

/**
 * Build statistics (asu-server.md §7.1) as counters in time buckets: hourly for the summary
 * events, so "the last 24 hours" can be summed exactly, daily for the breakdowns. Buckets
 * expire on their own, long enough for the widest chart (26 weeks by version).
 */
@ApplicationScoped
public class BuildStatistics {

    /** The summary events; their names are the original server's key suffixes. */
    public enum Event {
        REQUESTS("requests"), CACHE_HITS("cache-hits"), CACHE_MISSES("cache-misses"),
        SUCCESSES("successes"), FAILURES("failures");

        private final String field;

        Event(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static final Duration HOURLY_RETENTION = Duration.ofDays(35);
    private static final Duration DAILY_RETENTION = Duration.ofDays(190);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Inject
    UnifiedJedis redis;

    @Inject
    RedisKeys keys;

    public void record(Event event) {
        count(keys.statsEvents(HOUR.format(Instant.now())), event.field(), 1, HOURLY_RETENTION);
    }

    public void client(String client) {
        count(keys.statsClients(today()), client, 1, DAILY_RETENTION);
    }

    /** A finished build of one device, with how long it took. */
    public void built(String version, String target, String profile, Duration took) {
        String device = version + ":" + target + ":" + profile;
        String day = today();
        count(keys.statsBuilds(day), device, 1, DAILY_RETENTION);
        count(keys.statsBuildSeconds(day), device, Math.round(took.toMillis() / 1000.0), DAILY_RETENTION);
    }

    /** Packages a build asked for beyond the defaults of its device. */
    public void requestedPackages(String branch, Collection<String> packages) {
        String key = keys.statsPackages(branch, today());
        for (String name : packages) {
            count(key, name, 1, DAILY_RETENTION);
        }
    }

    private void count(String key, String field, long amount, Duration retention) {
        redis.hincrBy(key, field, amount);
        redis.expire(key, retention.toSeconds());
    }

    private static String today() {
        return DAY.format(Instant.now());
    }
}
