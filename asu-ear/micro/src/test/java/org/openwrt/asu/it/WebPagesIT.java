package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The overview ({@code /}) and statistics ({@code /stats}) pages in a real browser: after one
 * successful build with an extra package and one that fails, headless Chromium loads both pages
 * from the deployed server and the test reads what they display, checked against the JSON the
 * pages are drawn from. Screenshots of both go to {@code target/web-pages/}.
 */
@AsuServer.Deployed
class WebPagesIT {

    private static final String DEVICE = AsuDeployment.ARCHER_C7;
    private static final String EXTRA_PACKAGE = "tcpdump";
    private static final String MISSING_PACKAGE = "no-such-web-pages-package";

    private URI base;
    private AsuClient asu;

    @BeforeEach
    void clientAfterTheJanitorReadThePackageLists(@AsuServer.Synced AsuClient asu, URI base) {
        this.asu = asu;
        this.base = base;
    }

    @Test
    void theOverviewAndTheStatisticsShowTheBuildsInABrowser() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find().orElseGet(() -> fail(
                "WebPagesIT needs Chromium: install Debian's chromium (apt-get install chromium, as misc/test does) "
                        + "or name the binary with -Dasu.it.chromium=<path>"));
        assertEquals(200, build("{" + DEVICE + ",\"packages\":[\"" + EXTRA_PACKAGE + "\"]}").statusCode());
        assertEquals(500, build("{" + DEVICE + ",\"packages\":[\"" + MISSING_PACKAGE + "\"]}").statusCode());
        JsonObject overview = AsuClient.json(asu.get("/json/v1/overview.json"));

        RenderedPage home = new RenderedPage(chromium.dumpDom(base.resolve("/")));
        assertEquals(overview.getJsonObject("server").getString("version"), home.require("id=\"server-version\"").text());
        for (String branch : List.of("24.10", "23.05", "SNAPSHOT")) {
            RenderedPage row = home.require("data-branch=\"" + branch + "\"");
            List<String> versions = overview.getJsonObject("branches").getJsonObject(branch).getJsonArray("versions")
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            assertFalse(versions.isEmpty(), branch);
            assertEquals(versions, row.values("data-version"), row.toString());
            assertTrue(row.text().startsWith(branch), row.text());
        }
        assertTrue(home.require("data-branch=\"24.10\"").values("data-version").contains("24.10.2"));
        assertTrue(home.require("id=\"queue-length\"").text().matches("\\d+"), home.require("id=\"queue-length\"").toString());
        assertTrue(Long.parseLong(home.require("id=\"builds-24h\"").text().replace(",", "")) >= 1);
        assertEquals("not allowed", home.require("id=\"allow-defaults\"").text());
        assertEquals("1,024 MB", home.require("id=\"max-rootfs-size\"").text());
        String errors = home.require("id=\"build-error-log\"").text();
        assertTrue(errors.matches(".*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC 24\\.10\\.2:ath79/generic:tplink_archer-c7-v5 "
                + "Impossible package selection: missing \\(" + MISSING_PACKAGE + "\\).*"), errors);
        assertTrue(home.contains("href=\"/api-docs\"") && home.contains("href=\"/openapi\""), "links to the API docs");

        RenderedPage stats = new RenderedPage(chromium.dumpDom(base.resolve("/stats")));
        RenderedPage perDay = stats.require("id=\"per-day-chart\"");
        for (String series : List.of("Requests", "Cache-Hits", "Failures")) {
            assertEquals(30, perDay.require("data-series=\"" + series + "\"").count("circle"), series);
        }
        assertTrue(today(perDay.require("data-series=\"Requests\"")) >= 2, perDay.toString());
        assertTrue(today(perDay.require("data-series=\"Failures\"")) >= 1, perDay.toString());
        RenderedPage branch2410 = stats.require("id=\"by-version-chart\"").require("data-series=\"24.10\"");
        assertEquals(26, branch2410.count("rect"), branch2410.toString());
        assertTrue(today(branch2410) >= 1, branch2410.toString());
        List<String> configured = new ArrayList<>(overview.getJsonObject("branches").keySet());
        Collections.reverse(configured);
        List<String> offered = stats.require("id=\"by-version-branch\"").values("value");
        assertEquals(Stream.concat(Stream.of(""), configured.stream()).toList(), offered, "all, then the branches in reverse order");
        assertTrue(offered.containsAll(List.of("24.10", "23.05", "SNAPSHOT")), offered.toString());
        assertEquals(offered, stats.require("id=\"top-packages-branch\"").values("value"));
        // other test classes share the statistics: the table must show what the API ranks first
        String first = topPackage("");
        RenderedPage top = stats.require("id=\"top-packages-table\"");
        assertTrue(top.require("data-package=\"" + first + "\"").text().matches("\\d+ " + first + " \\d+"), top.toString());
        assertTrue(stats.require("id=\"builds-24h\"").text().matches("[\\d,]+"));

