package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildRequestReader;

/**
 * What an operator scrapes and reads: the Prometheus text at /metrics (every ASU metric by name,
 * and the build counters moving after a real build), liveness and readiness at the MicroProfile
 * Health endpoints, the OpenAPI document with every path and its status codes, and the rendered
 * /api-docs page, which loads nothing from outside the server.
 */
@AsuServer.Deployed
class OperationsIT {

    private static final List<String> METRICS = List.of(
            "asu_builds_total", "asu_build_duration_seconds", "asu_build_stage_duration_seconds",
            "asu_build_queue_depth", "asu_dead_letter_queue_depth", "asu_cache_hits_total", "asu_cache_misses_total",
            "asu_janitor_sync_duration_seconds", "asu_metadata_staleness_seconds", "asu_imagebuilder_downloads_total");

    private AsuClient asu;

    @BeforeEach
    void client(AsuClient asu) {
        this.asu = asu;
    }

    @Test
    void metricsListEveryAsuSeriesAndCountABuild() throws Exception {
        asu.awaitFirstSync();
        HttpResponse<String> before = asu.get("/metrics");
        assertEquals(200, before.statusCode());
        assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), before.headers().toString());
        for (String name : METRICS) {
            assertTrue(before.body().contains("# TYPE " + name), name + " missing from /metrics");
        }
        assertTrue(value(before.body(), "asu_build_stage_duration_seconds_bucket", "stage=\"building_image\",le=\"60.0\"") >= 0,
                "the stage timer has histogram buckets");
        assertTrue(value(before.body(), "asu_metadata_staleness_seconds", "") < 3600);

        // a device and package set no other test class builds: a cache miss, then a build that succeeds
        String body = "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\","
                + "\"packages\":[\"tcpdump\",\"iperf3\",\"vim\"]}";
        HttpResponse<String> accepted = asu.postJson("/api/v1/build", body);
        assertTrue(accepted.statusCode() == 202 || accepted.statusCode() == 200, accepted.body());
        String hash = AsuClient.json(accepted).getString("request_hash");
        assertEquals(200, asu.awaitFinished(hash, Duration.ofSeconds(180)).statusCode());
        assertEquals(200, asu.postJson("/api/v1/build", body).statusCode(), "now a cache hit");

        String after = asu.get("/metrics").body();
        assertTrue(value(after, "asu_builds_total", "outcome=\"done\"") >= value(before.body(), "asu_builds_total", "outcome=\"done\"") + 1, after);
        assertTrue(value(after, "asu_cache_misses_total", "") >= value(before.body(), "asu_cache_misses_total", "") + 1);
        assertTrue(value(after, "asu_cache_hits_total", "") >= value(before.body(), "asu_cache_hits_total", "") + 1);
        for (String stage : List.of("init", "container_setup", "validate_revision", "validate_manifest", "building_image")) {
            assertTrue(value(after, "asu_build_stage_duration_seconds_count", "stage=\"" + stage + "\"")
                    > value(before.body(), "asu_build_stage_duration_seconds_count", "stage=\"" + stage + "\""), stage);
        }
        assertTrue(value(after, "asu_build_duration_seconds_count", "outcome=\"done\"") >= 1);
        // the data directory (and its ImageBuilders) outlives a run, so this build may not have downloaded one
        assertTrue(value(after, "asu_imagebuilder_downloads_total", "") >= value(before.body(), "asu_imagebuilder_downloads_total", ""));
        assertTrue(value(after, "asu_build_queue_depth", "") >= 0);
        assertTrue(value(after, "asu_dead_letter_queue_depth", "") >= 0);
        assertTrue(value(after, "asu_janitor_sync_duration_seconds", "") > 0);
    }

    @Test
    void livenessAndReadinessAnswerAtTheMicroProfileEndpoints() {
        HttpResponse<String> live = asu.get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        JsonObject liveness = AsuClient.json(live);
        assertEquals("UP", liveness.getString("status"));
        assertTrue(checks(liveness).contains("embedded-broker"), live.body());

        HttpResponse<String> ready = asu.get("/health/ready");
        JsonObject readiness = AsuClient.json(ready);
        assertTrue(checks(readiness).containsAll(Set.of("redis", "build-queue", "upstream-metadata")), ready.body());
        assertFalse(checks(readiness).contains("embedded-broker"), "liveness checks stay out of readiness");
    }

    @Test
    void openApiListsEveryPathWithItsStatusCodes() {
        HttpResponse<String> yaml = asu.get("/openapi");
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.body().contains("/api/v1/build:"), "YAML by default");
        JsonObject api = AsuClient.json(asu.get("/openapi?format=json"));
        JsonObject paths = api.getJsonObject("paths");
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v1/build", List.of("post:200", "post:202", "post:400", "post:422", "post:500", "post:503", "post:529")),
                Map.entry("/api/v1/build/{requestHash}", List.of("get:200", "get:202", "get:404", "get:500")),
                Map.entry("/api/build", List.of("post:200", "post:202", "post:400", "post:422", "post:500")),
                Map.entry("/api/build/{requestHash}", List.of("get:200", "get:202", "get:404", "get:500")),
                Map.entry("/api/branches", List.of("get:200")),
                Map.entry("/api/latest", List.of("get:200")),
                Map.entry("/api/overview", List.of("get:301")),
                Map.entry("/api/v1/overview", List.of("get:301")),
                Map.entry("/api/v1/latest", List.of("get:301")),
                Map.entry("/overview", List.of("get:301")),
                Map.entry("/json/v1/overview.json", List.of("get:200", "get:304")),
                Map.entry("/json/v1/branches.json", List.of("get:200", "get:304")),
                Map.entry("/json/v1/latest.json", List.of("get:200", "get:304")),
                Map.entry("/json/v1/{path}/targets/{target}/{subtarget}/index.json", List.of("get:200", "get:404")),
                Map.entry("/json/v1/{path}/targets/{target}/{subtarget}/{profile}.json", List.of("get:200", "get:404")),
                Map.entry("/json/v1/{path}/packages/{arch}-index.json", List.of("get:200", "get:404")),
                Map.entry("/api/v1/revision/{version}/{target}/{subtarget}", List.of("get:200", "get:400", "get:404")),
                Map.entry("/api/v1/stats", List.of("get:200")),
                Map.entry("/api/v1/stats/summary", List.of("get:200")),
                Map.entry("/api/v1/builds-per-day", List.of("get:200")),
                Map.entry("/api/v1/builds-by-version", List.of("get:200")),
                Map.entry("/api/v1/top-packages", List.of("get:200", "get:422")),
                Map.entry("/api/v1/build-errors", List.of("get:200", "get:422")),
                Map.entry("/store/{path}", List.of("get:200", "get:206", "get:302", "get:404", "get:416")),
                Map.entry("/api-docs", List.of("get:200")),
                Map.entry("/admin/api/overview", List.of("get:200", "get:401")),
                Map.entry("/admin/api/dead-letters", List.of("get:200", "get:401", "get:503")),
                Map.entry("/admin/api/dead-letters/{id}/requeue", List.of("post:200", "post:401", "post:403", "post:404")),
                Map.entry("/admin/api/dead-letters/{id}", List.of("delete:200", "delete:401", "delete:403", "delete:404")),
                Map.entry("/admin/api/imagebuilders", List.of("get:200", "delete:200", "delete:403")),
                Map.entry("/admin/api/imagebuilders/{version}/{target}", List.of("delete:200", "delete:404")),
                Map.entry("/admin/api/janitor/sync", List.of("post:202", "post:403", "post:409")));
        expected.forEach((path, codes) -> {
            assertTrue(paths.containsKey(path), path + " missing from " + paths.keySet());
            for (String methodAndCode : codes) {
                String[] parts = methodAndCode.split(":");
                JsonObject operation = paths.getJsonObject(path).getJsonObject(parts[0]);
                assertTrue(operation != null && operation.getJsonObject("responses").containsKey(parts[1]),
                        path + " " + methodAndCode + " undocumented");
            }
        });
        assertEquals("basic", api.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("admin")
                .getString("scheme"), "the console's login is documented");
        JsonObject request = api.getJsonObject("components").getJsonObject("schemas").getJsonObject("BuildRequest");
        JsonObject fields = request.getJsonObject("properties");
        // every field of the contract as the domain writes a request back (all of them, defaults included)
        Set<String> contract = new BuildRequestReader(new BuildLimits(1, 1)).read(Json.createObjectBuilder()
                .add("version", "24.10.2").add("target", "ath79/generic").add("profile", "p").build()).toJson().keySet();
        assertEquals(contract, fields.keySet(), "documented fields");
        for (String field : contract) {
            assertFalse(fields.getJsonObject(field).getString("description", "").isBlank(), field + " has no sentence");
        }
        assertEquals("^[\\w]*/[\\w]*$", fields.getJsonObject("target").getString("pattern"));
        JsonObject limits = AsuClient.json(asu.get("/json/v1/overview.json")).getJsonObject("server");
        assertEquals(limits.getInt("max_defaults_length"), fields.getJsonObject("defaults").getInt("maxLength"), "the configured limit");
        assertEquals(limits.getInt("max_custom_rootfs_size_mb"), fields.getJsonObject("rootfs_size_mb").getInt("maximum"));
        assertEquals(Json.createArrayBuilder(BuildRequestReader.FILESYSTEMS).build(), fields.getJsonObject("filesystem").getJsonArray("enum"));
        assertTrue(request.getJsonArray("required").contains(jsonString("profile")));
        JsonObject post = paths.getJsonObject("/api/v1/build").getJsonObject("post");
        assertEquals("#/components/schemas/BuildRequest", post.getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
    }

    @Test
    void apiDocsRenderWithoutAnythingFromElsewhere() {
        HttpResponse<String> page = asu.get("/api-docs");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        Matcher references = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(page.body());
        int count = 0;
        while (references.find()) {
            String reference = references.group(1);
            assertTrue(reference.startsWith("/") && !reference.startsWith("//"), "page loads " + reference);
            if (!reference.startsWith("/openapi")) {
                assertEquals(200, asu.get(reference).statusCode(), reference);
            }
            count++;
        }
        assertTrue(count >= 2, page.body());
        HttpResponse<String> script = asu.get("/api-docs/api-docs.js");
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("fetch('/openapi?format=json'"));
        assertFalse(Pattern.compile("https?://|//[a-z]").matcher(script.body() + page.body()).find(), "no external URL");
    }

    private static Set<String> checks(JsonObject health) {
        return Set.copyOf(health.getJsonArray("checks").getValuesAs(JsonObject.class).stream().map(check -> check.getString("name")).toList());
    }

    private static JsonValue jsonString(String value) {
        return jakarta.json.Json.createValue(value);
    }

    /** The value of one series ({@code name{…labels…}}), 0 when absent. */
    private static double value(String prometheus, String name, String labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(prometheus);
        while (matcher.find()) {
            if (labels.isEmpty() || matcher.group(1).contains(labels)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }
}
