package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statistics endpoints and the build error log after real builds against the miniature
 * upstream: one that succeeds with an extra package and one that fails on an unknown package.
 * Other test classes share the Redis, so counts are checked as at least what this class caused.
 */
@AsuServer.Deployed
class StatsApiIT {

    private static final String DEVICE = AsuDeployment.ARCHER_C7;

    private AsuClient asu;

    @BeforeEach
    void clientAfterTheJanitorReadThePackageLists(@AsuServer.Synced AsuClient asu) {
        this.asu = asu;
    }

    @Test
    void aSuccessfulAndAFailedBuildShowInEveryStatistic() throws Exception {
        HttpResponse<String> built = build("{" + DEVICE + ",\"packages\":[\"iperf3\"]}");
        assertEquals(200, built.statusCode(), built.body());
        HttpResponse<String> failed = build("{" + DEVICE + ",\"packages\":[\"iperf3\",\"no-such-stats-package\"]}");
        assertEquals(500, failed.statusCode(), failed.body());

        JsonObject summary = json("/api/v1/stats/summary");
        assertTrue(summary.getJsonNumber("queue_length").longValue() >= 0, summary.toString());
        assertTrue(summary.getJsonNumber("builds_24h").longValue() >= 1, summary.toString());
        JsonObject stats = json("/api/v1/stats");
        assertEquals(List.of("queue_length"), List.copyOf(stats.keySet()));
        assertTrue(stats.getJsonNumber("queue_length").longValue() >= 0, stats.toString());

        JsonObject perDay = json("/api/v1/builds-per-day");
        List<String> labels = perDay.getJsonArray("labels").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertEquals(30, labels.size());
        assertEquals(LocalDate.now(ZoneOffset.UTC) + "Z", labels.get(29));
        List<JsonObject> datasets = perDay.getJsonArray("datasets").getValuesAs(JsonObject.class);
        assertEquals(List.of("Requests", "Cache-Hits", "Failures"), datasets.stream().map(set -> set.getString("label")).toList());
        assertTrue(today(datasets.get(0)) >= 2, perDay.toString());
        assertTrue(today(datasets.get(2)) >= 1, perDay.toString());

        JsonObject byVersion = json("/api/v1/builds-by-version");
        assertEquals(26, byVersion.getJsonArray("labels").size());
        JsonObject branch = byVersion.getJsonArray("datasets").getValuesAs(JsonObject.class).stream()
                .filter(set -> set.getString("label").equals("24.10")).findFirst().orElseThrow(() -> new AssertionError(byVersion.toString()));
        assertTrue(branch.getJsonArray("data").getJsonNumber(25).longValue() >= 1, byVersion.toString());
        assertTrue(json("/api/v1/builds-by-version?branch=24.10").getJsonArray("datasets").getValuesAs(JsonObject.class)
                .stream().anyMatch(set -> set.getString("label").equals("24.10.2")));

        JsonObject top = json("/api/v1/top-packages?branch=24.10&n=100");
        assertEquals("24.10", top.getString("branch"));
        assertEquals(30, top.getInt("days"));
        assertTrue(top.getJsonArray("packages").getValuesAs(JsonObject.class).stream()
                .anyMatch(entry -> entry.getString("name").equals("iperf3") && entry.getInt("count") >= 1), top.toString());
        assertTrue(json("/api/v1/top-packages").isNull("branch"));

        HttpResponse<String> errors = asu.get("/api/v1/build-errors?n=50");
        assertEquals(200, errors.statusCode());
        assertEquals("text/plain; charset=utf-8", errors.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(errors.body().startsWith("Build Errors: "), errors.body());
        assertTrue(errors.body().lines().anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
                + "24\\.10\\.2:ath79/generic:tplink_archer-c7-v5 Impossible package selection: missing \\(no-such-stats-package\\)")),
                errors.body());
        assertEquals(422, asu.get("/api/v1/build-errors?n=many").statusCode());
    }

    @Test
    void theOldOverviewAddressesStillAnswerBesideTheStatistics() {
        assertEquals(301, asu.get("/api/v1/overview").statusCode());
        assertEquals(200, asu.get("/api/branches").statusCode());
    }

    private HttpResponse<String> build(String body) throws InterruptedException {
        HttpResponse<String> accepted = asu.postJson("/api/v1/build", body);
        if (accepted.statusCode() != 202) {
            return accepted;
        }
        return asu.awaitFinished(AsuClient.json(accepted).getString("request_hash"), Duration.ofSeconds(120));
    }

    private JsonObject json(String path) {
        HttpResponse<String> response = asu.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        return AsuClient.json(response);
    }

    private static long today(JsonObject dataset) {
        List<JsonNumber> data = dataset.getJsonArray("data").getValuesAs(JsonNumber.class);
        assertEquals(30, data.size());
        return data.get(29).longValue();
    }
}
