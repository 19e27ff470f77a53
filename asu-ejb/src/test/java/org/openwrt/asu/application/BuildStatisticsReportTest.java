package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openwrt.asu.infrastructure.redis.BuildErrorLog;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.BuildStatistics.Event;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.testing.RedisPerClass;
import redis.clients.jedis.RedisClient;

/**
 * The statistics endpoints' documents over events recorded into a real
 * Redis at chosen times; "now" is 2026-06-02 10:15 UTC.
 */
class BuildStatisticsReportTest {

    static final Instant NOW = Instant.parse("2026-06-02T10:15:00Z");
    static final RedisKeys KEYS = new RedisKeys("stats-test:");

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    final RedisClient redis = REDIS.client();

    BuildStatisticsReport report;
    BuildStore store;

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
        store = new BuildStore(redis, KEYS);
        report = new BuildStatisticsReport(at(NOW), errorLogAt(NOW), store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private BuildStatistics at(Instant time) {
        return new BuildStatistics(redis, KEYS, Clock.fixed(time, ZoneOffset.UTC));
    }

    private BuildStatistics at(String time) {
        return at(Instant.parse(time));
    }

    private BuildErrorLog errorLogAt(Instant time) {
        return new BuildErrorLog(redis, KEYS, Clock.fixed(time, ZoneOffset.UTC));
    }

    private static List<Long> data(JsonObject chart, int dataset) {
        return chart.getJsonArray("datasets").getJsonObject(dataset).getJsonArray("data")
                .getValuesAs(JsonValue.class).stream().map(value -> Long.valueOf(value.toString())).toList();
    }

    private static List<String> labels(JsonObject chart) {
        return chart.getJsonArray("labels").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    private static List<Long> zerosWith(int size, int... indexAndValue) {
        Long[] values = IntStream.range(0, size).mapToObj(i -> 0L).toArray(Long[]::new);
        for (int i = 0; i < indexAndValue.length; i += 2) {
            values[indexAndValue[i]] = (long) indexAndValue[i + 1];
        }
        return List.of(values);
    }

    @Test
    void theQueueLengthIsTheNumberOfWaitingBuilds() {
        store.enqueue("a".repeat(64), Json.createObjectBuilder().build(), NOW);
        store.enqueue("b".repeat(64), Json.createObjectBuilder().build(), NOW);

        assertEquals(Json.createObjectBuilder().add("queue_length", 2).build(), report.queue());
    }

    @Test
    void theSummaryCountsSuccessesOfThisHourAndThe23Before() {
        store.enqueue("a".repeat(64), Json.createObjectBuilder().build(), NOW);
        at(NOW).record(Event.SUCCESSES);
        at(NOW.minus(Duration.ofHours(23))).record(Event.SUCCESSES);
        at(NOW.minus(Duration.ofHours(23))).record(Event.SUCCESSES);
        at(NOW.minus(Duration.ofHours(24))).record(Event.SUCCESSES);
        at(NOW).record(Event.FAILURES);

        assertEquals(Json.createObjectBuilder().add("queue_length", 1).add("builds_24h", 3).build(), report.summary());
    }

    @Test
    void anEmptyServerHasZeroBuildsAndZeroFilledCharts() {
        assertEquals(0, report.summary().getInt("builds_24h"));
        JsonObject perDay = report.buildsPerDay();
        assertEquals(30, labels(perDay).size());
        for (int dataset = 0; dataset < 3; dataset++) {
            assertEquals(zerosWith(30), data(perDay, dataset));
        }
        JsonObject byVersion = report.buildsByVersion(Optional.empty());
        assertEquals(26, labels(byVersion).size());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, byVersion.getJsonArray("datasets"));
    }

    @Test
    void buildsPerDayHas30UtcDaysEndingTodayWithRequestsCacheHitsAndFailures() {
        at("2026-05-03T23:59:59Z").record(Event.REQUESTS);  // the day before the chart
        at("2026-05-04T00:00:00Z").record(Event.REQUESTS);  // its first day
        at("2026-05-31T23:30:00Z").record(Event.FAILURES);
        at("2026-06-02T00:05:00Z").record(Event.REQUESTS);
        at(NOW).record(Event.REQUESTS);
        at(NOW).record(Event.CACHE_HITS);
        at(NOW).record(Event.SUCCESSES);

        JsonObject chart = report.buildsPerDay();

        List<String> labels = labels(chart);
        assertEquals(30, labels.size());
        assertEquals("2026-05-04Z", labels.get(0));
        assertEquals("2026-05-05Z", labels.get(1));
        assertEquals("2026-06-02Z", labels.get(29));
        JsonArray datasets = chart.getJsonArray("datasets");
        assertEquals(List.of("Requests/green", "Cache-Hits/orange", "Failures/red"), datasets.getValuesAs(JsonObject.class)
                .stream().map(set -> set.getString("label") + "/" + set.getString("color")).toList());
        assertEquals(zerosWith(30, 0, 1, 29, 2), data(chart, 0));
        assertEquals(zerosWith(30, 29, 1), data(chart, 1));
        assertEquals(zerosWith(30, 27, 1), data(chart, 2));
    }

    @Test
    void buildsByVersionHas26WeeksAndGroupsVersionsOfABranch() {
        Duration took = Duration.ofSeconds(40);
        at(NOW).built("23.05.5", "ath79/generic", "tplink_archer-c7-v5", took);
        at(NOW.minus(Duration.ofDays(8))).built("23.05.3", "ramips/mt7621", "xiaomi_mi-router-4a-gigabit", took);
        at(NOW).built("23.05-SNAPSHOT", "ath79/generic", "tplink_archer-c7-v5", took);
        at(NOW).built("24.10-SNAPSHOT", "x86/64", "generic", took);
        at(NOW).built("SNAPSHOT", "x86/64", "generic", took);
        at("2025-12-03T00:00:00Z").built("22.03.7", "x86/64", "generic", took);   // first day of the chart
        at("2025-12-02T23:59:59Z").built("21.02.7", "x86/64", "generic", took);   // the day before

        JsonObject chart = report.buildsByVersion(Optional.empty());

        List<String> labels = labels(chart);
        assertEquals(26, labels.size());
        assertEquals("2025-12-03Z", labels.get(0));
        assertEquals("2025-12-10Z", labels.get(1));
        assertEquals("2026-05-27Z", labels.get(25));
        assertEquals(List.of("22.03", "23.05", "24.10", "SNAPSHOT"), chart.getJsonArray("datasets")
                .getValuesAs(JsonObject.class).stream().map(set -> set.getString("label")).toList());
        assertEquals(zerosWith(26, 0, 1), data(chart, 0));
        assertEquals(zerosWith(26, 24, 1, 25, 2), data(chart, 1));
        assertEquals(zerosWith(26, 25, 1), data(chart, 2));
        assertEquals(zerosWith(26, 25, 1), data(chart, 3));
    }

    @Test
    void buildsByVersionOfABranchKeepsItsVersionsApart() {
        Duration took = Duration.ofSeconds(40);
        at(NOW).built("23.05.5", "ath79/generic", "tplink_archer-c7-v5", took);
        at(NOW.minus(Duration.ofDays(8))).built("23.05.3", "ramips/mt7621", "xiaomi_mi-router-4a-gigabit", took);
        at(NOW).built("24.10.2", "x86/64", "generic", took);

        JsonObject chart = report.buildsByVersion(Optional.of("23.05"));

        assertEquals(26, labels(chart).size());
        assertEquals(List.of("23.05.3", "23.05.5"), chart.getJsonArray("datasets")
                .getValuesAs(JsonObject.class).stream().map(set -> set.getString("label")).toList());
        assertEquals(zerosWith(26, 24, 1), data(chart, 0));
        assertEquals(zerosWith(26, 25, 1), data(chart, 1));
        assertEquals(26, data(chart, 1).size());
    }

    @Test
    void versionsAreGroupedByTheirFirstFiveCharactersWhenTheyHaveADot() {
        assertEquals(Optional.of("23.05"), BuildStatisticsReport.versionLabel("23.05.5", Optional.empty()));
        assertEquals(Optional.of("24.10"), BuildStatisticsReport.versionLabel("24.10-SNAPSHOT", Optional.empty()));
        assertEquals(Optional.of("SNAPSHOT"), BuildStatisticsReport.versionLabel("SNAPSHOT", Optional.empty()));
        assertEquals(Optional.of("1.2"), BuildStatisticsReport.versionLabel("1.2", Optional.empty()));
        assertEquals(Optional.of("1.2.3"), BuildStatisticsReport.versionLabel("1.2.3", Optional.of("1.2")));
        assertEquals(Optional.empty(), BuildStatisticsReport.versionLabel("24.10.2", Optional.of("23.05")));
    }

    @Test
    void topPackagesAreTheMostAskedForOfTheLast30DaysMostFirst() {
        at(NOW).requestedPackages("24.10", List.of("luci", "vim", "tcpdump"));
        at(NOW.minus(Duration.ofDays(3))).requestedPackages("24.10", List.of("luci", "vim"));
        at(NOW.minus(Duration.ofDays(29))).requestedPackages("SNAPSHOT", List.of("luci", "zerotier"));
        at(NOW.minus(Duration.ofDays(30))).requestedPackages("SNAPSHOT", List.of("tcpdump", "tcpdump-mini"));

        JsonObject all = report.topPackages(Optional.empty(), 30);

        assertEquals(Json.createObjectBuilder()
                .add("packages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "luci").add("count", 3))
                        .add(Json.createObjectBuilder().add("name", "vim").add("count", 2))
                        .add(Json.createObjectBuilder().add("name", "tcpdump").add("count", 1))
                        .add(Json.createObjectBuilder().add("name", "zerotier").add("count", 1)))
                .add("branch", JsonValue.NULL)
                .add("days", 30)
                .build(), all);

        JsonObject branch = report.topPackages(Optional.of("SNAPSHOT"), 30);
        assertEquals("SNAPSHOT", branch.getString("branch"));
        assertEquals(List.of("luci", "zerotier"), names(branch));
        assertEquals(List.of("luci", "vim"), names(report.topPackages(Optional.empty(), 2)));
        assertEquals(List.of(), names(report.topPackages(Optional.of("23.05"), 30)));
    }

    @Test
    void atMost100TopPackagesAreListed() {
        List<String> many = IntStream.range(0, 120).mapToObj(i -> String.format("pkg-%03d", i)).toList();
        at(NOW).requestedPackages("24.10", many);
        at(NOW).requestedPackages("24.10", List.of("pkg-119"));

        List<String> top = names(report.topPackages(Optional.empty(), 500));

        assertEquals(100, top.size());
        assertEquals("pkg-119", top.get(0));
        assertEquals("pkg-000", top.get(1));
        assertEquals(30, names(report.topPackages(Optional.empty(), BuildStatisticsReport.DEFAULT_TOP_PACKAGES)).size());
    }

    private static List<String> names(JsonObject topPackages) {
        return topPackages.getJsonArray("packages").getValuesAs(JsonObject.class).stream()
                .map(entry -> entry.getString("name")).toList();
    }

    @Test
    void anEmptyErrorLogSaysSo() {
        assertEquals("No build errors recorded.", report.buildErrors(100));
    }

    @Test
    void buildErrorsAreListedNewestFirstUnderASummary() {
        String device = "24.10-SNAPSHOT:ath79/generic:tplink_tl-wdr4300-v1";
        errorLogAt(Instant.parse("2026-06-01T08:00:00Z")).record("24.10-SNAPSHOT", "ath79/generic",
                "tplink_tl-wdr4300-v1", "Impossible package selection: missing (vim-full)");
        errorLogAt(Instant.parse("2026-06-02T09:30:05Z")).record("24.10-SNAPSHOT", "ath79/generic",
                "tplink_tl-wdr4300-v1", "Job ID " + "f".repeat(64) + " found \n twice");

        assertEquals("""
                Build Errors: 2 entries
                Time range: 2026-06-01 08:00:00 to 2026-06-02 09:30:05

                Recent errors:
                ------------------------------------------------------------
                2026-06-02 09:30:05 %1$s Job ID [job-id] found twice
                2026-06-01 08:00:00 %1$s Impossible package selection: missing (vim-full)""".formatted(device),
                report.buildErrors(100));
    }

    @Test
    void buildErrorsShowTheNewestNAtMost500() {
        for (int i = 0; i < 10; i++) {
            errorLogAt(NOW.plusSeconds(i)).record("SNAPSHOT", "x86/64", "generic", "Error " + i);
        }

        String summary = report.buildErrors(3);

        assertTrue(summary.startsWith("Build Errors: 3 entries\nTime range: 2026-06-02 10:15:07 to 2026-06-02 10:15:09\n"),
                summary);
        assertTrue(summary.endsWith("""
                2026-06-02 10:15:09 SNAPSHOT:x86/64:generic Error 9
                2026-06-02 10:15:08 SNAPSHOT:x86/64:generic Error 8
                2026-06-02 10:15:07 SNAPSHOT:x86/64:generic Error 7"""), summary);
        for (int i = 10; i < 600; i++) {
            errorLogAt(NOW).record("SNAPSHOT", "x86/64", "generic", "Error " + i);
        }
        assertTrue(report.buildErrors(10_000).startsWith("Build Errors: 500 entries\n"));
    }

    @Test
    void theErrorLogKeepsThe5000Newest() {
        BuildErrorLog log = errorLogAt(NOW);
        for (int i = 0; i < BuildErrorLog.MAX_ENTRIES + 3; i++) {
            log.record("SNAPSHOT", "x86/64", "generic", "Error " + i);
        }

        assertEquals(BuildErrorLog.MAX_ENTRIES, redis.llen(KEYS.buildErrors()));
        assertTrue(log.newest(1).get(0).endsWith(" Error 5002"));
        assertTrue(redis.lindex(KEYS.buildErrors(), -1).endsWith(" Error 3"));
    }
}