        RenderedPage oneBranch = new RenderedPage(chromium.dumpDom(base.resolve("/stats?version_branch=24.10&package_branch=24.10")));
        assertEquals(26, oneBranch.require("id=\"by-version-chart\"").require("data-series=\"24.10.2\"").count("rect"));
        assertTrue(oneBranch.require("id=\"top-packages-table\"").contains("data-package=\"" + topPackage("?branch=24.10") + "\""));

        Path shots = Path.of(System.getProperty("asu.it.dir")).resolveSibling("web-pages");
        Files.createDirectories(shots);
        chromium.screenshot(base.resolve("/"), shots.resolve("overview.png"));
        chromium.screenshot(base.resolve("/stats"), shots.resolve("stats.png"));
    }

    @Test
    void pagesAndTheirFilesAreServedWithTypesAndValidators() throws Exception {
        HttpResponse<String> page = asu.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
        assertEquals("no-cache", header(page, "Cache-Control"));
        assertTrue(header(page, "Content-Security-Policy").startsWith("default-src 'self'"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"/static/overview.js\">"));
        assertEquals("text/html; charset=utf-8", header(asu.get("/stats"), "Content-Type"));

        HttpResponse<String> css = asu.get("/static/asu.css");
        assertEquals(200, css.statusCode());
        assertEquals("text/css; charset=utf-8", header(css, "Content-Type"));
        assertEquals("max-age=3600", header(css, "Cache-Control"));
        assertEquals("nosniff", header(css, "X-Content-Type-Options"));
        String etag = header(css, "ETag");
        HttpResponse<String> unchanged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/static/asu.css"))
                .header("If-None-Match", etag).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, unchanged.statusCode());
        for (String script : List.of("overview.js", "stats.js", "charts.js", "common.js")) {
            assertEquals("text/javascript; charset=utf-8", header(asu.get("/static/" + script), "Content-Type"), script);
        }
        assertEquals("image/svg+xml", header(asu.get("/static/favicon.svg"), "Content-Type"));

        for (String missing : List.of("/static/nope.js", "/static/overview.html", "/static/")) {
            HttpResponse<String> answer = asu.get(missing);
            assertEquals(404, answer.statusCode(), missing);
            assertTrue(header(answer, "Content-Type").startsWith("application/json"), missing);
            assertEquals(404, AsuClient.json(answer).getInt("status"), missing);
        }
        HttpResponse<String> escapedSlash = asu.get("/static/..%2Fstats.html"); // the HTTP edge refuses it
        assertEquals(400, escapedSlash.statusCode());
        assertTrue(header(escapedSlash, "Content-Type").startsWith("application/json"));
        assertEquals(200, asu.get("/json/v1/overview.json").statusCode());
        assertEquals(200, asu.get("/api/v1/stats").statusCode());
        assertEquals(301, asu.get("/overview").statusCode());
        assertEquals(404, asu.get("/no/such/page").statusCode());
    }

    private HttpResponse<String> build(String body) throws InterruptedException {
        HttpResponse<String> accepted = asu.postJson("/api/v1/build", body);
        if (accepted.statusCode() != 202) {
            return accepted;
        }
        return asu.awaitFinished(AsuClient.json(accepted).getString("request_hash"), Duration.ofSeconds(120));
    }

    /** The value of the last point or bar of a series: today, or this week. */
    private static double today(RenderedPage series) {
        List<String> values = series.values("data-value");
        return Double.parseDouble(values.get(values.size() - 1));
    }

    private static String header(HttpResponse<String> response, String name) throws IOException {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    /** The first package of {@code /api/v1/top-packages}, which the page's table must show. */
    private String topPackage(String query) {
        JsonObject ranking = AsuClient.json(asu.get("/api/v1/top-packages" + query));
        assertFalse(ranking.getJsonArray("packages").isEmpty(), ranking.toString());
        return ranking.getJsonArray("packages").getJsonObject(0).getString("name");
    }
}
