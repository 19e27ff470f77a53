package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openwrt.asu.infrastructure.redis.BuildErrorLog;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.BuildStatistics.Event;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * The statistics the server shows, in the original server's documents: queue length, builds of the last
 * 24 hours, requests per day, builds per week by version, the most asked-for packages and the
 * build error log.
 *
 * <p>Charts end with the current UTC day: buckets run from {@code stop − buckets × interval} to
 * the next UTC midnight, each labelled with the UTC date it starts on and a {@code Z}
 * ({@code 2026-06-02Z}); a bucket without data is 0. Counts are integers.
 */
@ApplicationScoped
public class BuildStatisticsReport {

    static final int DAYS_PER_CHART = 30;
    static final int WEEKS_PER_CHART = 26;
    static final int DEFAULT_TOP_PACKAGES = 30;
    static final int MAX_TOP_PACKAGES = 100;
    static final int DEFAULT_ERRORS = 100;
    static final int MAX_ERRORS = 500;

    private BuildStatistics statistics;
    private BuildErrorLog errorLog;
    private BuildStore store;
    private Clock clock;

    protected BuildStatisticsReport() {
    }

    @Inject
    public BuildStatisticsReport(BuildStatistics statistics, BuildErrorLog errorLog, BuildStore store) {
        this(statistics, errorLog, store, Clock.systemUTC());
    }

    /** Wired by hand (tests), with the clock that ends the charts. */
    public BuildStatisticsReport(BuildStatistics statistics, BuildErrorLog errorLog, BuildStore store, Clock clock) {
        this.statistics = statistics;
        this.errorLog = errorLog;
        this.store = store;
        this.clock = clock;
    }

    /** {@code {"queue_length": n}}: builds waiting for a builder. */
    public JsonObject queue() {
        return Json.createObjectBuilder().add("queue_length", store.queueLength()).build();
    }

    /** {@code {"queue_length": n, "builds_24h": m}}: m successful builds in this UTC hour and the 23 before. */
    public JsonObject summary() {
        long builds = statistics.eventsPerHour(clock.instant().minus(Duration.ofHours(23)), 24).stream()
                .mapToLong(hour -> hour.get(Event.SUCCESSES)).sum();
        return Json.createObjectBuilder()
                .add("queue_length", store.queueLength())
                .add("builds_24h", builds)
                .build();
    }

    /** Requests, cache hits and failures per UTC day of the last 30 days. */
    public JsonObject buildsPerDay() {
        LocalDate first = today().minusDays(DAYS_PER_CHART - 1);
        List<Map<Event, Long>> hours = statistics.eventsPerHour(first.atStartOfDay().toInstant(ZoneOffset.UTC),
                DAYS_PER_CHART * 24);
        long[] requests = new long[DAYS_PER_CHART];
        long[] cacheHits = new long[DAYS_PER_CHART];
        long[] failures = new long[DAYS_PER_CHART];
        for (int hour = 0; hour < hours.size(); hour++) {
            requests[hour / 24] += hours.get(hour).get(Event.REQUESTS);
            cacheHits[hour / 24] += hours.get(hour).get(Event.CACHE_HITS);
            failures[hour / 24] += hours.get(hour).get(Event.FAILURES);
        }
        return Json.createObjectBuilder()
                .add("labels", labels(first, DAYS_PER_CHART, 1))
                .add("datasets", Json.createArrayBuilder()
                        .add(dataset("Requests", requests).add("color", "green"))
                        .add(dataset("Cache-Hits", cacheHits).add("color", "orange"))
                        .add(dataset("Failures", failures).add("color", "red")))
                .build();
    }

    /**
     * Successful builds per week of the last 26, one dataset per version: without a branch the
     * versions of a release branch count together ({@code 23.05.5} and {@code 23.05-SNAPSHOT} as
     * {@code 23.05}), with a branch only its versions count, each on its own.
     */
    public JsonObject buildsByVersion(Optional<String> branch) {
        LocalDate first = today().minusDays(WEEKS_PER_CHART * 7L - 1);
        List<Map<String, Long>> days = statistics.buildsPerDay(first, WEEKS_PER_CHART * 7);
        Map<String, long[]> versions = new TreeMap<>();
        for (int day = 0; day < days.size(); day++) {
            int week = day / 7;
            days.get(day).forEach((device, count) -> versionLabel(device.split(":", 2)[0], branch)
                    .ifPresent(label -> versions.computeIfAbsent(label, any -> new long[WEEKS_PER_CHART])[week] += count));
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        versions.forEach((label, data) -> datasets.add(dataset(label, data)));
        return Json.createObjectBuilder()
                .add("labels", labels(first, WEEKS_PER_CHART, 7))
                .add("datasets", datasets)
                .build();
    }

    /** The label a version's builds count under, or none when it is not of the branch asked for. */
    static Optional<String> versionLabel(String version, Optional<String> branch) {
        if (branch.isPresent()) {
            return version.startsWith(branch.get()) ? Optional.of(version) : Optional.empty();
        }
        return Optional.of(version.contains(".") ? version.substring(0, Math.min(5, version.length())) : version);
    }

    /**
     * The {@code n} packages (at most 100) asked for most often beyond the defaults in the last
     * 30 days, of one branch or all; ties in name order.
     */
    public JsonObject topPackages(Optional<String> branch, int n) {
        int limit = Math.max(0, Math.min(n, MAX_TOP_PACKAGES));
        Map<String, Long> totals = new HashMap<>();
        statistics.packagesPerDay(branch, today().minusDays(DAYS_PER_CHART - 1), DAYS_PER_CHART)
                .forEach(day -> day.forEach((name, count) -> totals.merge(name, count, Long::sum)));
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(totals.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        JsonArrayBuilder packages = Json.createArrayBuilder();
        ranked.stream().limit(limit).forEach(entry -> packages.add(Json.createObjectBuilder()
                .add("name", entry.getKey()).add("count", entry.getValue())));
        return Json.createObjectBuilder()
                .add("packages", packages)
                .add("branch", branch.<JsonValue>map(Json::createValue).orElse(JsonValue.NULL))
                .add("days", DAYS_PER_CHART)
                .build();
    }

    /** The newest {@code n} (at most 500) build errors as text: a header, then one line each, newest first. */
    public String buildErrors(int n) {
        List<String> entries = errorLog.newest(Math.min(n, MAX_ERRORS));
        if (entries.isEmpty()) {
            return "No build errors recorded.";
        }
        List<String> lines = new ArrayList<>(entries.size() + 5);
        lines.add("Build Errors: " + entries.size() + " entries");
        lines.add("Time range: " + timestamp(entries.get(entries.size() - 1)) + " to " + timestamp(entries.get(0)));
        lines.add("");
        lines.add("Recent errors:");
        lines.add("-".repeat(60));
        lines.addAll(entries);
        return String.join("\n", lines);
    }

    private static String timestamp(String entry) {
        return entry.substring(0, Math.min(19, entry.length()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static JsonArrayBuilder labels(LocalDate first, int buckets, int daysPerBucket) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        for (int i = 0; i < buckets; i++) {
            labels.add(first.plusDays((long) i * daysPerBucket) + "Z");
        }
        return labels;
    }

    private static JsonObjectBuilder dataset(String label, long[] data) {
        JsonArrayBuilder values = Json.createArrayBuilder();
        for (long value : data) {
            values.add(value);
        }
        return Json.createObjectBuilder().add("label", label).add("data", values);
    }
}
