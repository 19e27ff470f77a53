package org.openwrt.asu.infrastructure.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Build statistics (requests, cache hits and misses, successes, failures, clients, devices,
 * packages) as counters in time buckets: hourly for the summary
 * events, so "the last 24 hours" can be summed exactly, daily for the breakdowns. Buckets
 * expire on their own, long enough for the widest chart (26 weeks by version). The readers
 * fetch a run of consecutive buckets in one pipeline; a bucket that expired or never existed
 * reads as empty.
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

    private UnifiedJedis redis;
    private RedisKeys keys;

    /** Dates the buckets; UTC wall time. */
    private Clock clock;

    protected BuildStatistics() {
    }

    @Inject
    public BuildStatistics(UnifiedJedis redis, RedisKeys keys) {
        this(redis, keys, Clock.systemUTC());
    }

    /** Wired by hand (tests), with the clock that dates the buckets. */
    public BuildStatistics(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    public void record(Event event) {
        count(keys.statsEvents(HOUR.format(clock.instant())), event.field(), 1, HOURLY_RETENTION);
    }

    /** A request answered by a finished build: a request, a cache hit and one of the client's, in one pipeline. */
    public void cacheHit(String client) {
        String events = keys.statsEvents(HOUR.format(clock.instant()));
        String clients = keys.statsClients(today());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            pipeline.hincrBy(events, Event.REQUESTS.field(), 1);
            pipeline.hincrBy(events, Event.CACHE_HITS.field(), 1);
            pipeline.expire(events, HOURLY_RETENTION.toSeconds());
            pipeline.hincrBy(clients, client, 1);
            pipeline.expire(clients, DAILY_RETENTION.toSeconds());
            pipeline.sync();
        }
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
        if (packages.isEmpty()) {
            return;
        }
        String day = today();
        String key = keys.statsPackages(branch, day);
        for (String name : packages) {
            count(key, name, 1, DAILY_RETENTION);
        }
        redis.sadd(keys.statsPackageBranches(day), branch);
        redis.expire(keys.statsPackageBranches(day), DAILY_RETENTION.toSeconds());
    }

    /** The summary events of {@code hours} consecutive UTC hours, from the hour {@code first} falls in. */
    public List<Map<Event, Long>> eventsPerHour(Instant first, int hours) {
        Instant hour = first.truncatedTo(ChronoUnit.HOURS);
        String[] fields = Arrays.stream(Event.values()).map(Event::field).toArray(String[]::new);
        List<Response<List<String>>> replies = new ArrayList<>(hours);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int i = 0; i < hours; i++) {
                replies.add(pipeline.hmget(keys.statsEvents(HOUR.format(hour.plus(i, ChronoUnit.HOURS))), fields));
            }
            pipeline.sync();
        }
        List<Map<Event, Long>> counts = new ArrayList<>(hours);
        for (Response<List<String>> reply : replies) {
            Map<Event, Long> hourCounts = new EnumMap<>(Event.class);
            List<String> values = reply.get();
            for (Event event : Event.values()) {
                String value = values.get(event.ordinal());
                hourCounts.put(event, value == null ? 0 : Long.parseLong(value));
            }
            counts.add(hourCounts);
        }
        return counts;
    }

    /** Successful builds by {@code version:target:profile} of {@code days} consecutive UTC days. */
    public List<Map<String, Long>> buildsPerDay(LocalDate first, int days) {
        List<Response<Map<String, String>>> replies = new ArrayList<>(days);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int i = 0; i < days; i++) {
                replies.add(pipeline.hgetAll(keys.statsBuilds(first.plusDays(i).toString())));
            }
            pipeline.sync();
        }
        return replies.stream().map(reply -> counts(List.of(reply.get()))).toList();
    }

    /**
     * Packages asked for beyond the defaults, by name, of {@code days} consecutive UTC days: of
     * one branch, or of every branch when none is given.
     */
    public List<Map<String, Long>> packagesPerDay(Optional<String> branch, LocalDate first, int days) {
        List<Set<String>> branchesPerDay = new ArrayList<>(days);
        if (branch.isPresent()) {
            for (int i = 0; i < days; i++) {
                branchesPerDay.add(Set.of(branch.get()));
            }
        } else {
            List<Response<Set<String>>> replies = new ArrayList<>(days);
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int i = 0; i < days; i++) {
                    replies.add(pipeline.smembers(keys.statsPackageBranches(first.plusDays(i).toString())));
                }
                pipeline.sync();
            }
            replies.forEach(reply -> branchesPerDay.add(reply.get()));
        }
        List<List<Response<Map<String, String>>>> replies = new ArrayList<>(days);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int i = 0; i < days; i++) {
                String day = first.plusDays(i).toString();
                List<Response<Map<String, String>>> dayReplies = new ArrayList<>();
                for (String name : branchesPerDay.get(i)) {
                    dayReplies.add(pipeline.hgetAll(keys.statsPackages(name, day)));
                }
                replies.add(dayReplies);
            }
            pipeline.sync();
        }
        return replies.stream()
                .map(dayReplies -> counts(dayReplies.stream().map(Response::get).toList()))
                .toList();
    }

    /** Field-wise sum of counter hashes. */
    private static Map<String, Long> counts(List<Map<String, String>> hashes) {
        Map<String, Long> sum = new HashMap<>();
        for (Map<String, String> hash : hashes) {
            hash.forEach((field, value) -> sum.merge(field, Long.parseLong(value), Long::sum));
        }
        return sum;
    }

    private void count(String key, String field, long amount, Duration retention) {
        redis.hincrBy(key, field, amount);
        redis.expire(key, retention.toSeconds());
    }

    private String today() {
        return DAY.format(clock.instant());
    }
}
